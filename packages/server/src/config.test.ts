import { describe, expect, it } from 'vitest'
import { loadConfig } from './config.js'

describe('loadConfig', () => {
  it('has embedded defaults: port 8080, SQLite under ./data, demo mode, random secret', () => {
    const config = loadConfig({})
    expect(config.port).toBe(8080)
    expect(config.host).toBe('0.0.0.0')
    expect(config.database).toEqual({ dialect: 'sqlite', file: expect.stringMatching(/data[/\\]tether\.sqlite$/) })
    expect(config.demoMode).toBe(true)
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32)
    expect(loadConfig({}).sessionSecret).not.toBe(config.sessionSecret)
    expect(config.heartrate.intervalMs).toBe(500)
    expect(config.limits).toMatchObject({ maxPayload: 65536, maxBufferedBytes: 1048576, pingIntervalMs: 30000 })
    expect(config.proxy).toMatchObject({ allow: [], allowSelf: true })
  })

  it('switches to PostgreSQL with demo mode off, which needs a session secret', () => {
    const url = 'postgres://u@db.example:5432/hr'
    expect(() => loadConfig({ DATABASE_URL: url })).toThrow(/SESSION_SECRET is required/)
    const config = loadConfig({ DATABASE_URL: url, SESSION_SECRET: 'x'.repeat(32), DATABASE_SCHEMA: 'tether' })
    expect(config.database).toEqual({ dialect: 'postgres', url, schema: 'tether' })
    expect(config.demoMode).toBe(false)
    expect(loadConfig({ DATABASE_URL: url, TETHER_DEMO: '1' }).demoMode).toBe(true)
  })

  it('reads lists and numbers, and names the variable when a value is bad', () => {
    const config = loadConfig({
      ALLOWED_ORIGINS: 'https://a.example, http://b.example:8080/',
      PROXY_ALLOW: 'x.example:443,y.example',
    })
    expect(config.allowedOrigins).toEqual(['https://a.example', 'http://b.example:8080'])
    expect(config.proxy.allow).toEqual(['x.example:443', 'y.example'])
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty" is invalid/)
    expect(() => loadConfig({ TETHER_DEMO: 'maybe' })).toThrow(/TETHER_DEMO/)
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/)
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET/)
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'not a url' })).toThrow(/ALLOWED_ORIGINS/)
  })
})
