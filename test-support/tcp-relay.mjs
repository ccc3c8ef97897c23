// A TCP relay in front of a real server, so a test can cut the network under a live connection (the
// client sees an abnormal close, the server a reset) without stopping the server itself.
import { connect, createServer } from 'node:net'

/**
 * Listens on a free loopback port and pipes every connection to `target`. `cut()` destroys every
 * connection open now; `connections` counts those accepted so far.
 *
 * @param {{ host: string, port: number }} target
 * @returns {Promise<{ port: number, readonly connections: number, cut(): void, close(): Promise<void> }>}
 */
export async function startTcpRelay(target) {
  /** @type {Set<import('node:net').Socket>} */
  const open = new Set()
  let connections = 0
  const server = createServer((client) => {
    connections++
    const upstream = connect(target.port, target.host)
    for (const socket of [client, upstream]) {
      open.add(socket)
      socket.on('error', () => {})
      socket.on('close', () => {
        open.delete(socket)
        client.destroy()
        upstream.destroy()
      })
    }
    client.pipe(upstream)
    upstream.pipe(client)
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)))
  return {
    port: /** @type {import('node:net').AddressInfo} */ (server.address()).port,
    get connections() {
      return connections
    },
    cut() {
      for (const socket of open) socket.resetAndDestroy()
    },
    async close() {
      for (const socket of open) socket.destroy()
      await new Promise((resolve) => server.close(() => resolve(undefined)))
    },
  }
}
