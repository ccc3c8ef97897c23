import { createServer, type Server, type Socket } from 'node:net'

/**
 * A TCP relay in front of a real server (PostgreSQL, Redis) that a test can freeze: while frozen it
 * still accepts connections but passes no byte either way, like a database that hangs. With no
 * target at all it is a listener that accepts and never answers.
 */
export interface FrozenTcpProxy {
  port: number
  /** Stops relaying in both directions (connections stay open). */
  freeze(): void
  /** Relays again, including what was held back. */
  thaw(): void
  /** Drops every connection and stops listening. */
  close(): Promise<void>
}

export async function startFrozenTcpProxy(target: { host: string; port: number } | null): Promise<FrozenTcpProxy> {
  let frozen = target === null
  const sockets = new Set<Socket>()
  const pipes: { from: Socket; to: Socket }[] = []
  const track = (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
  }
  const relay = (from: Socket, to: Socket) => {
    pipes.push({ from, to })
    from.on('data', (chunk) => {
      if (!to.write(chunk)) from.pause()
    })
    to.on('drain', () => {
      if (!frozen) from.resume()
    })
    from.on('end', () => to.end())
    if (frozen) from.pause()
  }
  const server: Server = createServer((client) => {
    track(client)
    if (target === null) return // accepts and stays silent
    const upstream = new (client.constructor as typeof Socket)()
    track(upstream)
    upstream.connect(target.port, target.host)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
    relay(client, upstream)
    relay(upstream, client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (typeof address !== 'object' || !address) throw new Error('proxy has no address')
  return {
    port: address.port,
    freeze() {
      frozen = true
      for (const { from } of pipes) from.pause()
    },
    thaw() {
      frozen = false
      for (const { from } of pipes) if (!from.destroyed) from.resume()
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
