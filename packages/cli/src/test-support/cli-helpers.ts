import type { AddressInfo } from 'node:net'
import WebSocket, { WebSocketServer } from 'ws'
import type { CliIo } from '../io.js'

/** An io that records output; `abort()` plays Ctrl-C. */
export function captureIo(cwd: string, env: Record<string, string | undefined> = {}) {
  const controller = new AbortController()
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env,
    cwd,
    signal: controller.signal,
    interactive: false,
  }
  return {
    io,
    stdout: () => out.join(''),
    stderr: () => err.join(''),
    abort: () => controller.abort(),
  }
}

/** A local WebSocket server; `onConnection` decides what each client gets. */
export async function startWsServer(onConnection: (socket: WebSocket, url: string) => void) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  wss.on('connection', (socket, request) => onConnection(socket, request.url ?? '/'))
  await new Promise((resolve) => wss.once('listening', resolve))
  const port = (wss.address() as AddressInfo).port
  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    close: async () => {
      for (const client of wss.clients) client.terminate()
      await new Promise((resolve) => wss.close(resolve))
    },
  }
}

/** Sends `messages` one every `intervalMs` (looping), until the client leaves. */
export function streamTo(socket: WebSocket, messages: (string | Buffer)[], intervalMs = 10): void {
  let i = 0
  const timer = setInterval(() => {
    if (socket.readyState !== WebSocket.OPEN) return clearInterval(timer)
    socket.send(messages[i++ % messages.length] as string | Buffer)
  }, intervalMs)
  socket.once('close', () => clearInterval(timer))
}
