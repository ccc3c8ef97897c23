#!/usr/bin/env node
// WebSocket frame fuzzer: opens raw TCP connections to a Tether server it starts on loopback, does the
// upgrade by hand (echo, heartrate, chat with a session, proxy to the echo), then sends mutated frames:
// random opcodes and RSV bits, unmasked frames, lying lengths, 64-bit lengths, fragments out of
// order, oversized or fragmented control frames, invalid UTF-8, NUL, bad close codes. Counts frames,
// connections, the close codes received, connections the server dropped without a close frame, those
// still open when the fuzzer hung up, and crashes.
// Bounded by --frames and --seconds. Usage: node bench/security/ws-fuzz.mjs [--frames 20000] [--seconds 120]
import { randomBytes } from 'node:crypto'
import { connect } from 'node:net'
import { args, login, random, startTether } from './tether-process.mjs'

const options = args({ frames: 20_000, seconds: 120, seed: 1, perConnection: 50, concurrency: 8 })
const rng = random(options.seed)

function frame({ fin = true, rsv = 0, opcode, payload, mask = true, lengthLie = 0 }) {
  const length = Math.max(0, payload.length + lengthLie)
  const head = [((fin ? 0x80 : 0) | (rsv << 4) | opcode) & 0xff]
  let extended = Buffer.alloc(0)
  if (length < 126) head.push((mask ? 0x80 : 0) | length)
  else if (length < 65536) {
    head.push((mask ? 0x80 : 0) | 126)
    extended = Buffer.alloc(2)
    extended.writeUInt16BE(length)
  } else {
    head.push((mask ? 0x80 : 0) | 127)
    extended = Buffer.alloc(8)
    extended.writeBigUInt64BE(BigInt(length))
  }
  if (!mask) return Buffer.concat([Buffer.from(head), extended, payload])
  const key = randomBytes(4)
  const masked = Buffer.from(payload.map((byte, i) => byte ^ key[i % 4]))
  return Buffer.concat([Buffer.from(head), extended, key, masked])
}

function mutatedFrame() {
  const kind = rng.int(14)
  const text = Buffer.from(rng.pick(['hello', 'a\u0000b', '😀', '{"x":1}', '', 'x'.repeat(rng.int(3000))]))
  switch (kind) {
    case 0:
      return frame({ opcode: rng.int(16), payload: rng.bytes(rng.int(200)) })
    case 1:
      return frame({ opcode: 1, payload: text, rsv: 1 + rng.int(7) })
    case 2:
      return frame({ opcode: 1, payload: text, mask: false })
    case 3:
      return frame({ opcode: 1, payload: Buffer.from([0xc3, 0x28, 0xff, 0xfe]) }) // invalid UTF-8
    case 4:
      return frame({ opcode: 1, payload: text, lengthLie: -rng.int(5) })
    case 5:
      return frame({ opcode: 9, payload: rng.bytes(126 + rng.int(50)) }) // ping over 125 bytes
    case 6:
      return frame({ opcode: 9, payload: Buffer.from('p'), fin: false }) // fragmented control frame
    case 7:
      return frame({ opcode: 0, payload: text }) // continuation with nothing to continue
    case 8:
      return Buffer.concat([frame({ opcode: 1, payload: text, fin: false }), frame({ opcode: 1, payload: text })])
    case 9: {
      const code = Buffer.alloc(2)
      code.writeUInt16BE(rng.pick([0, 999, 1004, 1005, 1006, 1015, 2999, 5000, 65535, 1000]))
      return frame({ opcode: 8, payload: Buffer.concat([code, rng.bytes(rng.int(10))]) })
    }
    case 10: {
      // A header announcing 2^40 bytes: the server must refuse it without buffering.
      const head = Buffer.from([0x81, 0xff, 0, 0, 1, 0, 0, 0, 0, 0])
      return Buffer.concat([head, randomBytes(4), rng.bytes(10)])
    }
    case 11:
      return frame({ opcode: 2, payload: rng.bytes(rng.int(1000)) })
    case 12:
      return rng.bytes(1 + rng.int(30)) // garbage
    default:
      return frame({ opcode: 1, payload: text })
  }
}

