import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ApiError, ApiErrorCodes } from '../errors/index.js'
import type { SessionStore, SessionUser } from './session-store.js'

/** The session cookie's name: signed, HttpOnly, SameSite=Lax. */
export const SESSION_COOKIE = 'tether_session'

declare module 'fastify' {
  interface FastifyInstance {
    /** The session store, decorated by the auth feature. */
    sessions: SessionStore
  }
}

// One lookup per request, however many features ask.
const cache = new WeakMap<FastifyRequest, Promise<SessionUser | null>>()

/** The signed session token in a signed cookie value, or null when absent or tampered with. */
function unsignToken(app: FastifyInstance, raw: string | undefined): string | null {
  if (!raw) return null
  const unsigned = app.unsignCookie(raw)
  return unsigned.valid && unsigned.value ? unsigned.value : null
}

/** The session token in a raw `Cookie` header (a request that never passed Fastify's hooks). */
function tokenFromCookieHeader(app: FastifyInstance, header: string | undefined): string | null {
  return header ? unsignToken(app, app.parseCookie(header)[SESSION_COOKIE]) : null
}

/** The signed session token from the request's cookies, or null when absent or tampered with. */
export function readSessionToken(request: FastifyRequest): string | null {
  const raw = request.cookies?.[SESSION_COOKIE]
  // Defensive: a request that skipped the cookie hook (e.g. a raw upgrade) still has the header.
  if (raw === undefined) return tokenFromCookieHeader(request.server, request.headers.cookie)
  return unsignToken(request.server, raw)
}

/**
 * The user of the request's session, or null. Works for HTTP requests and WebSocket upgrade
 * requests alike (it only reads the signed `tether_session` cookie).
 *
 * @example
 * const user = await readSessionUser(request)
 * if (!user) socket.close(4401, 'log in first')
 */
export function readSessionUser(request: FastifyRequest): Promise<SessionUser | null> {
  let found = cache.get(request)
  if (!found) {
    const token = readSessionToken(request)
    found = token ? request.server.sessions.find(token) : Promise.resolve(null)
    cache.set(request, found)
  }
  return found
}

/** The session's user, or a 401 `TETHER_UNAUTHENTICATED`. */
export async function requireUser(request: FastifyRequest): Promise<SessionUser> {
  const user = await readSessionUser(request)
  if (!user) {
    throw new ApiError(401, ApiErrorCodes.UNAUTHENTICATED, 'You are not logged in. Log in with POST /api/auth/login.')
  }
  return user
}

/** The session's user when it has `role`; otherwise 401 (no session) or 403 `TETHER_FORBIDDEN`. */
export async function requireRole(request: FastifyRequest, role: string): Promise<SessionUser> {
  const user = await requireUser(request)
  if (!user.roles.includes(role)) {
    throw new ApiError(
      403,
      ApiErrorCodes.FORBIDDEN,
      `This needs the "${role}" role; ${user.username} does not have it.`,
    )
  }
  return user
}

/** Forgets the cached user (after login or logout changed the session within the same request). */
export function forgetSessionUser(request: FastifyRequest): void {
  cache.delete(request)
}
