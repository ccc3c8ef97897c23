import { lookup as dnsLookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { ApiErrorCodes } from '../errors/index.js'
import { CloseCodes } from '../limits/index.js'
import { forbiddenAddressRule, isLoopbackAddress } from './ip-ranges.js'
import { forbidden, ProxyRefusal } from './proxy-refusal.js'

/** Who the proxy may connect to. */
export interface ProxyPolicy {
  /** Targets allowed even on loopback/private addresses: `host` (any port) or `host:port`, `[v6]:port`. */
  allow: readonly string[]
  /** Whether this server's own port on a loopback (or its own) address is allowed. */
  allowSelf: boolean
  /** Whether any public address may be reached; when false only `allow` and this server are. */
  allowPublic: boolean
  /** This server as the client reached it (the request socket's local address and port). */
  self: { address: string; port: number } | null
}

/** A checked target: connect to `address`, but speak to `url`'s host (Host header, TLS name). */
export interface ProxyTarget {
  url: URL
  hostname: string
  port: number
  address: string
  family: 4 | 6
}

export type LookupAll = (hostname: string) => Promise<{ address: string; family: number }[]>

/** How the proxy reaches a target: WebSocket services over ws/wss, Server-Sent Events over http/https. */
export type ProxyTransport = 'websocket' | 'http'

const SCHEMES: Record<ProxyTransport, { plain: string; secure: string }> = {
  websocket: { plain: 'ws:', secure: 'wss:' },
  http: { plain: 'http:', secure: 'https:' },
}

const lookupAll: LookupAll = (hostname) => dnsLookup(hostname, { all: true, verbatim: true })

function parseAllowEntry(entry: string): { host: string; port: number | null } {
  const text = entry.trim().toLowerCase()
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text)
  if (bracketed) return { host: bracketed[1] ?? '', port: bracketed[2] ? Number(bracketed[2]) : null }
  const parts = text.split(':')
  if (parts.length === 2) return { host: parts[0] ?? '', port: Number(parts[1]) }
  return { host: text, port: null } // a hostname, an IPv4 or a bare IPv6 address
}

function isAllowed(allow: readonly string[], host: string, port: number): boolean {
  return allow.some((entry) => {
    const parsed = parseAllowEntry(entry)
    return parsed.host === host.toLowerCase() && (parsed.port === null || parsed.port === port)
  })
}

/**
 * Whether `pathname` reaches this server's proxy route however it is spelled: the router decodes
 * percent-escapes (`/%61pi/proxy`, `/api/%70roxy`), so they are decoded here too — repeatedly, since a
 * stricter refusal costs nothing — and dot segments, runs of slashes and letter case are ignored. A path that cannot
 * be decoded counts as the proxy: refusing it is the safe side.
 */
export function isProxyPath(pathname: string): boolean {
  let path = pathname
  for (let round = 0; round < 5 && path.includes('%'); round++) {
    try {
      path = decodeURIComponent(path)
    } catch {
      return true
    }
  }
  const normalized = new URL(path.replace(/\/{2,}/g, '/'), 'http://self').pathname.toLowerCase()
  return normalized.startsWith('/api/proxy')
}

/**
 * Checks a proxy target against the SSRF rules and resolves it once: only ws:// and wss:// (http:// and
 * https:// for the `http` transport); every
 * address the name resolves to must be public unless the target is in `allow` or is this server.
 * The caller connects to the returned address, so a DNS answer that changes between this check and
 * the connection (DNS rebinding) cannot redirect it. Throws a ProxyRefusal naming the broken rule.
 *
 * @example
 * const target = await resolveProxyTarget('ws://echo.example.com/feed', { allow: [], allowSelf: true, self })
 */
export async function resolveProxyTarget(
  rawUrl: string | undefined,
  policy: ProxyPolicy,
  { transport = 'websocket', lookup = lookupAll }: { transport?: ProxyTransport; lookup?: LookupAll } = {},
): Promise<ProxyTarget> {
  const { plain, secure } = SCHEMES[transport]
  if (!rawUrl) {
    throw new ProxyRefusal(CloseCodes.POLICY, ApiErrorCodes.INVALID_URL, `add ?url=${plain}//host:port/path`)
  }
  let url: URL
  try {
    url = new URL(rawUrl)
  } catch {
    throw new ProxyRefusal(CloseCodes.POLICY, ApiErrorCodes.INVALID_URL, `${rawUrl} is not a URL`)
  }
  if (url.protocol !== plain && url.protocol !== secure) {
    throw forbidden(`only ${plain}// and ${secure}// targets, not ${url.protocol}//`)
  }
  const hostname = url.hostname.replace(/^\[|\]$/g, '')
  const port = url.port ? Number(url.port) : url.protocol === secure ? 443 : 80

  let addresses: { address: string; family: number }[]
  try {
    addresses = isIP(hostname) ? [{ address: hostname, family: isIP(hostname) }] : await lookup(hostname)
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw new ProxyRefusal(CloseCodes.BAD_GATEWAY, ApiErrorCodes.CONNECT_FAILED, `cannot resolve ${hostname}: ${why}`)
  }
  const [first] = addresses
  if (!first) throw new ProxyRefusal(CloseCodes.BAD_GATEWAY, ApiErrorCodes.CONNECT_FAILED, `${hostname} has no address`)

  const explicitlyAllowed =
    isAllowed(policy.allow, hostname, port) || addresses.every((a) => isAllowed(policy.allow, a.address, port))
  const self = policy.self
  const isSelf =
    self !== null &&
    port === self.port &&
    addresses.every((a) => isLoopbackAddress(a.address) || a.address === self.address)
  if (isSelf && isProxyPath(url.pathname)) {
    throw forbidden('the proxy cannot proxy itself')
  }
  if (!explicitlyAllowed && !(isSelf && policy.allowSelf)) {
    for (const { address } of addresses) {
      const rule = forbiddenAddressRule(address)
      if (rule !== null) {
        const shown = address === hostname ? address : `${hostname} (${address})`
        throw forbidden(`${shown} is a ${rule}; allow it with PROXY_ALLOW=${url.host}`)
      }
    }
    if (!policy.allowPublic) {
      throw forbidden(`${url.host} is not an allowed target; add it to PROXY_ALLOW (or set PROXY_ALLOW_PUBLIC=true)`)
    }
  }
  return { url, hostname, port, address: first.address, family: first.family === 6 ? 6 : 4 }
}
