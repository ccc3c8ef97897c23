import type { FastifyRequest } from 'fastify'
import { describe, expect, it } from 'vitest'
import { isAllowedOrigin } from './origin.js'

const request = (origin: string | undefined, host = 'tether.example:8080', protocol = 'http') =>
  ({ headers: origin === undefined ? {} : { origin }, host, protocol }) as unknown as FastifyRequest

describe('isAllowedOrigin', () => {
  const config = { allowedOrigins: ['https://studio.example'] }

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

  // Finding 15 of issue 12.
  it('compares the scheme: an https origin is foreign to an http server and the reverse', () => {
    expect(isAllowedOrigin(request('https://tether.example:8080'), config)).toBe(false)
    expect(isAllowedOrigin(request('https://tether.example', 'tether.example', 'https'), config)).toBe(true)
    expect(isAllowedOrigin(request('http://tether.example', 'tether.example', 'https'), config)).toBe(false)
  })

  it('refuses origins no browser sends: ws://, userinfo, paths, other spellings', () => {
    expect(isAllowedOrigin(request('ws://tether.example:8080'), config)).toBe(false)
    expect(isAllowedOrigin(request('wss://studio.example'), config)).toBe(false)
    expect(isAllowedOrigin(request('http://user@tether.example:8080'), config)).toBe(false)
    expect(isAllowedOrigin(request('http://user:pw@tether.example:8080'), config)).toBe(false)
    expect(isAllowedOrigin(request('https://studio.example/'), config)).toBe(false)
    expect(isAllowedOrigin(request('https://studio.example/path'), config)).toBe(false)
    expect(isAllowedOrigin(request('HTTPS://STUDIO.EXAMPLE'), config)).toBe(false)
    expect(isAllowedOrigin(request('ftp://tether.example:8080'), config)).toBe(false)
  })
})
