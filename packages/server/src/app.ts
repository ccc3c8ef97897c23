import type { IncomingMessage } from 'node:http'
import fastifyCookie from '@fastify/cookie'
import fastifyWebsocket from '@fastify/websocket'
import Fastify, { type FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import type WebSocket from 'ws'
import { installAuth, loadOrCreateSessionSecret, readSessionToken } from './auth/index.js'
import { chatRoutes } from './chat/index.js'
import type { ServerConfig } from './config.js'
import { crudRoutes } from './crud/index.js'
import { type Db, openDatabase } from './db/index.js'
import { demoServiceRoutes } from './demo-services/index.js'
import { answerClientError, answerConnectMethod, answerFrameworkError, installErrorHandler } from './errors/index.js'
import { CloseCodes, installConnectionCap, websocketServerOptions } from './limits/index.js'
import { mockRoutes } from './mocks/index.js'
import { installOperations, ReadinessChecks, ServerMetrics } from './operations/index.js'
import { pictureRoutes } from './pictures/index.js'
import { ProjectFolder, projectRoutes, projectSignInColumns, seedProjects } from './projects/index.js'
import { proxyRoutes } from './proxy/index.js'
import { installContentSecurityPolicy, installHostGuard, installRequestGuards } from './security/index.js'
import { closeConnectionsWhileClosing } from './shutdown.js'
import { SecretsStore, studioRoutes } from './studio/index.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The configuration the app was built with. */
    config: ServerConfig
    /** The migrated database; closed when the app closes. */
    db: Db
  }
}

/** Options every feature plugin receives. */
export interface FeatureOptions {
  config: ServerConfig
  db: Db
  /** The one store of service secrets: its per-project write queue only serialises writes if it is alone. */
  secrets: SecretsStore
}

const SHUTDOWN_REASON = 'server shutting down'
const SHUTDOWN_GRACE_MS = 3000

/** Static content: employee pictures, the landing page at `/` and the apps' bundle under `/apps/*`. */
async function registerStatic(app: FastifyInstance, options: FeatureOptions): Promise<void> {
  await app.register(pictureRoutes)
  await app.register(projectRoutes, {
    projectsDir: options.config.projectsDir,
    appDir: options.config.appDir,
    demoMode: options.config.demoMode,
  })
}

/** Trusts the socket's peer and the next `hops - 1` addresses it forwarded for (`hop` 0 is the peer). */
function trustNearestHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops
}

/** How the app is built, beyond its configuration. */
export interface BuildOptions {
  /** Where log lines (JSON, one per line) go instead of stdout: a log shipper, or a test reading them. */
  logStream?: { write(line: string): void }
}

/**
 * Builds the server: opens and migrates the database, then registers security, the HTTP API and the
 * WebSocket services. Call `app.listen()` to serve; `app.close()` closes WebSocket clients with 1001,
 * waits for in-flight requests and closes the database.
 *
 * @example
 * const app = await buildApp(loadConfig({ ...process.env, PORT: '0' }))
 * await app.listen({ port: 0, host: '127.0.0.1' })
 */
export async function buildApp(config: ServerConfig, options: BuildOptions = {}): Promise<FastifyInstance> {
  const metrics = new ServerMetrics()
  const readiness = new ReadinessChecks(metrics)
  let db: Db
  try {
    db = await openDatabase(config, { onQuery: (ms) => metrics.databaseQuery(ms) })
  } catch (error) {
    metrics.close()
    throw error
  }
  const app = Fastify({
    logger: options.logStream ? { level: config.logLevel, stream: options.logStream } : { level: config.logLevel },
    // A hop count as a function: Fastify reads a bare number as "trust nothing".
    trustProxy: typeof config.trustProxy === 'number' ? trustNearestHops(config.trustProxy) : config.trustProxy,
    // JSON bodies here are small records; anything bigger is a mistake or an attack.
    bodyLimit: 1024 * 1024,
    // Answer 503 to new requests while closing, and give in-flight ones time to finish.
    return503OnClosing: true,
    // Malformed requests get the same JSON {code, message} as every other error.
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
  })
  try {
    app.decorate('config', config)
    app.decorate('db', db)
    app.decorate('metrics', metrics)
    app.decorate('readiness', readiness)
    readiness.add('database', () => sql`select 1`.execute(db))
    app.addHook('onClose', async () => db.destroy())
    const options: FeatureOptions = { config, db, secrets: new SecretsStore(config.dataDir) }

    const seeded = await seedProjects(config.projectsDir, config.templatesDir)
    if (seeded.length > 0)
      app.log.info({ projectsDir: config.projectsDir, projects: seeded }, 'copied the template projects')
    installErrorHandler(app)
    app.server.on('connect', answerConnectMethod)
    closeConnectionsWhileClosing(app)
    installRequestGuards(app, config)
    installContentSecurityPolicy(app)
    await app.register(fastifyCookie, {
      secret: config.sessionSecret ?? (await loadOrCreateSessionSecret(config.dataDir)),
    })
    // Before the plugin: the cap wraps each WebSocket route's own handler (WS_MAX_CONNECTIONS…).
    installConnectionCap(app, config.limits, (request) => readSessionToken(request) !== null)
    await app.register(fastifyWebsocket, {
      options: websocketServerOptions(config),
      // Tell clients why they are being dropped (the plugin's default closes without a code).
      preClose(done) {
        const clients = app.websocketServer.clients
        for (const client of clients) client.close(CloseCodes.GOING_AWAY, SHUTDOWN_REASON)
        // A peer that never answers the close handshake must not hold the shutdown hostage.
        const deadline = Date.now() + SHUTDOWN_GRACE_MS
        const poll = setInterval(() => {
          if (clients.size > 0 && Date.now() < deadline) return
          clearInterval(poll)
          for (const client of clients) client.terminate()
          app.websocketServer.close(() => done())
        }, 20)
      },
    })
    app.websocketServer.on('connection', (socket: WebSocket, request: IncomingMessage) =>
      metrics.webSocketOpened(socket, request.url),
    )
    installOperations(app, config, metrics, readiness)
    // After the plugin: its own hook marks upgrade requests, so a refused upgrade's socket is closed.
    installHostGuard(app, config)
    installAuth(app, { ...options, signInColumns: projectSignInColumns(config.projectsDir) })

    await app.register(crudRoutes, options)
    await app.register(demoServiceRoutes, options)
    await app.register(chatRoutes, options)
    await app.register(proxyRoutes, options)
    await app.register(studioRoutes, options)
    await app.register(mockRoutes, {
      config,
      readMock: (project: string, mock: string) => new ProjectFolder(config.projectsDir, project).read('mock', mock),
    })
    await registerStatic(app, options)
    return app
  } catch (error) {
    await app.close().catch(() => {})
    await db.destroy().catch(() => {})
    throw error
  }
}
