import { transportOf } from '@tether/core'
import type { FastifyRequest } from 'fastify'
import { readSessionUser } from '../auth/index.js'
import type { ServerConfig } from '../config.js'
import { ApiErrorCodes } from '../errors/index.js'
import { CloseCodes } from '../limits/index.js'
import { checkOrigin } from '../security/index.js'
import {
  resolveSavedService,
  SavedServiceError,
  type SavedServiceTarget,
  type SecretsStore,
  serviceParamsFromQuery,
} from '../studio/index.js'
import { forbidden, ProxyRefusal } from './proxy-refusal.js'
import { type ProxyTarget, type ProxyTransport, resolveProxyTarget } from './target-guard.js'

/** Where one proxied connection goes, and the saved service it is for (null for a bare `?url=`). */
export interface ProxyDestination {
  target: ProxyTarget
  saved: SavedServiceTarget | null
  /** Resolves and checks the same URL again (a shared feed's holder may reconnect hours later). */
  resolveAgain(): Promise<ProxyTarget>
}

/**
 * Decides where a proxy request may go, for the WebSocket relay and the event-stream proxy alike: an
 * allowed Origin and a session first; then `?project=&service=` names a saved service (its URL from the
 * project, its secrets from the server) or `?url=` a bare target; either way the SSRF guard judges the
 * resolved URL. Throws a ProxyRefusal naming the broken rule.
 */
export function proxyDestinations(config: ServerConfig, secrets: SecretsStore) {
  async function savedService(
    query: Record<string, string | undefined>,
    self: { address: string; port: number } | null,
    transport: ProxyTransport,
  ): Promise<SavedServiceTarget> {
    const host = self ? (self.address.includes(':') ? `[${self.address}]` : self.address) : '127.0.0.1'
    const selfOrigin = `${transport === 'http' ? 'http' : 'ws'}://${host}${self ? `:${self.port}` : ''}`
    const stores = { projectsDir: config.projectsDir, secrets }
    try {
      return await resolveSavedService(
        stores,
        query.project ?? '',
        query.service ?? '',
        serviceParamsFromQuery(query),
        selfOrigin,
        query.url,
      )
    } catch (error) {
      if (error instanceof SavedServiceError) throw new ProxyRefusal(CloseCodes.POLICY, error.code, error.message)
      throw error
    }
  }

  return async function destinationOf(request: FastifyRequest, transport: ProxyTransport): Promise<ProxyDestination> {
    if (!checkOrigin(request, config)) {
      throw new ProxyRefusal(CloseCodes.FORBIDDEN, ApiErrorCodes.FORBIDDEN, 'this origin may not use the proxy')
    }
    if (!(await readSessionUser(request))) {
      throw new ProxyRefusal(
        CloseCodes.NOT_AUTHENTICATED,
        ApiErrorCodes.UNAUTHENTICATED,
        'Log in first: the proxy needs a session',
      )
    }
    const local = request.raw.socket
    const self = local.localAddress && local.localPort ? { address: local.localAddress, port: local.localPort } : null
    const query = request.query as Record<string, string | undefined>
    const named = query.project !== undefined || query.service !== undefined
    const saved = named ? await savedService(query, self, transport) : null
    // An event stream is requested over HTTP, every other protocol over a WebSocket upgrade.
    if (saved && transportOf(saved.protocol) !== transport) {
      const how = transport === 'http' ? 'connect over a WebSocket' : 'request it over HTTP, without an upgrade'
      throw forbidden(`"${query.service}" is a ${saved.protocol} service: ${how}`)
    }
    const url = saved ? saved.url : query.url
    const policy = {
      allow: config.proxy.allow,
      allowSelf: config.proxy.allowSelf,
      allowPublic: config.proxy.allowPublic,
      self,
    }
    const resolveAgain = () => resolveProxyTarget(url, policy, { transport })
    return { target: await resolveAgain(), saved, resolveAgain }
  }
}
