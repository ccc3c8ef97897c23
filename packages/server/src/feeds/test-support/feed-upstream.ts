import type { AddressInfo } from 'node:net'
import WebSocket, { WebSocketServer } from 'ws'

/** A plain WebSocket service playing a third-party feed: it counts its connections and sends on demand. */
export interface FeedUpstream {
  port: number
  url: string
  /** Connections ever accepted. */
  connections: number
  /** Connections open now. */
  readonly open: number
  /** Text messages received from the proxy (the RequestBody). */
  received: string[]
  /** Sends a text message to every open connection; returns how many got it. */
  send(text: string): number
  close(): Promise<void>
}

export async function startFeedUpstream(): Promise<FeedUpstream> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  await new Promise((resolve) => wss.once('listening', resolve))
  const port = (wss.address() as AddressInfo).port
  const upstream: FeedUpstream = {
    port,
    url: `ws://127.0.0.1:${port}/prices`,
    connections: 0,
    get open() {
      return [...wss.clients].filter((c) => c.readyState === WebSocket.OPEN).length
    },
    received: [],
    send(text) {
      let sent = 0
      for (const client of wss.clients) {
        if (client.readyState !== WebSocket.OPEN) continue
        client.send(text)
        sent++
      }
      return sent
    },
    async close() {
      for (const client of wss.clients) client.terminate()
      await new Promise((resolve) => wss.close(resolve))
    },
  }
  wss.on('connection', (socket) => {
    upstream.connections++
    socket.on('message', (data) => upstream.received.push(data.toString()))
  })
  return upstream
}

/** A feed viewer's frames, decoded: the messages (with sequence numbers), statuses and errors. */
export function feedFrames(messages: unknown[]) {
  const frames = messages as Record<string, unknown>[]
  return {
    messages: frames.filter((f) => typeof f.seq === 'number') as { seq: number; text: string }[],
    statuses: frames.filter((f) => f.upstream).map((f) => (f.upstream as { state: string }).state),
    errors: frames.filter((f) => f.error).map((f) => (f.error as { code: string }).code),
  }
}
