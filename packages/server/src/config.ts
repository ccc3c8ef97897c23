import { isIP } from 'node:net'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SESSION_SECRET_MIN_CHARS } from './auth/session-secret.js'
import { isRoomName } from './chat/chat-query.js'
import { ApiError, ApiErrorCodes } from './errors/index.js'
import { defaultMaxConnections } from './limits/open-file-limit.js'

/** Everything the server reads from its environment, resolved once at start. See the README's table. */
export interface ServerConfig {
  /** TCP port. `PORT`, defaults to 8080 (0 picks a free port). */
  port: number
  /** Interface to bind. `HOST`, defaults to 0.0.0.0. */
  host: string
  /** Folder for the embedded SQLite database. `DATA_DIR`, defaults to `./data` (created if missing). */
  dataDir: string
  /** The database: SQLite file under dataDir unless `DATABASE_URL` is postgres://. */
  database:
    | { dialect: 'sqlite'; file: string }
    | {
        dialect: 'postgres'
        url: string
        schema: string | null
        /** How long connecting (TCP and login) may take. `DATABASE_CONNECT_TIMEOUT_MS`, defaults to 10000. */
        connectTimeoutMs: number
        /** How long one statement may run; the server cancels it, the client gives up a second later. `DATABASE_STATEMENT_TIMEOUT_MS`, defaults to 30000. */
        statementTimeoutMs: number
      }
  /** Prometheus metrics: never public. */
  metrics: {
    /** Serves `/metrics` on the main port to requests with `Authorization: Bearer <token>`. `METRICS_TOKEN` (at least 16 characters), defaults to none (not served there). */
    token: string | null
    /** Serves `/metrics` without a token on its own port. `METRICS_PORT`, defaults to none. */
    port: number | null
    /** The interface of `METRICS_PORT`. `METRICS_HOST`, defaults to 127.0.0.1 (loopback only). */
    host: string
  }
  /** How long a graceful shutdown (SIGTERM/SIGINT) may take before the process exits anyway. `SHUTDOWN_TIMEOUT_MS`, defaults to 10000. */
  shutdownTimeoutMs: number
  /** Demo mode seeds the demo users. `TETHER_DEMO`, defaults to on for the embedded database, off otherwise. */
  demoMode: boolean
  /** The administrator created or reset at start. `TETHER_ADMIN_USERNAME` (defaults to admin) and `TETHER_ADMIN_PASSWORD` (at least 12 characters); none when the password is unset. */
  admin: { username: string; password: string } | null
  /** Secret signing session cookies. `SESSION_SECRET`, required outside demo mode; null in demo mode when unset (the server then keeps one in `<dataDir>/session-secret`). */
  sessionSecret: string | null
  /** How long a session lasts. `SESSION_TTL_MS`, defaults to 12 hours. */
  sessionTtlMs: number
  /** Sessions one user may have at once; a login beyond it ends that user's oldest. `SESSION_MAX_PER_USER`, defaults to 20. */
  sessionMaxPerUser: number
  /** How often each instance closes the WebSockets of sessions that expired or ended unannounced. `SESSION_CHECK_INTERVAL_MS`, defaults to 60000. */
  sessionCheckIntervalMs: number
  /**
   * Which reverse proxies' X-Forwarded-* to trust (client IP, https detection): none (false), the
   * nearest N hops (a number; `true` is 1), or proxies at these addresses/CIDRs. `TRUST_PROXY`, defaults to false.
   */
  trustProxy: false | number | string[]
  /** Extra origins (besides the server's own) allowed to call the API and open WebSockets. `ALLOWED_ORIGINS`, comma-separated. */
  allowedOrigins: string[]
  /** Host names (besides loopback, the machine's addresses and HOST) requests may name; `*` allows any. `ALLOWED_HOSTS`, comma-separated. */
  allowedHosts: string[]
  /** Redis for multi-instance fan-out. `REDIS_URL`, defaults to none (in-process broker). */
  redisUrl: string | null
  /** Pino log level. `LOG_LEVEL`, defaults to info. */
  logLevel: string
  /** Login throttling per client IP and username. */
  login: {
    /** Failed attempts allowed per window. `LOGIN_MAX_ATTEMPTS`, defaults to 5. */
    maxAttempts: number
    /** Window length. `LOGIN_WINDOW_MS`, defaults to 15 minutes. */
    windowMs: number
    /** Client keys (IP + username, IP) whose failures are remembered; the oldest is forgotten first. `LOGIN_TRACKED_KEYS_MAX`, defaults to 10000. */
    trackedKeysMax: number
    /** Password checks (scrypt, on libuv's thread pool) running at once. `LOGIN_CONCURRENT_CHECKS`, defaults to 2. */
    concurrentChecks: number
    /** Logins waiting for a password check; beyond, `503 TETHER_BUSY`. `LOGIN_QUEUE_MAX`, defaults to 100. */
    queueMax: number
  }
  /** Folder of Tether projects served under `/apps/<name>/` and edited by the studio. `PROJECTS_DIR`, defaults to `<dataDir>/projects`. */
  projectsDir: string
  /**
   * The project templates (the repository's `examples/`): read, never written. When `projectsDir` does
   * not exist at start, it is created with a copy of each.
   */
  templatesDir: string
  /** The browser runtime bundle. `APP_DIR`, defaults to `packages/react/dist-app`. */
  appDir: string
  /** The studio's built bundle, served under `/studio/`. `STUDIO_DIR`, defaults to `packages/studio/dist-app`. */
  studioDir: string
  /** The demo heartrate service. */
  heartrate: {
    /** Time between readings. `HEARTRATE_INTERVAL_MS`, defaults to 500. */
    intervalMs: number
  }
  /** The demo MQTT broker at `/mqtt` and its simulated plant sensors (the Plant sensors example). */
  plantSensors: {
    /** Whether the broker runs. `PLANT_SENSORS`, defaults to demo mode. */
    enabled: boolean
    /** Time between temperature readings of each plant. `PLANT_SENSORS_INTERVAL_MS`, defaults to 1000. */
    intervalMs: number
  }
  /** WebSocket limits (every buffer has a finite, documented bound). */
  limits: {
    /** Largest accepted incoming frame in bytes; bigger ones close with 1009. `WS_MAX_PAYLOAD`, defaults to 64 KiB. */
    maxPayload: number
    /** Outgoing bytes queued per connection before a slow reader is closed. `WS_MAX_BUFFERED_BYTES`, defaults to 1 MiB. */
    maxBufferedBytes: number
    /** Ping interval; a peer that misses a pong is dropped. `WS_PING_INTERVAL_MS`, defaults to 30000. */
    pingIntervalMs: number
    /** Open WebSockets on this server, all routes together; one more is accepted, then closed with 1013. `WS_MAX_CONNECTIONS`, defaults to 90 % of the open-file limit less 100 (20000 where it cannot be read). */
    maxConnections: number
    /** Open WebSockets from one client address (its IP, as `TRUST_PROXY` resolves it). `WS_MAX_CONNECTIONS_PER_CLIENT`, defaults to 100. */
    maxConnectionsPerClient: number
    /** Of `maxConnections`, how many only clients with a signed session cookie may use. `WS_RESERVED_FOR_SIGNED_IN`, defaults to 10 % of it. */
    reservedForSignedIn: number
  }
  /** The chat's bounds (`/websocket/chatroom`). */
  chat: {
    /** Most messages sent on join for `?history=N`; larger N are capped. `CHAT_HISTORY_MAX`, defaults to 200. */
    historyMax: number
    /** Longest accepted message in characters; longer ones close with 1009. `CHAT_MESSAGE_MAX_CHARS`, defaults to 2000. */
    messageMaxChars: number
    /** Live messages held for a member while its history is sent; beyond, it is closed with 1013. `CHAT_JOIN_BUFFER_MAX`, defaults to 1000. */
    joinBufferMax: number
    /** Posts of one connection waiting to be stored; beyond, it is closed with 1013. `CHAT_PENDING_POSTS_MAX`, defaults to 100. */
    pendingPostsMax: number
    /** Chat connections of one user on this server; one more is closed with 1013. `CHAT_MAX_CONNECTIONS_PER_USER`, defaults to 20. */
    maxConnectionsPerUser: number
    /** Newest messages kept per room, older ones pruned in the background; 0 keeps everything. `CHAT_RETENTION_MESSAGES`, defaults to 10000. */
    retentionMessages: number
    /** Newest messages kept over all rooms together (rooms are unlimited, so per-room retention alone bounds nothing); 0 keeps everything. `CHAT_RETENTION_TOTAL_MESSAGES`, defaults to 1000000. */
    retentionTotalMessages: number
    /** Messages one connection may send per second, on average; beyond, it is closed with 1013. `CHAT_RATE_PER_SECOND`, defaults to 20. */
    ratePerSecond: number
    /** Messages one connection may send at once before `ratePerSecond` applies. `CHAT_RATE_BURST`, defaults to 100. */
    rateBurst: number
    /** The rooms signed-in users may join; null lets every signed-in user join every room. `CHAT_ROOMS`, comma-separated, defaults to any room. */
    rooms: string[] | null
  }
  /** Shared feeds: services marked `shared`, one upstream connection for all their viewers. */
  feeds: {
    /** Viewers of one feed on this server; one more is closed with 1013 TETHER_FEED_FULL. `FEED_MAX_VIEWERS`, defaults to 10000. */
    maxViewersPerFeed: number
    /** Feeds open on this server; a viewer of one more is closed with 1013 TETHER_TOO_MANY_FEEDS. `FEED_MAX_PER_INSTANCE`, defaults to 1000. */
    maxFeeds: number
    /** How long an upstream stays open after the last viewer left. `FEED_GRACE_MS`, defaults to 5000. */
    graceMs: number
    /** The upstream lease across instances; a dead holder's feed moves within about 1⅓ of it. `FEED_LEASE_MS`, defaults to 3000. */
    leaseMs: number
    /** Prefix of the feeds' Redis keys and channels. `FEED_REDIS_PREFIX`, defaults to `tether:feed:`. */
    redisPrefix: string
  }
  /** The WebSocket proxy (`/api/proxy`). */
  proxy: {
    /** Allowed targets as `host` or `host:port`. `PROXY_ALLOW`, comma-separated, defaults to none. */
    allow: string[]
    /** Whether this server's own services may be proxied. `PROXY_ALLOW_SELF`, defaults to true. */
    allowSelf: boolean
    /** Whether the proxy may reach any public address, not only `allow`. `PROXY_ALLOW_PUBLIC`, defaults to false. */
    allowPublic: boolean
    /** How long a target may take to accept the connection. `PROXY_CONNECT_TIMEOUT_MS`, defaults to 10000. */
    connectTimeoutMs: number
  }
}

