#!/usr/bin/env node
// The server's entry point (`npm start`, `tether-server`): configuration from the environment,
// one line per URL served, graceful shutdown on SIGINT/SIGTERM.
import { networkInterfaces } from 'node:os'
import { buildApp } from './app.js'
import { loadConfig, type ServerConfig } from './config.js'
import { listProjects } from './projects/index.js'
import { closeWithin } from './shutdown.js'

/** The endpoints worth printing, by path. */
const ENDPOINTS: [label: string, path: string, scheme: 'http' | 'ws'][] = [
  ['Landing page', '/', 'http'],
  ['Studio (admin login)', '/studio/', 'http'],
  ['Heartrate demo service', '/websocket/heartrate', 'ws'],
  ['Chatroom demo service', '/websocket/chatroom', 'ws'],
  ['Echo service', '/websocket/echo', 'ws'],
  ['WebSocket proxy', '/api/proxy', 'ws'],
  ['Login / logout / current user', '/api/auth/me', 'http'],
  ['CRUD API (employee, department)', '/api/entities/employee', 'http'],
  ['Employee pictures', '/pictures/user1.svg', 'http'],
]

function hostsFor(config: ServerConfig): string[] {
  if (config.host !== '0.0.0.0' && config.host !== '::')
    return [config.host.includes(':') ? `[${config.host}]` : config.host]
  const external = Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address)
  return ['localhost', ...external]
}

async function main(): Promise<void> {
  let config: ServerConfig
  try {
    config = loadConfig()
  } catch (error) {
    console.error(`tether: ${(error as Error).message}`)
    process.exit(1)
  }
  const app = await buildApp(config)
  await app.listen({ port: config.port, host: config.host })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port

  const lines = [`Tether server listening on ${config.host}:${port}`]
  lines.push(
    config.database.dialect === 'sqlite'
      ? `  database: SQLite at ${config.database.file}`
      : `  database: PostgreSQL${config.database.schema ? ` (schema ${config.database.schema})` : ''}`,
  )
  lines.push(`  projects: ${config.projectsDir}`)
  lines.push(
    `  demo mode: ${config.demoMode ? 'on (logins user1/user1, user2/user2, user3/user3, admin/admin)' : 'off'}`,
  )
  // The apps are the project folders being served, so they are listed as they are found.
  const apps: typeof ENDPOINTS = (await listProjects(config.projectsDir)).map((project) => [
    `App: ${project.title}`,
    `/apps/${project.name}/`,
    'http',
  ])
  const endpoints = [ENDPOINTS[0]!, ...apps, ...ENDPOINTS.slice(1)]
  for (const host of hostsFor(config)) {
    lines.push(`  on ${host}:`)
    for (const [label, path, scheme] of endpoints)
      lines.push(`    ${`${scheme}://${host}:${port}${path}`.padEnd(48)} ${label}`)
  }
  console.log(lines.join('\n'))

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`tether: ${signal} received, shutting down (closing WebSockets with 1001, finishing writes)…`)
    const outcome = await closeWithin(app, config.shutdownTimeoutMs)
    if (outcome === 'timed out')
      console.error(
        `tether: shutdown did not finish within SHUTDOWN_TIMEOUT_MS=${config.shutdownTimeoutMs}; exiting anyway`,
      )
    process.exit(outcome === 'closed' ? 0 : 1)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((error) => {
  // Our own start-up errors say what to fix; a stack trace would bury that.
  console.error(`tether: failed to start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
