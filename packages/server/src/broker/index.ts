export type { Broker, BrokerHandler } from './broker.js'
export { createBroker } from './create-broker.js'
export { MemoryBroker } from './memory-broker.js'
export { RedisBroker } from './redis-broker.js'
