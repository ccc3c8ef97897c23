import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { ServerConfig } from '../config.js'
import { type Db, storableText } from '../db/index.js'
import { ApiError, ApiErrorCodes, validationError, zodIssuesToDetails } from '../errors/index.js'
import { logSecurityEvent, SecurityEvents, verifyPassword } from '../security/index.js'
import { LoginThrottle } from './login-throttle.js'
import { PasswordCheckQueue } from './password-check-queue.js'
import { installSessionRevocation } from './session-revocation.js'
import { SessionStore, type SessionUser } from './session-store.js'
import { forgetSessionUser, readSessionToken, readSessionUser, SESSION_COOKIE } from './session-user.js'
import { findSignInRecord, readAppUser, type SignInColumns, type SignInColumnsFor } from './sign-in-columns.js'

/** `loggedInUser.dataSet` as pages bind it: what `GET /api/auth/me` returns. */
export interface LoggedInUser {
  isAuthenticated: boolean
  isSecurityEnabled: true
  /** The username. */
  name: string | null
  /** The employee id. */
  id: number | null
  roles: string[]
  tenantId: number | null
  userAttributes: {
    firstname?: string
    lastname?: string
    picurl?: string | null
    jobTitle?: string | null
    deptId?: number | null
  }
}

const anonymous: LoggedInUser = {
  isAuthenticated: false,
  isSecurityEnabled: true,
  name: null,
  id: null,
  roles: [],
  tenantId: null,
  userAttributes: {},
}

const projectName = z.string().min(1).max(100)

const LoginBody = z.strictObject({
  username: storableText(100).trim().min(1, 'Enter a username.'),
  password: z.string().min(1, 'Enter a password.').max(1024),
  /** The app signed in to: its security provider says where users are. Defaults to the studio (built-in Employee). */
  project: projectName.optional(),
})

const MeQuery = z.object({ project: projectName.optional() })

/** The signed-in user as `columns` (an app's provider) sees them: its username and role from the mapped fields. */
async function loggedInUser(db: Db, session: SessionUser | null, columns: SignInColumns): Promise<LoggedInUser> {
  if (!session) return anonymous
  const record = await readAppUser(db, columns, session.id)
  if (!record) return anonymous
  const user = { ...session, username: record.name ?? session.username, roles: record.roles }
  const e = await db
    .selectFrom('employee')
    .select(['firstname', 'lastname', 'picurl', 'job_title', 'dept_id'])
    .where('emp_id', '=', user.id)
    .executeTakeFirst()
  return {
    isAuthenticated: true,
    isSecurityEnabled: true,
    name: user.username,
    id: user.id,
    roles: user.roles,
    tenantId: user.tenantId,
    userAttributes: e
      ? { firstname: e.firstname, lastname: e.lastname, picurl: e.picurl, jobTitle: e.job_title, deptId: e.dept_id }
      : {},
  }
}

/**
 * Installs sessions and the `/api/auth` routes on the root instance (so `readSessionUser` works in
 * every feature): login sets a signed HttpOnly SameSite=Lax cookie, Secure when the request came over https.
 * Ending a session closes its WebSockets (see session-revocation.ts), so call this after
 * `@fastify/websocket` is registered.
 */
export interface AuthOptions {
  config: ServerConfig
  db: Db
  /** Where each app's users are (its security provider's columns); `null` asks for the studio's. */
  signInColumns: SignInColumnsFor
}

