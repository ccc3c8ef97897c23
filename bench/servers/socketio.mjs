// Baseline: a Socket.IO 4 chat doing the same work: members join a room from their handshake auth,
// a 'chat' event is broadcast to the room as {username, message, time} (Socket.IO encodes a broadcast
// once). WebSocket transport only, compression off. With REDIS_URL it uses @socket.io/redis-adapter,
// so several instances share rooms.
// Usage: node socketio.mjs <port>
import { createServer } from 'node:http'
import { Server } from 'socket.io'
import './probe.mjs'

const port = Number(process.argv[2] ?? 0)
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' })
  res.end('socket.io baseline\n')
})
const io = new Server(server, {
  transports: ['websocket'],
  perMessageDeflate: false,
  httpCompression: false,
  serveClient: false,
})

if (process.env.REDIS_URL) {
  const [{ createAdapter }, { Redis }] = await Promise.all([import('@socket.io/redis-adapter'), import('ioredis')])
  const pub = new Redis(process.env.REDIS_URL)
  const sub = pub.duplicate()
  io.adapter(createAdapter(pub, sub))
}

io.on('connection', (socket) => {
  const room = String(socket.handshake.auth?.room ?? 'general')
  const username = String(socket.handshake.auth?.username ?? 'anonymous')
  socket.join(room)
  socket.on('chat', (text) => {
    io.to(room).emit('chat', { username, message: String(text), time: Date.now() })
  })
})

server.listen(port, '127.0.0.1', () => {
  console.log(JSON.stringify({ event: 'listening', port: server.address().port }))
})
