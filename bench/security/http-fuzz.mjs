#!/usr/bin/env node
// HTTP fuzzer: raw requests over TCP against a Tether server it starts on loopback. Mutates request
// lines, paths (percent-encoding, NUL, long, unicode), headers (lengths, framing, size, Host) and
// bodies (JSON mutations, junk, NUL, huge numbers). Counts inputs, answers by status, 5xx, error
// bodies without a TETHER_ code, connections closed without an answer (expected only for a body
// shorter than its Content-Length, which the server waits for) and crashes. Bounded by --count and
// --seconds. Usage: node bench/security/http-fuzz.mjs [--count 3000] [--seconds 120] [--seed 1]
import { connect } from 'node:net'
import { args, login, random, startTether } from './tether-process.mjs'

const options = args({ count: 3000, seconds: 120, seed: 1, concurrency: 8 })
const rng = random(options.seed)

const PATHS = [
  '/',
  '/healthz',
  '/readyz',
  '/metrics',
  '/api/auth/login',
  '/api/auth/logout',
  '/api/auth/me',
  '/api/entities',
  '/api/entities/employee',
  '/api/entities/employee/1',
  '/api/entities/department/2',
  '/api/entities/employee?where[empId][eq]=1',
  '/api/entities/employee?where[firstname][contains]=a&sort=-lastname&page=1&size=5',
  '/api/projects/chatroom',
  '/api/studio/projects',
  '/api/proxy?url=ws://127.0.0.1:1/',
  '/pictures/user1.svg',
  '/apps/chatroom/',
  '/websocket/echo',
]
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'FOO', 'get', 'CONNECT']
const ODD = [
  '%00',
  '%ZZ',
  '%',
  '%2e%2e/',
  '../',
  '\u0000',
  'é',
  '%C0%AF',
  '9999999999',
  '-1',
  '1e309',
  '__proto__',
  'constructor',
  '%61pi',
  '//',
  ';',
  '?x=%00',
  '[]',
  '{}',
]
const VALUES = [
  0,
  -1,
  2 ** 31,
  2 ** 53,
  1e308,
  'a\u0000b',
  '',
  'x'.repeat(300),
  null,
  true,
  [],
  {},
  { __proto__: { admin: true } },
  '2000-13-45',
  '😀',
]

function mutatePath() {
  let path = rng.pick(PATHS)
  const edits = rng.int(3)
  for (let i = 0; i < edits; i++) {
    const at = rng.int(path.length + 1)
    path = path.slice(0, at) + rng.pick(ODD) + path.slice(at)
  }
  if (rng.int(20) === 0) path += `/${'a'.repeat(rng.int(20_000))}`
  return path
}

function jsonBody() {
  const fields = [
    'username',
    'password',
    'firstname',
    'lastname',
    'name',
    'deptId',
    'empId',
    'budget',
    'role',
    'birthdate',
    'x',
  ]
  const body = {}
  for (let i = rng.int(5); i > 0; i--) body[rng.pick(fields)] = rng.pick(VALUES)
  let text = JSON.stringify(body)
  if (rng.int(5) === 0) text = text.slice(0, rng.int(text.length)) // truncated
  if (rng.int(8) === 0) text = `{"a":${'['.repeat(rng.int(5000))}`
  return text
}

function request(cookie) {
  const method = rng.pick(METHODS)
  const path = mutatePath()
  const body = rng.int(3) === 0 ? rng.bytes(rng.int(400)).toString('latin1') : jsonBody()
  const headers = [`Host: ${rng.int(10) === 0 ? 'evil.example' : '127.0.0.1'}`]
  if (rng.int(2))
    headers.push(`Content-Type: ${rng.pick(['application/json', 'text/plain', 'application/json; charset=x', ''])}`)
  if (rng.int(2)) headers.push(`Cookie: ${rng.int(4) ? cookie : 'tether_session=forged.sig'}`)
  if (rng.int(6) === 0) headers.push(`Origin: ${rng.pick(['http://evil.example', 'null', 'http://127.0.0.1'])}`)
  const framing = rng.int(10)
  if (framing === 0) headers.push('Content-Length: -1')
  else if (framing === 1) headers.push(`Content-Length: ${body.length}`, 'Transfer-Encoding: chunked')
  else if (framing === 2) headers.push('Transfer-Encoding: chunked')
  else if (framing === 3) headers.push(`Content-Length: ${body.length + 10}`)
  else headers.push(`Content-Length: ${Buffer.byteLength(body, 'latin1')}`)
  if (rng.int(25) === 0) headers.push(`X-Big: ${'b'.repeat(17 * 1024)}`)
  if (rng.int(25) === 0) headers.push('X-Bad\u0000: y')
  const version = rng.int(30) === 0 ? rng.pick(['HTTP/1.0', 'HTTP/2.0', 'HTTP/9', '']) : 'HTTP/1.1'
  const payload = framing === 2 ? `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n` : body
  const raw = `${method} ${path} ${version}\r\n${headers.join('\r\n')}\r\nConnection: close\r\n\r\n${payload}`
  // A body shorter than its Content-Length: the server rightly waits for the rest (until its request timeout).
  return { raw, incomplete: framing === 3 }
}

function send(port, raw) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    const chunks = []
    const timer = setTimeout(() => socket.destroy(), 3_000)
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', () => {})
    socket.on('close', () => {
      clearTimeout(timer)
      resolve(Buffer.concat(chunks).toString('latin1'))
    })
    // Not end(): a half-closed connection may be dropped before the answer is written.
    socket.write(Buffer.from(raw, 'latin1'))
  })
}

const server = await startTether({ LOGIN_MAX_ATTEMPTS: '1000000' })
const cookie = await login(server.base, 'admin', 'admin')
const counts = { inputs: 0, byStatus: {}, fiveHundreds: 0, notTether: 0, noAnswer: 0, noAnswerExpected: 0 }
const samples = { fiveHundreds: [], notTether: [], noAnswer: [] }
const deadline = Date.now() + options.seconds * 1000
let next = 0

async function worker() {
  while (next < options.count && Date.now() < deadline && server.alive()) {
    next++
    const { raw, incomplete } = request(cookie)
    const answer = await send(server.port, raw)
    counts.inputs++
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0)
    if (status === 0 && incomplete) {
      counts.noAnswerExpected++
      continue
    }
    if (status === 0) {
      counts.noAnswer++
      if (samples.noAnswer.length < 5) samples.noAnswer.push(raw.slice(0, 160))
      continue
    }
    counts.byStatus[status] = (counts.byStatus[status] ?? 0) + 1
    if (status >= 500 && status !== 503) {
      counts.fiveHundreds++
      if (samples.fiveHundreds.length < 5) samples.fiveHundreds.push(raw.slice(0, 200))
    }
    const body = answer.split('\r\n\r\n').slice(1).join('\r\n\r\n')
    if (status >= 400 && !raw.startsWith('HEAD') && !/"code":"TETHER_/.test(body)) {
      counts.notTether++
      if (samples.notTether.length < 5) samples.notTether.push(`${status} ${raw.slice(0, 120)}`)
    }
  }
}

const started = Date.now()
await Promise.all(Array.from({ length: options.concurrency }, worker))
const crashed = !server.alive()
await server.kill('SIGTERM')
const report = {
  fuzzer: 'http',
  seed: options.seed,
  seconds: Math.round((Date.now() - started) / 100) / 10,
  ...counts,
  crashes: crashed ? 1 : server.crashes(),
  samples,
}
console.log(JSON.stringify(report, null, 2))
process.exit(crashed || counts.fiveHundreds > 0 ? 1 : 0)
