// A third-party price feed for the shared-feed benchmarks: a plain `ws` server that sends every open
// connection the same numbered message at a fixed rate. It counts its connections (the figure the
// shared feed is about) and remembers which numbers it sent while at least one connection was open.
// Usage: node feed-upstream.mjs <port>; controlled over IPC: {cmd:'rate', perSec}, {cmd:'stats'}.
import { createServer } from 'node:http'
import { WebSocket, WebSocketServer } from 'ws'

const port = Number(process.argv[2] ?? 0)
const server = createServer((_req, res) => res.end('feed upstream\n'))
const wss = new WebSocketServer({ server, perMessageDeflate: false })
let accepted = 0
let next = 1
/** [number, sent µs] of messages sent while some connection was open; others went to nobody (an outage). */
const delivered = []
const padding = 'x'.repeat(60)
let timer = null

wss.on('connection', (socket) => {
  accepted++
  socket.on('error', () => {})
})

/** Microseconds on the machine's clock, comparable between processes. */
const nowMicros = () => Math.round((performance.timeOrigin + performance.now()) * 1000)

function sendOne() {
  const i = next++
  const at = nowMicros()
  const text = `~${i}~${at}~${padding}`
  let sent = 0
  for (const client of wss.clients) {
    if (client.readyState !== WebSocket.OPEN) continue
    client.send(text)
    sent++
  }
  if (sent > 0) delivered.push([i, at])
}

function setRate(perSec) {
  clearInterval(timer)
  timer = null
  if (!perSec) return
  // 100 ticks a second; fractional rates accumulate.
  let owed = 0
  timer = setInterval(() => {
    owed += perSec / 100
    while (owed >= 1) {
      owed--
      sendOne()
    }
  }, 10)
}

process.on('message', (message) => {
  if (message?.cmd === 'rate') {
    setRate(message.perSec)
    process.send({ type: 'rate', ok: true })
  } else if (message?.cmd === 'stats') {
    const open = [...wss.clients].filter((c) => c.readyState === WebSocket.OPEN).length
    process.send({
      type: 'stats',
      open,
      accepted,
      last: next - 1,
      delivered: message.delivered ? delivered : undefined,
    })
  }
})
process.channel?.unref()
server.listen(port, '127.0.0.1')
