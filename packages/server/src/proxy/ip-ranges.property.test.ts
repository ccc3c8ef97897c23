import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { forbiddenAddressRule } from './ip-ranges.js'

// Finding 14 of issue 12: with PROXY_ALLOW_PUBLIC=true these ranges passed the address guard. The
// ranges are written out here from IANA's special-purpose registries, not read from the guard, and
// every address fast-check draws inside one must be refused.
const IPV4_RANGES = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.88.99.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
]
const IPV6_RANGES = [
  '::/128',
  '::1/128',
  '64:ff9b:1::/48',
  '100::/64',
  '2001::/32',
  '2001:2::/48',
  '2001:db8::/32',
  '3fff::/20',
  'fc00::/7',
  'fe80::/10',
  'ff00::/8',
]

function ipv4In(cidr: string): fc.Arbitrary<string> {
  const [base = '', bits = '32'] = cidr.split('/')
  const start = base.split('.').reduce((n, part) => n * 256 + Number(part), 0)
  const size = 2 ** (32 - Number(bits))
  return fc.integer({ min: 0, max: size - 1 }).map((offset) => {
    const n = start + offset
    return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.')
  })
}

function ipv6ToBigInt(address: string): bigint {
  const [head = '', tail] = address.split('::')
  const groups = (part: string) => (part === '' ? [] : part.split(':'))
  const front = groups(head)
  const back = tail === undefined ? [] : groups(tail)
  const all = [...front, ...Array(8 - front.length - back.length).fill('0'), ...back]
  return all.reduce((n, group) => (n << 16n) | BigInt(Number.parseInt(group, 16)), 0n)
}

function ipv6In(cidr: string): fc.Arbitrary<string> {
  const [base = '', bits = '128'] = cidr.split('/')
  const hostBits = 128n - BigInt(bits)
  const start = ipv6ToBigInt(base)
  return fc.bigInt({ min: 0n, max: (1n << hostBits) - 1n }).map((offset) => {
    const n = start + offset
    return Array.from({ length: 8 }, (_, i) => ((n >> BigInt(16 * (7 - i))) & 0xffffn).toString(16)).join(':')
  })
}

describe('the proxy address guard over IANA special-purpose ranges', () => {
  it.each(IPV4_RANGES)('refuses every address in %s', (cidr) => {
    fc.assert(
      fc.property(ipv4In(cidr), (address) => {
        expect(forbiddenAddressRule(address), address).not.toBeNull()
        // The same address inside IPv6 (mapped, NAT64) is refused too.
        expect(forbiddenAddressRule(`::ffff:${address}`), `::ffff:${address}`).not.toBeNull()
        expect(forbiddenAddressRule(`64:ff9b::${address}`), `64:ff9b::${address}`).not.toBeNull()
      }),
      { numRuns: 200 },
    )
  })

  it.each(IPV6_RANGES)('refuses every address in %s', (cidr) => {
    fc.assert(
      fc.property(ipv6In(cidr), (address) => {
        expect(forbiddenAddressRule(address), address).not.toBeNull()
      }),
      { numRuns: 200 },
    )
  })
})