export function installAuth(app: FastifyInstance, { config, db, signInColumns }: AuthOptions): void {
  const sessionsEnded = installSessionRevocation(app, { config, db })
  app.decorate('sessions', new SessionStore(db, config.sessionTtlMs, config.sessionMaxPerUser, sessionsEnded))
  let warnedAt = Number.NEGATIVE_INFINITY
  const throttle = new LoginThrottle({
    maxAttempts: config.login.maxAttempts,
    windowMs: config.login.windowMs,
    maxKeys: config.login.trackedKeysMax,
    // Forgetting failures weakens the throttle, so the operator should hear of it (once per window, not per login).
    onFull: () => {
      if (Date.now() - warnedAt < config.login.windowMs) return
      warnedAt = Date.now()
      app.log.warn(
        `login throttle: ${config.login.trackedKeysMax} clients tracked (LOGIN_TRACKED_KEYS_MAX); forgetting the oldest`,
      )
    },
  })
  const checks = new PasswordCheckQueue({
    maxRunning: config.login.concurrentChecks,
    maxWaiting: config.login.queueMax,
  })
  // Spraying many usernames from one address is limited too, more loosely.
  const perAddressLimit = config.login.maxAttempts * 10

  const setCookie = (request: FastifyRequest, reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      signed: true,
      httpOnly: true,
      sameSite: 'lax',
      secure: request.protocol === 'https',
      path: '/',
      maxAge: Math.floor(config.sessionTtlMs / 1000),
    })

  app.post('/api/auth/login', async (request, reply) => {
    const parsed = LoginBody.safeParse(request.body ?? {})
    if (!parsed.success)
      throw validationError('The login request is invalid.', zodIssuesToDetails('body', parsed.error.issues))
    const { username, password, project } = parsed.data
    const columns = await signInColumns(project ?? null)
    const userKey = `${request.ip}|${username.toLowerCase()}`
    const addressKey = request.ip
    const event = { username, ip: request.ip }
    try {
      checks.admit()
    } catch (error) {
      logSecurityEvent(request.log, SecurityEvents.LOGIN_BUSY, event)
      throw error
    }
    const waitMs = Math.max(
      throttle.retryAfterMs(userKey, config.login.maxAttempts),
      throttle.retryAfterMs(addressKey, perAddressLimit),
    )
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000)
      logSecurityEvent(request.log, SecurityEvents.LOGIN_THROTTLED, event)
      throw new ApiError(429, ApiErrorCodes.RATE_LIMITED, `Too many failed logins. Try again in ${seconds} s.`, {
        headers: { 'retry-after': String(seconds) },
      })
    }
    // Counted now, in the same tick as the check above: simultaneous logins cannot all pass it before
    // the first of them fails (issue 12, finding 1). A right password takes its attempt back below.
    throttle.recordAttempt(userKey)
    throttle.recordAttempt(addressKey)
    // Queued right after `admit`, in the same tick, so the queue's bound holds.
    const employee = await checks.run(async () => {
      const found = await findSignInRecord(db, columns, username)
      // Always verify (against a dummy hash when there is no such user) so timing reveals nothing.
      const ok = await verifyPassword(password, found?.passwordHash ?? null)
      return ok ? found : undefined
    })
    if (!employee) {
      logSecurityEvent(request.log, SecurityEvents.LOGIN_FAILED, event)
      throw new ApiError(401, ApiErrorCodes.INVALID_CREDENTIALS, 'Username or password is incorrect.')
    }
    throttle.clear(userKey)
    throttle.forgive(addressKey)

    const previous = readSessionToken(request)
    if (previous) await app.sessions.delete(previous)
    const token = await app.sessions.create(employee.id)
    setCookie(request, reply, token)
    forgetSessionUser(request)
    logSecurityEvent(request.log, SecurityEvents.LOGIN_SUCCEEDED, event)
    return loggedInUser(db, await app.sessions.find(token), columns)
  })

  app.post('/api/auth/logout', async (request, reply) => {
    const token = readSessionToken(request)
    if (token) await app.sessions.delete(token)
    forgetSessionUser(request)
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return anonymous
  })

  app.get('/api/auth/me', async (request) => {
    const query = MeQuery.safeParse(request.query ?? {})
    if (!query.success)
      throw validationError('Name the app as ?project=<name>.', zodIssuesToDetails('query', query.error.issues))
    const session = await readSessionUser(request)
    if (!session) return anonymous
    return loggedInUser(db, session, await signInColumns(query.data.project ?? null))
  })
}