type Env = Record<string, string | undefined>

function invalid(name: string, value: string, expected: string): never {
  throw new ApiError(500, ApiErrorCodes.INVALID_CONFIG, `${name}=${JSON.stringify(value)} is invalid: ${expected}.`)
}

function intVar(env: Env, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max)
    invalid(name, raw, `expected an integer from ${min} to ${max}`)
  return value
}

function boolVar(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase()
  if (!raw) return fallback
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true
  if (['0', 'false', 'no', 'off'].includes(raw)) return false
  return invalid(name, raw, 'expected 1/0, true/false, yes/no or on/off')
}

function listVar(env: Env, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

function originVar(env: Env, name: string): string[] {
  return listVar(env, name).map((origin) => {
    try {
      const url = new URL(origin)
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme')
      return url.origin
    } catch {
      return invalid(name, origin, 'expected origins like https://app.example.com')
    }
  })
}

/**
 * `TRUST_PROXY`: off, `true` (exactly one hop: the address the nearest proxy appended), a hop count, or
 * a comma-separated list of proxy addresses and CIDRs. `true` never means "every hop": then a client's
 * own X-Forwarded-For would choose its address (and defeat the login throttle).
 */
function trustProxyVar(env: Env): ServerConfig['trustProxy'] {
  const raw = env.TRUST_PROXY?.trim() ?? ''
  if (raw === '' || ['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false
  if (['true', 'yes', 'on'].includes(raw.toLowerCase())) return 1
  if (/^\d+$/.test(raw)) return intVar(env, 'TRUST_PROXY', 1, 1, 100)
  const entries = listVar(env, 'TRUST_PROXY')
  for (const entry of entries) {
    const [address = '', prefix, extra] = entry.split('/')
    const family = isIP(address)
    const bits = family === 4 ? 32 : 128
    const prefixOk = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= bits)
    if (family === 0 || !prefixOk || extra !== undefined)
      invalid(
        'TRUST_PROXY',
        entry,
        'expected true/false, a hop count, or proxy addresses and CIDRs like 10.0.0.1,10.1.0.0/16',
      )
  }
  return entries
}

function hostsVar(env: Env): string[] {
  return listVar(env, 'ALLOWED_HOSTS').map((host) => {
    // Names only: a port would never match, since the check ignores ports.
    if (host === '*' || /^(\[?[0-9a-f:.]+\]?|[a-z0-9.-]+)$/i.test(host)) return host.toLowerCase()
    return invalid('ALLOWED_HOSTS', host, 'expected host names like tether.example.com (no scheme or port), or *')
  })
}

function roomsVar(env: Env): string[] | null {
  const rooms = listVar(env, 'CHAT_ROOMS')
  for (const room of rooms)
    if (!isRoomName(room)) invalid('CHAT_ROOMS', room, 'expected room names of 1-64 letters, digits, _ or -')
  return rooms.length > 0 ? rooms : null
}

function adminVar(env: Env): ServerConfig['admin'] {
  const password = env.TETHER_ADMIN_PASSWORD ?? ''
  if (password === '') return null
  if (password.length < 12) invalid('TETHER_ADMIN_PASSWORD', '…', 'expected at least 12 characters')
  const username = env.TETHER_ADMIN_USERNAME?.trim() || 'admin'
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(username))
    invalid('TETHER_ADMIN_USERNAME', username, 'expected letters, digits, _ . -')
  return { username, password }
}

function metricsVar(env: Env): ServerConfig['metrics'] {
  const token = env.METRICS_TOKEN?.trim() || null
  if (token !== null && token.length < 16) invalid('METRICS_TOKEN', '…', 'expected at least 16 characters')
  const port = env.METRICS_PORT?.trim() ? intVar(env, 'METRICS_PORT', 0, 1, 65535) : null
  return { token, port, host: env.METRICS_HOST?.trim() || '127.0.0.1' }
}

function websocketLimits(env: Env): ServerConfig['limits'] {
  const maxConnections = intVar(env, 'WS_MAX_CONNECTIONS', defaultMaxConnections(), 1, 10_000_000)
  return {
    maxPayload: intVar(env, 'WS_MAX_PAYLOAD', 64 * 1024, 1024),
    maxBufferedBytes: intVar(env, 'WS_MAX_BUFFERED_BYTES', 1024 * 1024, 1024),
    pingIntervalMs: intVar(env, 'WS_PING_INTERVAL_MS', 30_000, 100),
    maxConnections,
    maxConnectionsPerClient: intVar(env, 'WS_MAX_CONNECTIONS_PER_CLIENT', 100, 1, 10_000_000),
    reservedForSignedIn: intVar(
      env,
      'WS_RESERVED_FOR_SIGNED_IN',
      Math.floor(maxConnections / 10),
      0,
      Math.max(0, maxConnections - 1),
    ),
  }
}

/**
 * Reads the server's configuration from the environment (or any record, for tests) and checks it;
 * a bad value throws `TETHER_INVALID_CONFIG` naming the variable.
 *
 * @example
 * const config = loadConfig({ ...process.env, PORT: '0', HEARTRATE_INTERVAL_MS: '20' })
 */
export function loadConfig(env: Env = process.env): ServerConfig {
  const dataDir = resolve(env.DATA_DIR?.trim() || './data')
  const databaseUrl = env.DATABASE_URL?.trim() || null
  let database: ServerConfig['database']
  if (databaseUrl === null) {
    database = { dialect: 'sqlite', file: resolve(dataDir, 'tether.sqlite') }
  } else if (/^postgres(ql)?:\/\//i.test(databaseUrl)) {
    database = {
      dialect: 'postgres',
      url: databaseUrl,
      schema: env.DATABASE_SCHEMA?.trim() || null,
      connectTimeoutMs: intVar(env, 'DATABASE_CONNECT_TIMEOUT_MS', 10_000, 100, 600_000),
      statementTimeoutMs: intVar(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 30_000, 100, 3_600_000),
    }
    if (database.schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(database.schema)) {
      invalid('DATABASE_SCHEMA', database.schema, 'expected a lowercase identifier')
    }
  } else {
    return invalid(
      'DATABASE_URL',
      databaseUrl.replace(/\/\/[^@/]*@/, '//…@'),
      'expected postgres://… (or unset for SQLite)',
    )
  }

  const demoMode = boolVar(env, 'TETHER_DEMO', database.dialect === 'sqlite')
  const secret = env.SESSION_SECRET?.trim() ?? ''
  if (secret !== '' && secret.length < SESSION_SECRET_MIN_CHARS)
    invalid('SESSION_SECRET', '…', `expected at least ${SESSION_SECRET_MIN_CHARS} characters`)
  if (secret === '' && !demoMode) {
    throw new ApiError(
      500,
      ApiErrorCodes.INVALID_CONFIG,
      'SESSION_SECRET is required outside demo mode (at least 32 random characters, the same on every instance).',
    )
  }

  const projectsDir = env.PROJECTS_DIR?.trim()
  return {
    port: intVar(env, 'PORT', 8080, 0, 65535),
    host: env.HOST?.trim() || '0.0.0.0',
    dataDir,
    database,
    demoMode,
    shutdownTimeoutMs: intVar(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 100, 600_000),
    metrics: metricsVar(env),
    admin: adminVar(env),
    sessionSecret: secret || null,
    sessionTtlMs: intVar(env, 'SESSION_TTL_MS', 12 * 60 * 60 * 1000, 60_000),
    sessionMaxPerUser: intVar(env, 'SESSION_MAX_PER_USER', 20, 1, 10_000),
    sessionCheckIntervalMs: intVar(env, 'SESSION_CHECK_INTERVAL_MS', 60_000, 100, 3_600_000),
    trustProxy: trustProxyVar(env),
    allowedOrigins: originVar(env, 'ALLOWED_ORIGINS'),
    allowedHosts: hostsVar(env),
    redisUrl: env.REDIS_URL?.trim() || null,
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    login: {
      maxAttempts: intVar(env, 'LOGIN_MAX_ATTEMPTS', 5, 1),
      windowMs: intVar(env, 'LOGIN_WINDOW_MS', 15 * 60 * 1000, 1000),
      trackedKeysMax: intVar(env, 'LOGIN_TRACKED_KEYS_MAX', 10_000, 100, 10_000_000),
      concurrentChecks: intVar(env, 'LOGIN_CONCURRENT_CHECKS', 2, 1, 64),
      queueMax: intVar(env, 'LOGIN_QUEUE_MAX', 100, 0, 100_000),
    },
    projectsDir: projectsDir ? resolve(projectsDir) : join(dataDir, 'projects'),
    templatesDir: fileURLToPath(new URL('../../../examples', import.meta.url)),
    appDir: resolve(env.APP_DIR?.trim() || fileURLToPath(new URL('../../react/dist-app', import.meta.url))),
    studioDir: resolve(env.STUDIO_DIR?.trim() || fileURLToPath(new URL('../../studio/dist-app', import.meta.url))),
    heartrate: { intervalMs: intVar(env, 'HEARTRATE_INTERVAL_MS', 500, 5) },
    plantSensors: {
      enabled: boolVar(env, 'PLANT_SENSORS', demoMode),
      intervalMs: intVar(env, 'PLANT_SENSORS_INTERVAL_MS', 1000, 20, 3_600_000),
    },
    limits: websocketLimits(env),
    chat: {
      historyMax: intVar(env, 'CHAT_HISTORY_MAX', 200, 0, 10_000),
      messageMaxChars: intVar(env, 'CHAT_MESSAGE_MAX_CHARS', 2000, 1, 1_000_000),
      joinBufferMax: intVar(env, 'CHAT_JOIN_BUFFER_MAX', 1000, 1, 1_000_000),
      pendingPostsMax: intVar(env, 'CHAT_PENDING_POSTS_MAX', 100, 1, 100_000),
      maxConnectionsPerUser: intVar(env, 'CHAT_MAX_CONNECTIONS_PER_USER', 20, 1, 10_000_000),
      retentionMessages: intVar(env, 'CHAT_RETENTION_MESSAGES', 10_000, 0, 1_000_000_000),
      retentionTotalMessages: intVar(env, 'CHAT_RETENTION_TOTAL_MESSAGES', 1_000_000, 0, 1_000_000_000),
      ratePerSecond: intVar(env, 'CHAT_RATE_PER_SECOND', 20, 1, 1_000_000),
      rateBurst: intVar(env, 'CHAT_RATE_BURST', 100, 1, 1_000_000),
      rooms: roomsVar(env),
    },
    feeds: {
      maxViewersPerFeed: intVar(env, 'FEED_MAX_VIEWERS', 10_000, 1, 10_000_000),
      maxFeeds: intVar(env, 'FEED_MAX_PER_INSTANCE', 1000, 1, 1_000_000),
      graceMs: intVar(env, 'FEED_GRACE_MS', 5000, 0, 3_600_000),
      leaseMs: intVar(env, 'FEED_LEASE_MS', 3000, 300, 60_000),
      redisPrefix: env.FEED_REDIS_PREFIX?.trim() || 'tether:feed:',
    },
    proxy: {
      allow: listVar(env, 'PROXY_ALLOW'),
      allowSelf: boolVar(env, 'PROXY_ALLOW_SELF', true),
      allowPublic: boolVar(env, 'PROXY_ALLOW_PUBLIC', false),
      connectTimeoutMs: intVar(env, 'PROXY_CONNECT_TIMEOUT_MS', 10_000, 100),
    },
  }
}
