// Baseline: the practical limit of a Node chat broadcast. A plain `ws` server; each posted text is
// wrapped as {username, message, time} (the shape Tether's chat sends), serialized ONCE, and the same
// buffer is sent to every member of the room. No auth, no storage, no compression.
// Usage: node raw-ws.mjs <port>
import { createServer } from 'node:http'
import { WebSocketServer } from 'ws'
import './probe.mjs'

const port = Number(process.argv[2] ?? 0)
const rooms = new Map()

const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' })
  res.end('raw ws baseline\n')
})
const wss = new WebSocketServer({ server, path: '/websocket/chatroom', perMessageDeflate: false })

wss.on('connection', (socket, request) => {
  const url = new URL(request.url ?? '/', 'http://localhost')
  const room = url.searchParams.get('room') ?? 'general'
  const username = url.searchParams.get('username') ?? 'anonymous'
  let members = rooms.get(room)
  if (!members) {
    members = new Set()
    rooms.set(room, members)
  }
  members.add(socket)
  socket.on('message', (data) => {
    const frame = Buffer.from(JSON.stringify({ username, message: data.toString(), time: Date.now() }))
    for (const member of members) member.send(frame, { binary: false })
  })
  socket.on('close', () => members.delete(socket))
})

server.listen(port, '127.0.0.1', () => {
  console.log(JSON.stringify({ event: 'listening', port: server.address().port }))
})
