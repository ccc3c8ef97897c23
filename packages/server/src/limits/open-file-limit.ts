import { readFileSync } from 'node:fs'

/** Used when the open-file limit cannot be read (not Linux, or /proc hidden). */
export const FALLBACK_MAX_CONNECTIONS = 20_000

/** File descriptors kept free for everything that is not a WebSocket: HTTP, the database, Redis, files. */
export const DESCRIPTORS_KEPT_FREE = 100

/**
 * The process's soft limit on open files (`ulimit -n`), read from `/proc/self/limits`; null when it
 * cannot be read or is unlimited. Node has no API for getrlimit.
 */
export function openFileLimit(limits = '/proc/self/limits'): number | null {
  try {
    const line = readFileSync(limits, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'))
    const soft = line?.slice('Max open files'.length).trim().split(/\s+/)[0]
    if (!soft || !/^\d+$/.test(soft)) return null
    return Number(soft)
  } catch {
    return null
  }
}

/**
 * The default `WS_MAX_CONNECTIONS`: 90 % of the open-file limit less `DESCRIPTORS_KEPT_FREE`, so the
 * process refuses WebSockets with 1013 before it runs out of descriptors (then it could not even
 * accept an HTTP request or open a database connection, and nothing would be logged).
 */
export function defaultMaxConnections(limit = openFileLimit()): number {
  if (limit === null) return FALLBACK_MAX_CONNECTIONS
  return Math.max(1, Math.floor(limit * 0.9) - DESCRIPTORS_KEPT_FREE)
}
