import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../config.js'
import { defaultMaxConnections, FALLBACK_MAX_CONNECTIONS, openFileLimit } from './open-file-limit.js'

describe('the default WS_MAX_CONNECTIONS', () => {
  it('reads the soft open-file limit of this process', () => {
    const limits = join(mkdtempSync(join(tmpdir(), 'tether-limits-')), 'limits')
    writeFileSync(
      limits,
      'Limit                     Soft Limit           Hard Limit           Units\nMax open files            1024                 524288               files\n',
    )
    expect(openFileLimit(limits)).toBe(1024)
    expect(openFileLimit(join(limits, 'missing'))).toBeNull()
  })

  it('stays below the open-file limit, so sockets are refused with 1013 before descriptors run out', () => {
    expect(defaultMaxConnections(1024)).toBe(821)
    expect(defaultMaxConnections(20_000)).toBe(17_900)
    expect(defaultMaxConnections(null)).toBe(FALLBACK_MAX_CONNECTIONS)
    const limit = openFileLimit()
    const config = loadConfig({})
    if (limit !== null) expect(config.limits.maxConnections).toBeLessThan(limit)
    expect(config.limits.reservedForSignedIn).toBe(Math.floor(config.limits.maxConnections / 10))
  })
})
