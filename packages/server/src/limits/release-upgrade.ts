import { ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyBaseLogger, FastifyRequest } from 'fastify'
import type WebSocket from 'ws'

/** Logs a socket error; `this` is the socket. The connection is dropped, as @fastify/websocket does. */
export type SocketErrorHandler = (this: WebSocket, error: Error) => void

/**
 * The error handler for `releaseUpgradeRequest`: logs and terminates, as @fastify/websocket's does. Make
 * one per route, not per socket: a closure per socket is memory every idle connection pays for.
 */
export function logAndTerminate(log: FastifyBaseLogger, route: string): SocketErrorHandler {
  return function onSocketError(this: WebSocket, error: Error) {
    log.warn({ err: error }, `${route}: connection error`)
    this.terminate()
  }
}

/**
 * Lets the HTTP request and response of a WebSocket upgrade be garbage-collected while the WebSocket
 * lives on (about 2 KB of an idle connection's memory: the IncomingMessage and its headers, the
 * ServerResponse Fastify routed with, and Fastify's request and reply):
 * - Node's socket still points at that ServerResponse: `detachSocket` ends that, as Node does itself
 *   when a response is done (the response of a hijacked upgrade never is).
 * - @fastify/websocket's 'error' listener closes over the request and reply, only to log and terminate;
 *   `onError` replaces it and must do the same (terminate the socket).
 * Call it from the route's WebSocket handler; the request stays usable for as long as the caller keeps it.
 */
export function releaseUpgradeRequest(socket: WebSocket, request: FastifyRequest, onError: SocketErrorHandler): void {
  const raw = request.raw.socket as (Socket & { _httpMessage?: unknown }) | null
  const response = raw?._httpMessage
  if (raw && response instanceof ServerResponse && response.socket === raw) response.detachSocket(raw)
  socket.removeAllListeners('error')
  socket.on('error', onError)
}
