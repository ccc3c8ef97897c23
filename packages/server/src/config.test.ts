import { describe, expect, it } from 'vitest'
import { loadConfig } from './config.js'
import { defaultMaxConnections } from './limits/index.js'

describe('loadConfig', () => {
  it('has embedded defaults: port 8080, SQLite under ./data, demo mode, no secret (kept in DATA_DIR)', () => {
    const config = loadConfig({})
    expect(config.port).toBe(8080)
    expect(config.host).toBe('0.0.0.0')
    expect(config.database).toEqual({ dialect: 'sqlite', file: expect.stringMatching(/data[/\\]tether\.sqlite$/) })
    expect(config.demoMode).toBe(true)
    expect(config.sessionSecret).toBeNull()
    expect(config.heartrate.intervalMs).toBe(500)
    expect(config.limits).toMatchObject({ maxPayload: 65536, maxBufferedBytes: 1048576, pingIntervalMs: 30000 })
    expect(config.proxy).toMatchObject({ allow: [], allowSelf: true })
    expect(config.chat).toEqual({
      historyMax: 200,
      messageMaxChars: 2000,
      joinBufferMax: 1000,
      pendingPostsMax: 100,
      maxConnectionsPerUser: 20,
      retentionMessages: 10_000,
      retentionTotalMessages: 1_000_000,
      ratePerSecond: 20,
      rateBurst: 100,
      rooms: null,
    })
    expect(config.limits).toMatchObject({ maxConnectionsPerClient: 100 })
    expect(config.metrics).toEqual({ token: null, port: null, host: '127.0.0.1' })
    expect(config.limits.maxConnections).toBe(defaultMaxConnections())
    expect(config.sessionMaxPerUser).toBe(20)
    expect(config.login.trackedKeysMax).toBe(10_000)
  })

  it('reads the chat limits and the login throttle bound', () => {
    const config = loadConfig({
      CHAT_HISTORY_MAX: '0',
      CHAT_MESSAGE_MAX_CHARS: '10',
      CHAT_JOIN_BUFFER_MAX: '50',
      CHAT_PENDING_POSTS_MAX: '5',
      LOGIN_TRACKED_KEYS_MAX: '500',
      CHAT_MAX_CONNECTIONS_PER_USER: '3',
      CHAT_RETENTION_MESSAGES: '0',
      CHAT_RETENTION_TOTAL_MESSAGES: '0',
      CHAT_RATE_PER_SECOND: '2',
      CHAT_RATE_BURST: '4',
      WS_MAX_CONNECTIONS: '7',
      WS_MAX_CONNECTIONS_PER_CLIENT: '2',
      WS_RESERVED_FOR_SIGNED_IN: '6',
      SESSION_MAX_PER_USER: '2',
    })
    expect(config.chat).toEqual({
      historyMax: 0,
      messageMaxChars: 10,
      joinBufferMax: 50,
      pendingPostsMax: 5,
      maxConnectionsPerUser: 3,
      retentionMessages: 0,
      retentionTotalMessages: 0,
      ratePerSecond: 2,
      rateBurst: 4,
      rooms: null,
    })
    expect(config.limits).toMatchObject({ maxConnections: 7, maxConnectionsPerClient: 2, reservedForSignedIn: 6 })
    expect(config.sessionMaxPerUser).toBe(2)
    expect(config.login.trackedKeysMax).toBe(500)
  })

  it.each([
    ['CHAT_HISTORY_MAX', '-1'],
    ['CHAT_HISTORY_MAX', '10001'],
    ['CHAT_HISTORY_MAX', 'lots'],
    ['CHAT_MESSAGE_MAX_CHARS', '0'],
    ['CHAT_MESSAGE_MAX_CHARS', '1.5'],
    ['CHAT_JOIN_BUFFER_MAX', '0'],
    ['CHAT_PENDING_POSTS_MAX', '0'],
    ['CHAT_PENDING_POSTS_MAX', '100001'],
    ['LOGIN_TRACKED_KEYS_MAX', '99'],
    ['WS_MAX_CONNECTIONS', '0'],
    ['WS_RESERVED_FOR_SIGNED_IN', '20000000'],
    ['CHAT_RATE_PER_SECOND', '0'],
    ['METRICS_PORT', '70000'],
    ['WS_MAX_CONNECTIONS', 'many'],
    ['CHAT_MAX_CONNECTIONS_PER_USER', '0'],
    ['CHAT_RETENTION_MESSAGES', '-1'],
    ['CHAT_RETENTION_MESSAGES', '2.5'],
    ['SESSION_MAX_PER_USER', '0'],
    ['SESSION_MAX_PER_USER', '10001'],
  ])('refuses %s=%s with TETHER_INVALID_CONFIG naming the variable', (name, value) => {
    let thrown: unknown
    try {
      loadConfig({ [name]: value })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toMatchObject({ code: 'TETHER_INVALID_CONFIG' })
    expect((thrown as Error).message).toContain(`${name}="${value}" is invalid`)
  })

  it('switches to PostgreSQL with demo mode off, which needs a session secret', () => {
    const url = 'postgres://u@db.example:5432/hr'
    expect(() => loadConfig({ DATABASE_URL: url })).toThrow(/SESSION_SECRET is required/)
    const config = loadConfig({ DATABASE_URL: url, SESSION_SECRET: 'x'.repeat(32), DATABASE_SCHEMA: 'tether' })
    expect(config.database).toEqual({
      dialect: 'postgres',
      url,
      schema: 'tether',
      connectTimeoutMs: 10_000,
      statementTimeoutMs: 30_000,
    })
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
