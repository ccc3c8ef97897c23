import type { Broker } from './broker.js'
import { MemoryBroker } from './memory-broker.js'
import { RedisBroker } from './redis-broker.js'

/** The broker the configuration asks for: Redis when `redisUrl` is set, the in-process one otherwise. */
export function createBroker(
  config: { redisUrl?: string | null | undefined },
  onError?: (error: unknown) => void,
): Broker {
  const options = onError ? { onError } : {}
  return config.redisUrl ? new RedisBroker(config.redisUrl, options) : new MemoryBroker(options)
}
