import type { FastifyRequest } from 'fastify'
import { describe, expect, it } from 'vitest'
import { isAllowedOrigin } from './origin.js'

const request = (origin: string | undefined, host = 'tether.example:8080', protocol = 'http') =>
  ({ headers: origin === undefined ? {} : { origin }, host, protocol }) as unknown as FastifyRequest

describe('isAllowedOrigin', () => {
  const config = { allowedOrigins: ['https://studio.example'], trustProxy: false }

  it('allows no Origin (non-browser clients), the same host and listed origins', () => {
    expect(isAllowedOrigin(request(undefined), config)).toBe(true)
    expect(isAllowedOrigin(request('http://tether.example:8080'), config)).toBe(true)
    expect(isAllowedOrigin(request('https://studio.example'), config)).toBe(true)
  })

  it('refuses other hosts, other ports, lookalikes and opaque origins', () => {
    expect(isAllowedOrigin(request('http://evil.example'), config)).toBe(false)
    expect(isAllowedOrigin(request('http://tether.example:9090'), config)).toBe(false)
    expect(isAllowedOrigin(request('http://tether.example:8080.evil.example'), config)).toBe(false)
    expect(isAllowedOrigin(request('null'), config)).toBe(false)
    expect(isAllowedOrigin(request('https://studio.example.evil'), config)).toBe(false)
  })

  it('compares the scheme too when the proxy is trusted', () => {
    const trusted = { allowedOrigins: [], trustProxy: true }
    expect(isAllowedOrigin(request('https://tether.example', 'tether.example', 'https'), trusted)).toBe(true)
    expect(isAllowedOrigin(request('http://tether.example', 'tether.example', 'https'), trusted)).toBe(false)
  })
})
