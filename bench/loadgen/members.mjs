// Chat room members for the load generator: one `ws` client per member, speaking either plain text
// frames (Tether's chat and the raw ws baseline) or the Engine.IO 4 / Socket.IO 4 framing. Every stack
// is driven by the same `ws` client code, so the load generator costs the same per message whichever
// server it measures (socket.io-client would add its own decode work on our side only).
import WebSocket from 'ws'

const TILDE = 126 // '~' starts the benchmark marker inside a chat message
const PING = 50 // '2' Engine.IO ping
const OPEN = 48 // '0' Engine.IO open / Socket.IO connect

/**
 * Parses `~<runId>~<kind><seq>~<sentMicros>~…` out of a received frame without decoding the frame
 * (no JSON.parse, no UTF-8 decode): the load generator must stay cheaper than the server it loads.
 * Calls onProbe(seq) or onMessage(seq, sentMicros); frames without this run's marker are ignored
 * (history replayed on join, presence notices).
 */
export function makeMarkerReader(runTag, onProbe, onMessage) {
  const tag = Buffer.from(`~${runTag}~`)
  return function read(buf) {
    const start = buf.indexOf(TILDE)
    if (start < 0 || buf.length < start + tag.length + 3) return
    for (let k = 1; k < tag.length; k++) if (buf[start + k] !== tag[k]) return
    let p = start + tag.length
    const kind = buf[p++]
    let seq = 0
    let c = buf[p++]
    while (c !== TILDE && c !== undefined) {
      seq = seq * 10 + (c - 48)
      c = buf[p++]
    }
    if (kind === 112 /* p */) return onProbe(seq)
    let sent = 0
    c = buf[p++]
    while (c !== TILDE && c !== undefined) {
      sent = sent * 10 + (c - 48)
      c = buf[p++]
    }
    onMessage(seq, sent)
  }
}

/**
 * Opens one member. Resolves once the member can post and receive: on 'open' for text protocols, on
 * Socket.IO's namespace CONNECT ack for Socket.IO. `onFrame(buf)` gets every chat frame.
 */
export function connectMember({ protocol, url, headers, auth, onFrame, onClose }) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, {
      headers,
      perMessageDeflate: false,
      skipUTF8Validation: true,
      handshakeTimeout: 30_000,
    })
    let settled = false
    const member = {
      socket,
      send: protocol === 'socketio' ? (text) => socket.send(`42["chat","${text}"]`) : (text) => socket.send(text),
    }
    const fail = (error) => {
      if (settled) return
      settled = true
      reject(error)
    }
    socket.on('unexpected-response', (_req, res) => {
      fail(new Error(`upgrade refused: HTTP ${res.statusCode} from ${url}`))
      socket.terminate()
    })
    socket.on('error', (error) => fail(error))
    socket.on('close', (code, reason) => {
      fail(new Error(`closed during connect: ${code} ${reason}`))
      onClose(code, String(reason))
    })
    if (protocol === 'socketio') {
      socket.on('message', (buf) => {
        const first = buf[0]
        if (first === PING && buf.length === 1) return socket.send('3')
        if (first === OPEN) return socket.send(`40${JSON.stringify(auth)}`) // Engine.IO open
        if (first === 52 /* '4' */ && buf[1] === OPEN) {
          settled = true
          return resolve(member) // Socket.IO CONNECT ack "40{sid}"
        }
        if (first === 52 && buf[1] === 52) return fail(new Error(`Socket.IO refused: ${buf}`))
        onFrame(buf)
      })
    } else {
      socket.on('open', () => {
        settled = true
        resolve(member)
      })
      socket.on('message', onFrame)
    }
  })
}

/** Opens `count` members, at most `concurrency` handshakes at a time. */
export async function connectAll(count, concurrency, open) {
  const members = new Array(count)
  let next = 0
  async function worker() {
    while (next < count) {
      const index = next++
      members[index] = await open(index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker))
  return members
}
