import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { useTestServer } from '../test-support/app-helpers.js'

/** Sends raw bytes and collects everything until the server closes (or 10 s pass). */
function rawRequest(base: string, request: string): Promise<string> {
  const { hostname, port } = new URL(base)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname)
    const chunks: Buffer[] = []
    const timer = setTimeout(() => socket.destroy(), 10_000)
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      clearTimeout(timer)
      resolve(Buffer.concat(chunks).toString('latin1'))
    })
    socket.end(request)
  })
}

function parse(raw: string): { status: number; contentType: string; body: { code?: string; message?: string } } {
  const [head = '', body = ''] = raw.split('\r\n\r\n')
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0)
  const contentType = /\r\ncontent-type: ([^\r]*)/i.exec(head)?.[1] ?? ''
  return { status, contentType, body: JSON.parse(body) }
}

describe('malformed HTTP requests', () => {
  const server = useTestServer()

  it.each([
    ['a negative Content-Length', 'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n', 400],
    [
      'Transfer-Encoding and Content-Length together',
      'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n',
      400,
    ],
    ['a bad percent-encoding in the path', 'GET /api/%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 400],
    ['headers over 16 KiB', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`, 431],
    ['a request line that is not HTTP', 'HELLO\r\n\r\n', 400],
    ['the CONNECT method', 'CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n', 405],
  ])('answers %s with JSON {code, message} and a TETHER_ code', async (_what, request, status) => {
    const answer = parse(await rawRequest(server.http, request))
    expect(answer.status).toBe(status)
    expect(answer.contentType).toMatch(/^application\/json/)
    expect(answer.body.code).toMatch(/^TETHER_/)
    expect(answer.body.message).toEqual(expect.any(String))
  })
})