function upgrade(port, path, cookie) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    const key = randomBytes(16).toString('base64')
    let head = Buffer.alloc(0)
    const state = { socket, open: false, closeCode: null, ended: false }
    socket.on('error', () => {})
    socket.on('close', () => {
      state.ended = true
      resolve(state)
    })
    socket.on('data', (chunk) => {
      if (!state.open) {
        head = Buffer.concat([head, chunk])
        const end = head.indexOf('\r\n\r\n')
        if (end < 0) return
        state.open = head.subarray(0, 12).toString() === 'HTTP/1.1 101'
        chunk = head.subarray(end + 4)
        if (!state.open) return socket.destroy()
        resolve(state)
      }
      // A close frame from the server: opcode 8; its code in the first two payload bytes.
      for (let at = 0; at + 1 < chunk.length; ) {
        const opcode = chunk[at] & 0x0f
        let length = chunk[at + 1] & 0x7f
        let offset = at + 2
        if (length === 126) {
          length = chunk.readUInt16BE(offset)
          offset += 2
        } else if (length === 127) break
        if (opcode === 8 && length >= 2 && offset + 2 <= chunk.length) state.closeCode = chunk.readUInt16BE(offset)
        at = offset + length
      }
    })
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\nOrigin: http://127.0.0.1:${port}\r\n` +
        (cookie ? `Cookie: ${cookie}\r\n` : '') +
        '\r\n',
    )
  })
}

const server = await startTether({
  WS_MAX_CONNECTIONS_PER_CLIENT: '100000',
  CHAT_RATE_PER_SECOND: '100000',
  CHAT_RATE_BURST: '100000',
})
const cookie = await login(server.base, 'user1')
const paths = [
  '/websocket/echo',
  '/websocket/heartrate',
  '/websocket/chatroom?room=fuzz',
  `/api/proxy?url=${encodeURIComponent(`ws://127.0.0.1:${server.port}/websocket/echo`)}`,
]
const counts = { frames: 0, connections: 0, refusedUpgrades: 0, closeCodes: {}, droppedWithoutClose: 0, stillOpen: 0 }
const deadline = Date.now() + options.seconds * 1000

async function worker() {
  while (counts.frames < options.frames && Date.now() < deadline && server.alive()) {
    const state = await upgrade(server.port, rng.pick(paths), cookie)
    counts.connections++
    if (!state.open) {
      counts.refusedUpgrades++
      continue
    }
    for (let i = 0; i < options.perConnection && !state.ended && counts.frames < options.frames; i++) {
      state.socket.write(mutatedFrame())
      counts.frames++
      if (i % 10 === 9) await new Promise((resolve) => setImmediate(resolve))
    }
    // Give the server a moment to answer, then hang up.
    let hungUp = false
    await new Promise((resolve) => {
      if (state.ended) return resolve()
      state.socket.once('close', resolve)
      setTimeout(() => {
        hungUp = !state.ended
        state.socket.destroy()
        resolve()
      }, 200)
    })
    if (state.closeCode !== null) counts.closeCodes[state.closeCode] = (counts.closeCodes[state.closeCode] ?? 0) + 1
    else if (hungUp) counts.stillOpen++
    else counts.droppedWithoutClose++
  }
}

const started = Date.now()
await Promise.all(Array.from({ length: options.concurrency }, worker))
const crashed = !server.alive()
// The server still serves after the run.
const healthy = crashed ? false : (await fetch(`${server.base}/healthz`)).status === 200
await server.kill('SIGTERM')
console.log(
  JSON.stringify(
    {
      fuzzer: 'websocket',
      seed: options.seed,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      ...counts,
      crashes: crashed ? 1 : server.crashes(),
      healthyAfter: healthy,
    },
    null,
    2,
  ),
)
process.exit(crashed || !healthy ? 1 : 0)
