import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import { type LookupAll, type ProxyPolicy, resolveProxyTarget } from './target-guard.js'
import { connectUpstream } from './upstream.js'

const policy: ProxyPolicy = {
  allow: [],
  allowSelf: true,
  allowPublic: true,
  self: { address: '127.0.0.1', port: 8080 },
}

/** A resolver answering from a table: the test decides what each name resolves to. */
const resolver =
  (table: Record<string, string[]>): LookupAll =>
  async (hostname) => {
    const addresses = table[hostname]
    if (!addresses) throw new Error(`getaddrinfo ENOTFOUND ${hostname}`)
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
  }

async function refusal(promise: Promise<unknown>): Promise<{ closeCode: number; reason: string }> {
  try {
    await promise
  } catch (error) {
    return error as { closeCode: number; reason: string }
  }
  throw new Error('expected a refusal')
}

describe('resolveProxyTarget', () => {
  it('returns the first resolved address of a public name', async () => {
    const target = await resolveProxyTarget('wss://feed.example/live?x=1', policy, {
      lookup: resolver({ 'feed.example': ['93.184.216.34'] }),
    })
    expect(target).toMatchObject({ hostname: 'feed.example', port: 443, address: '93.184.216.34', family: 4 })
  })

  it('takes http and https (and only those) for the http transport', async () => {
    const lookup = resolver({ 'events.example': ['93.184.216.34'] })
    const target = await resolveProxyTarget('https://events.example/stream', policy, { transport: 'http', lookup })
    expect(target).toMatchObject({ port: 443, address: '93.184.216.34' })
    const refused = await refusal(resolveProxyTarget('ws://events.example/', policy, { transport: 'http', lookup }))
    expect(refused.reason).toMatch(/only http:\/\/ and https:\/\/ targets, not ws:\/\//)
    const private10 = await refusal(resolveProxyTarget('http://10.0.0.1/', policy, { transport: 'http', lookup }))
    expect(private10.reason).toMatch(/private address/)
  })

  it('refuses every target that is not listed or this server while public targets are off', async () => {
    const lookup = resolver({ 'feed.example': ['93.184.216.34'] })
    const strict = { ...policy, allowPublic: false }
    const refused = await refusal(resolveProxyTarget('ws://feed.example/live', strict, { lookup }))
    expect(refused.closeCode).toBe(4403)
    expect(refused.reason).toContain('feed.example is not an allowed target; add it to PROXY_ALLOW')
    const listed = { ...strict, allow: ['feed.example'] }
    await expect(resolveProxyTarget('ws://feed.example/live', listed, { lookup })).resolves.toMatchObject({
      address: '93.184.216.34',
    })
    await expect(resolveProxyTarget('ws://127.0.0.1:8080/websocket/echo', strict, { lookup })).resolves.toBeTruthy()
  })

  it('refuses a name with any private address among its answers', async () => {
    const lookup = resolver({ 'mixed.example': ['93.184.216.34', '10.0.0.5'] })
    const refused = await refusal(resolveProxyTarget('ws://mixed.example/', policy, { lookup }))
    expect(refused.closeCode).toBe(4403)
    expect(refused.reason).toContain('mixed.example (10.0.0.5) is a private address (10.0.0.0/8)')
    expect(refused.reason).toContain('PROXY_ALLOW=mixed.example')
  })

  it('allows listed targets by host:port, by host alone, and by IPv6 literal', async () => {
    const lookup = resolver({ 'internal.example': ['10.0.0.5'] })
    const byPort = { ...policy, allow: ['internal.example:9000'] }
    await expect(resolveProxyTarget('ws://internal.example:9000/', byPort, { lookup })).resolves.toMatchObject({
      address: '10.0.0.5',
    })
    expect((await refusal(resolveProxyTarget('ws://internal.example:9001/', byPort, { lookup }))).closeCode).toBe(4403)
    const byHost = { ...policy, allow: ['INTERNAL.example'] }
    await expect(resolveProxyTarget('ws://internal.example:1234/', byHost, { lookup })).resolves.toBeTruthy()
    const v6 = { ...policy, allow: ['[::1]:9000'] }
    await expect(resolveProxyTarget('ws://[::1]:9000/', v6, { lookup })).resolves.toMatchObject({
      address: '::1',
      family: 6,
    })
  })

  it("allows this server's own port on loopback only while allowSelf is on", async () => {
    const lookup = resolver({ localhost: ['127.0.0.1', '::1'] })
    await expect(resolveProxyTarget('ws://localhost:8080/websocket/echo', policy, { lookup })).resolves.toBeTruthy()
    const noSelf = { ...policy, allowSelf: false }
    expect(
      (await refusal(resolveProxyTarget('ws://localhost:8080/websocket/echo', noSelf, { lookup }))).closeCode,
    ).toBe(4403)
    expect((await refusal(resolveProxyTarget('ws://localhost:8081/', policy, { lookup }))).closeCode).toBe(4403)
  })

  it('reports names that do not resolve as a connect failure (1014)', async () => {
    const refused = await refusal(resolveProxyTarget('ws://nowhere.example/', policy, { lookup: resolver({}) }))
    expect(refused.closeCode).toBe(1014)
    expect(refused.reason).toMatch(/^TETHER_CONNECT_FAILED: cannot resolve nowhere.example/)
  })
})

describe('connectUpstream', () => {
  it('connects to the checked address while keeping the name in the Host header (no second DNS lookup)', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
    await new Promise((resolve) => wss.once('listening', resolve))
    const port = (wss.address() as AddressInfo).port
    const hosts: (string | undefined)[] = []
    wss.on('connection', (_socket, request) => hosts.push(request.headers.host))
    try {
      // `pinned.invalid` cannot resolve: the connection only works because the checked address is used.
      const url = new URL(`ws://pinned.invalid:${port}/path`)
      const upstream = await connectUpstream(
        { url, hostname: 'pinned.invalid', port, address: '127.0.0.1', family: 4 },
        { protocols: [], connectTimeoutMs: 2000, maxPayload: 1024 },
      )
      expect(hosts).toEqual([`pinned.invalid:${port}`])
      upstream.terminate()
    } finally {
      for (const client of wss.clients) client.terminate()
      await new Promise((resolve) => wss.close(resolve))
    }
  })
})

// Finding 10 of issue 12: the "not itself" check compared the raw path.
describe('the proxy cannot proxy itself, however the path is spelled', () => {
  const self = { address: '127.0.0.1', port: 8080 }
  it.each([
    '/api/proxy',
    '/%61pi/proxy',
    '/api/%70roxy',
    '/%2561pi/proxy',
    '//api//proxy',
    '/API/Proxy',
    '/api/%2e%2e/api/proxy',
    '/x/%ZZ',
  ])('refuses ws://127.0.0.1:8080%s', async (path) => {
    const refused = await refusal(resolveProxyTarget(`ws://127.0.0.1:8080${path}?url=ws://x/`, { ...policy, self }))
    expect(refused.closeCode).toBe(4403)
    expect(refused.reason).toMatch(/cannot proxy itself/)
  })

  it('still proxies its other services', async () => {
    const target = await resolveProxyTarget('ws://127.0.0.1:8080/websocket/%65cho', { ...policy, self })
    expect(target.port).toBe(8080)
  })
})
