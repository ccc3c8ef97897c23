import { networkInterfaces } from 'node:os'
import type { FastifyInstance } from 'fastify'
import type { ServerConfig } from '../config.js'
import { ApiError, ApiErrorCodes } from '../errors/index.js'
import { logSecurityEvent, SecurityEvents } from './security-events.js'

/** A host name as `request.hostname` spells it: lower case, IPv6 in brackets, no zone. */
function hostKey(host: string): string {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
  return bare.includes(':') ? `[${bare.replace(/%.*$/, '')}]` : bare
}

/**
 * The host names this server answers to: loopback names, the machine's own interface addresses, the
 * listen host and `ALLOWED_HOSTS`; null when `ALLOWED_HOSTS` is `*` (any host).
 */
export function allowedHostNames(config: Pick<ServerConfig, 'allowedHosts' | 'host'>): Set<string> | null {
  if (config.allowedHosts.includes('*')) return null
  const hosts = new Set(['localhost', '127.0.0.1', '[::1]'].map(hostKey))
  for (const addresses of Object.values(networkInterfaces())) {
    for (const { address } of addresses ?? []) hosts.add(hostKey(address))
  }
  if (config.host !== '0.0.0.0' && config.host !== '::') hosts.add(hostKey(config.host))
  for (const host of config.allowedHosts) hosts.add(hostKey(host))
  return hosts
}

/**
 * Refuses requests whose Host header names a host this server does not answer to (`400
 * TETHER_HOST_NOT_ALLOWED`), before any route runs — HTTP and WebSocket upgrades alike. Against DNS
 * rebinding: a page on `rebind.evil.example` whose name is made to resolve to this server's address
 * is same-origin with itself, so the Origin checks pass; its requests still carry its own Host.
 */
export function installHostGuard(app: FastifyInstance, config: Pick<ServerConfig, 'allowedHosts' | 'host'>): void {
  const hosts = allowedHostNames(config)
  if (hosts === null) return
  app.addHook('onRequest', async (request) => {
    if (hosts.has(hostKey(request.hostname))) return
    const host = request.host.slice(0, 200)
    logSecurityEvent(request.log, SecurityEvents.HOST_REFUSED, { host, ip: request.ip, url: request.url.split('?')[0] })
    throw new ApiError(
      400,
      ApiErrorCodes.HOST_NOT_ALLOWED,
      `This server does not answer to the host ${JSON.stringify(host)}. If it is yours, add it to ALLOWED_HOSTS.`,
    )
  })
}
