// Journey: an app binds a GraphQL subscription (graphql-transport-ws, a real `graphql-ws` server over a
// real schema) to a table, through the proxy.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startGraphqlServer } from '../packages/core/src/protocols/graphql-ws/test-support/graphql-servers.js'
import { hasChromium, launchChromium, waitForConnection, watchPageErrors } from './support/harness.js'
import { type ProtocolApp, startProtocolApp, tableRows } from './support/protocol-app.js'

describe.skipIf(!hasChromium())('a GraphQL subscription bound to a table', () => {
  let graphql: Awaited<ReturnType<typeof startGraphqlServer>>
  let app: ProtocolApp
  let browser: Browser

  beforeAll(async () => {
    graphql = await startGraphqlServer('transport-ws')
    app = await startProtocolApp({
      service: {
        name: 'ticks',
        url: graphql.url,
        protocol: 'graphql-ws',
        protocolOptions: { connectionParams: { token: 'secret' } },
        channels: [{ name: 'roomA', query: 'subscription { tick(room: "A") { n } }' }],
      },
      variable: { dataLimit: 10 },
      channel: 'roomA',
      proxyAllow: new URL(graphql.url).host,
    })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    await graphql?.close()
  })

  it('shows the results of its subscription', async () => {
    const page = await app.open(browser)
    const errors = watchPageErrors(page)
    await waitForConnection(page, 'open')
    await expect.poll(() => graphql.events.listeners, { timeout: 15_000 }).toBe(1)
    graphql.events.publish({ topic: 'tick', room: 'A', value: { n: 1 } })
    graphql.events.publish({ topic: 'tick', room: 'B', value: { n: 99 } })
    graphql.events.publish({ topic: 'tick', room: 'A', value: { n: 2 } })
    const rows = await tableRows(page, 2)
    expect(rows.map((row) => row.trim())).toEqual(['1', '2'])
    expect(errors).toEqual([])
  }, 60_000)
})
