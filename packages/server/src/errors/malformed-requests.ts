import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { ApiErrorCodes } from './error-codes.js'

/** What the client is told for each HTTP parser failure Node reports before Fastify sees a request. */
function parserFailure(code: string | undefined): { status: number; code: string; message: string } {
  if (code === 'HPE_HEADER_OVERFLOW')
    return {
      status: 431,
      code: ApiErrorCodes.HEADERS_TOO_LARGE,
      message: 'The request headers are larger than the server accepts (16 KiB).',
    }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return { status: 408, code: ApiErrorCodes.REQUEST_TIMEOUT, message: 'The request took too long to arrive.' }
  return {
    status: 400,
    code: ApiErrorCodes.BAD_REQUEST,
    message: 'The request is not valid HTTP/1.1 (bad request line, header or body framing).',
  }
}

/**
 * Answers a request Node's HTTP parser refused (negative or conflicting lengths, headers over 16 KiB,
 * garbage) with the same JSON `{code, message}` as every other error, then closes the connection: after
 * a framing error nothing more on it can be trusted. Fastify's `clientErrorHandler`.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const { status, code, message } = parserFailure(error.code)
  const body = JSON.stringify({ code, message })
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    )
  }
  socket.destroy()
}

/**
 * Answers an HTTP `CONNECT` (a proxy tunnel request, which this server never serves): Node hands it
 * to the server's 'connect' event and, with no listener, drops the connection without a word.
 */
export function answerConnectMethod(_request: unknown, socket: Socket): void {
  const body = JSON.stringify({
    code: ApiErrorCodes.BAD_REQUEST,
    message: 'CONNECT is not supported: this is not a proxy.',
  })
  socket.on('error', () => {})
  socket.end(
    `HTTP/1.1 405 ${STATUS_CODES[405]}\r\nAllow: GET, HEAD, POST, PUT, PATCH, DELETE\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
}

/**
 * Fastify's `frameworkErrors`: errors it raises before routing, such as a path with a bad
 * percent-encoding (`/api/%ZZ`, FST_ERR_BAD_URL), answered like every other malformed request.
 */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = typeof error.statusCode === 'number' && error.statusCode < 500 ? error.statusCode : 400
  const message =
    error.code === 'FST_ERR_BAD_URL'
      ? 'The URL is not valid: fix its percent-encoding (%XX with two hex digits).'
      : 'The request could not be routed.'
  void reply.status(status).send({ code: ApiErrorCodes.BAD_REQUEST, message })
}
