import type { Broker } from './broker.js'
import { MemoryBroker } from './memory-broker.js'
import { RedisBroker } from './redis-broker.js'

/** The broker the configuration asks for: Redis when `redisUrl` is set, the in-process one otherwise. */
export function createBroker(
  config: { redisUrl?: string | null | undefined },
  onError?: (error: unknown) => void,
  onStatus?: (message: string) => void,
): Broker {
  const options = onError ? { onError } : {}
  if (!config.redisUrl) return new MemoryBroker(options)
  return new RedisBroker(config.redisUrl, { ...options, ...(onStatus ? { onStatus } : {}) })
}
