// @tether/server — the public surface. Everything exported is listed by name; internals stay internal.

export type { FeatureOptions } from './app.js'
export { type BuildOptions, buildApp } from './app.js'
export type { LoggedInUser, SessionUser } from './auth/index.js'
export { readSessionUser, requireRole, requireUser, SESSION_COOKIE } from './auth/index.js'
export type { ServerConfig } from './config.js'
export { loadConfig } from './config.js'
export type { Database, Db } from './db/index.js'
export { DEMO_USERNAMES, openDatabase } from './db/index.js'
export type { ApiErrorCode, ApiErrorDetail } from './errors/index.js'
export { ApiError, ApiErrorCodes } from './errors/index.js'
export { isAllowedOrigin } from './security/index.js'
