import { BlockList, isIPv4, isIPv6 } from 'node:net'

/**
 * Address ranges a proxied connection may not reach unless explicitly allowed, each with the rule's
 * name: private and local ranges, and IANA's special-purpose ranges that are not ordinary destinations
 * (documentation, benchmarking, NAT64 for local use, discard-only, Teredo and the other IETF protocol
 * assignments, reserved). https://www.iana.org/assignments/iana-ipv4-special-registry and
 * https://www.iana.org/assignments/iana-ipv6-special-registry.
 */
const RULES: { name: string; subnet: string; prefix: number; family: 'ipv4' | 'ipv6' }[] = [
  { name: 'unspecified address (0.0.0.0/8)', subnet: '0.0.0.0', prefix: 8, family: 'ipv4' },
  { name: 'private address (10.0.0.0/8)', subnet: '10.0.0.0', prefix: 8, family: 'ipv4' },
  { name: 'shared address (100.64.0.0/10)', subnet: '100.64.0.0', prefix: 10, family: 'ipv4' },
  { name: 'loopback address (127.0.0.0/8)', subnet: '127.0.0.0', prefix: 8, family: 'ipv4' },
  { name: 'link-local address (169.254.0.0/16)', subnet: '169.254.0.0', prefix: 16, family: 'ipv4' },
  { name: 'private address (172.16.0.0/12)', subnet: '172.16.0.0', prefix: 12, family: 'ipv4' },
  { name: 'special-purpose address (192.0.0.0/24)', subnet: '192.0.0.0', prefix: 24, family: 'ipv4' },
  { name: 'documentation address (192.0.2.0/24)', subnet: '192.0.2.0', prefix: 24, family: 'ipv4' },
  { name: '6to4 relay anycast address (192.88.99.0/24)', subnet: '192.88.99.0', prefix: 24, family: 'ipv4' },
  { name: 'private address (192.168.0.0/16)', subnet: '192.168.0.0', prefix: 16, family: 'ipv4' },
  { name: 'benchmarking address (198.18.0.0/15)', subnet: '198.18.0.0', prefix: 15, family: 'ipv4' },
  { name: 'documentation address (198.51.100.0/24)', subnet: '198.51.100.0', prefix: 24, family: 'ipv4' },
  { name: 'documentation address (203.0.113.0/24)', subnet: '203.0.113.0', prefix: 24, family: 'ipv4' },
  { name: 'multicast address (224.0.0.0/4)', subnet: '224.0.0.0', prefix: 4, family: 'ipv4' },
  { name: 'reserved address (240.0.0.0/4)', subnet: '240.0.0.0', prefix: 4, family: 'ipv4' },
  { name: 'unspecified address (::)', subnet: '::', prefix: 128, family: 'ipv6' },
  { name: 'loopback address (::1)', subnet: '::1', prefix: 128, family: 'ipv6' },
  { name: 'local-use NAT64 address (64:ff9b:1::/48)', subnet: '64:ff9b:1::', prefix: 48, family: 'ipv6' },
  { name: 'discard-only address (100::/64)', subnet: '100::', prefix: 64, family: 'ipv6' },
  // Teredo (2001::/32) hides an IPv4 address; benchmarking, ORCHID and the rest are no destinations either.
  { name: 'IETF protocol address (2001::/23)', subnet: '2001::', prefix: 23, family: 'ipv6' },
  { name: 'documentation address (2001:db8::/32)', subnet: '2001:db8::', prefix: 32, family: 'ipv6' },
  { name: 'documentation address (3fff::/20)', subnet: '3fff::', prefix: 20, family: 'ipv6' },
  { name: 'segment routing address (5f00::/16)', subnet: '5f00::', prefix: 16, family: 'ipv6' },
  { name: 'private address (fc00::/7)', subnet: 'fc00::', prefix: 7, family: 'ipv6' },
  { name: 'link-local address (fe80::/10)', subnet: 'fe80::', prefix: 10, family: 'ipv6' },
  { name: 'site-local address (fec0::/10)', subnet: 'fec0::', prefix: 10, family: 'ipv6' },
  { name: 'multicast address (ff00::/8)', subnet: 'ff00::', prefix: 8, family: 'ipv6' },
]

const lists = RULES.map((rule) => {
  const list = new BlockList()
  list.addSubnet(rule.subnet, rule.prefix, rule.family)
  return { ...rule, list }
})

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part becomes two groups). */
function ipv6Groups(address: string): number[] {
  const text = address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a, b, c, d) =>
    [(Number(a) << 8) | Number(b), (Number(c) << 8) | Number(d)].map((n) => n.toString(16)).join(':'),
  )
  const [head = '', rest] = text.split('::')
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => Number.parseInt(group, 16)))
  const front = parse(head)
  const back = rest === undefined ? [] : parse(rest)
  return [...front, ...Array.from({ length: Math.max(0, 8 - front.length - back.length) }, () => 0), ...back]
}

/** An IPv4 address carried inside an IPv6 one (mapped, compatible, NAT64 or 6to4), if any. */
function embeddedIPv4(address: string): string | null {
  const g = ipv6Groups(address)
  const ipv4 = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`
  const zeros = (from: number, to: number) => g.slice(from, to).every((group) => group === 0)
  const last = (g[6] ?? 0) + (g[7] ?? 0)
  if (zeros(0, 5) && g[5] === 0xffff) return ipv4(g[6] ?? 0, g[7] ?? 0) // ::ffff:a.b.c.d (mapped)
  if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) return ipv4(g[6] ?? 0, g[7] ?? 0) // ::ffff:0:a.b.c.d
  if (zeros(0, 6) && last > 1) return ipv4(g[6] ?? 0, g[7] ?? 0) // ::a.b.c.d (deprecated "compatible")
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return ipv4(g[6] ?? 0, g[7] ?? 0) // 64:ff9b::/96 (NAT64)
  if (g[0] === 0x2002) return ipv4(g[1] ?? 0, g[2] ?? 0) // 2002::/16 (6to4)
  return null
}

/**
 * Names the rule that forbids connecting to `address` (e.g. "private address (10.0.0.0/8)"), or
 * returns null for an ordinary public address. IPv4 addresses embedded in IPv6 forms are judged as
 * IPv4, so `::ffff:127.0.0.1` is loopback like `127.0.0.1`. Anything that is not an IP address is
 * forbidden too: callers pass resolved addresses only.
 */
export function forbiddenAddressRule(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '')
  if (isIPv4(bare)) return lists.find((rule) => rule.family === 'ipv4' && rule.list.check(bare, 'ipv4'))?.name ?? null
  if (!isIPv6(bare)) return 'not an IP address'
  const inner = embeddedIPv4(bare)
  if (inner !== null) return forbiddenAddressRule(inner)
  return lists.find((rule) => rule.family === 'ipv6' && rule.list.check(bare, 'ipv6'))?.name ?? null
}

/** True for loopback addresses (127/8, ::1 and their IPv6-embedded forms). */
export function isLoopbackAddress(address: string): boolean {
  return forbiddenAddressRule(address)?.startsWith('loopback') ?? false
}
