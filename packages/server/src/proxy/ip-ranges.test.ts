import { describe, expect, it } from 'vitest'
import { forbiddenAddressRule, isLoopbackAddress } from './ip-ranges.js'

describe('forbiddenAddressRule', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.1.2', 'loopback'],
    ['10.1.2.3', 'private address (10.0.0.0/8)'],
    ['172.16.0.1', 'private address (172.16.0.0/12)'],
    ['172.31.255.255', 'private address (172.16.0.0/12)'],
    ['192.168.1.1', 'private address (192.168.0.0/16)'],
    ['100.64.0.1', 'shared address'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback address (::1)'],
    ['[::1]', 'loopback address (::1)'],
    ['::', 'unspecified'],
    ['fc00::1', 'private address (fc00::/7)'],
    ['fd12:3456::1', 'private address (fc00::/7)'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['::ffff:127.0.0.1', 'loopback address (127.0.0.0/8)'],
    ['::ffff:7f00:1', 'loopback address (127.0.0.0/8)'],
    ['::ffff:10.0.0.1', 'private address (10.0.0.0/8)'],
    ['::ffff:0:a9fe:a9fe', 'link-local'],
    ['64:ff9b::a00:1', 'private address (10.0.0.0/8)'],
    ['2002:c0a8:101::1', 'private address (192.168.0.0/16)'],
    ['::127.0.0.1', 'loopback'],
    ['localhost', 'not an IP address'],
  ])('refuses %s (%s)', (address, rule) => {
    expect(forbiddenAddressRule(address)).toContain(rule)
  })

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
    '2a00:1450:4001::1',
    '2001:4860:4860::8888',
    '2002:808:808::1',
    '192.0.3.1',
    '203.0.114.1',
  ])('accepts the public address %s', (address) => {
    expect(forbiddenAddressRule(address)).toBeNull()
  })

  it('tells loopback apart', () => {
    expect(isLoopbackAddress('127.0.0.1')).toBe(true)
    expect(isLoopbackAddress('::1')).toBe(true)
    expect(isLoopbackAddress('::ffff:127.0.0.1')).toBe(true)
    expect(isLoopbackAddress('10.0.0.1')).toBe(false)
  })
})
