import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { logSecurityEvent, SECURITY_EVENTS_PER_MINUTE, SecurityEvents } from './security-events.js'

describe('logSecurityEvent', () => {
  it('logs at most SECURITY_EVENTS_PER_MINUTE lines per event and minute, then says how many it left out', () => {
    const lines: Record<string, unknown>[] = []
    const { log } = Fastify({
      logger: { level: 'info', stream: { write: (line: string) => lines.push(JSON.parse(line)) } },
    })
    const start = 1_000_000_000
    for (let i = 0; i < SECURITY_EVENTS_PER_MINUTE + 50; i++)
      logSecurityEvent(log, SecurityEvents.HOST_REFUSED, { host: `h${i}.example` }, start + i)
    // Another event has its own budget.
    logSecurityEvent(log, SecurityEvents.LOGIN_FAILED, { username: 'user1' }, start + 200)
    expect(lines.filter((l) => l.securityEvent === 'host_refused')).toHaveLength(SECURITY_EVENTS_PER_MINUTE)
    expect(lines.filter((l) => l.securityEvent === 'login_failed')).toHaveLength(1)

    logSecurityEvent(log, SecurityEvents.HOST_REFUSED, { host: 'next.example' }, start + 60_000)
    expect(lines.at(-1)).toMatchObject({ securityEvent: 'host_refused', host: 'next.example', suppressed: 50 })
    logSecurityEvent(log, SecurityEvents.HOST_REFUSED, { host: 'then.example' }, start + 60_001)
    expect(lines.at(-1)).not.toHaveProperty('suppressed')
  })
})
