import type { AddressInfo } from 'node:net'
import { type WebSocket, WebSocketServer } from 'ws'

export interface ReceivedFrame {
  /** 1-based number of the connection that sent it (across restarts). */
  connection: number
  data: string
  binary: boolean
}

export interface TestServer {
  readonly port: number
  url(path?: string): string
  /** Every frame any client sent, in arrival order. */
  readonly received: ReceivedFrame[]
  /** Request URLs (path + query) of every upgrade, in order. */
  readonly requests: string[]
  readonly clients: Set<WebSocket>
  broadcast(data: string | Buffer): void
  /** Kills the server: clients are terminated (no closing handshake, as when a process dies). */
  kill(): Promise<void>
  /** Listens again on the same port. */
  restart(): Promise<void>
}

export interface TestServerOptions {
  /** Called for each new client (e.g. to send a greeting). */
  onConnection?(socket: WebSocket, requestUrl: string): void
  /** Called for each frame; the default does nothing (the frame is recorded either way). */
  onMessage?(socket: WebSocket, data: string): void
  port?: number
}

/** A real `ws` server on 127.0.0.1, on an ephemeral port unless one is given (for restarts). */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const received: ReceivedFrame[] = []
  const requests: string[] = []
  const clients = new Set<WebSocket>()
  let wss: WebSocketServer | null = null
  let connections = 0
  let port = options.port ?? 0

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const server = new WebSocketServer({ host: '127.0.0.1', port }, () => {
        port = (server.address() as AddressInfo).port
        resolve()
      })
      server.once('error', reject)
      server.on('connection', (socket, request) => {
        const id = ++connections
        const requestUrl = request.url ?? ''
        requests.push(requestUrl)
        clients.add(socket)
        socket.on('close', () => clients.delete(socket))
        socket.on('message', (data, isBinary) => {
          const text = isBinary ? Buffer.from(data as Buffer).toString('hex') : data.toString()
          received.push({ connection: id, data: text, binary: isBinary })
          options.onMessage?.(socket, text)
        })
        options.onConnection?.(socket, requestUrl)
      })
      wss = server
    })

  await listen()
  return {
    get port() {
      return port
    },
    url: (path = '/') => `ws://127.0.0.1:${port}${path}`,
    received,
    requests,
    clients,
    broadcast(data) {
      for (const client of clients) client.send(data)
    },
    async kill() {
      for (const client of clients) client.terminate()
      clients.clear()
      const server = wss
      wss = null
      if (server !== null) await new Promise<void>((resolve) => server.close(() => resolve()))
    },
    restart: listen,
  }
}

/** Polls until `condition` holds (no fixed sleeps); fails with `what` after the deadline. */
export async function waitFor(condition: () => boolean, what = 'condition', deadlineMs = 5_000): Promise<void> {
  const end = Date.now() + deadlineMs
  while (!condition()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** A port nothing listens on: bound, read, released. */
export async function freePort(): Promise<number> {
  const server = await startTestServer()
  const { port } = server
  await server.kill()
  return port
}
