import { afterEach, describe, expect, it } from 'vitest'
import { isTetherError } from '../../errors.js'
import { disposeVariables, makeVariable } from '../../variable/test-support/variables.js'
import { waitFor } from '../../variable/test-support/ws-server.js'
import { startGraphqlServer } from './test-support/graphql-servers.js'

type GraphqlServer = Awaited<ReturnType<typeof startGraphqlServer>>
const servers: GraphqlServer[] = []

afterEach(async () => {
  disposeVariables()
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

const channels = [
  { name: 'ticks', query: 'subscription ($room: String!) { tick(room: $room) { n } }', variables: { room: 'a' } },
  { name: 'chat', query: 'subscription { chat { text } }' },
]

for (const dialect of ['transport-ws', 'legacy'] as const) {
  const service = (url: string, token: string) => ({
    name: 'live',
    url,
    protocol: 'graphql-ws' as const,
    protocolOptions: { connectionParams: { token }, legacy: dialect === 'legacy' },
    channels,
  })
  const serve = async () => {
    const server = await startGraphqlServer(dialect)
    servers.push(server)
    return server
  }

  describe(`graphql-ws services (${dialect === 'legacy' ? 'legacy subscriptions-transport-ws' : 'graphql-transport-ws'})`, () => {
    it('subscribes both channels into two datasets, variables applied, and sends a mutation', async () => {
      const server = await serve()
      const v = makeVariable(service(server.url, 'secret'), { onNewData: 'addAsLast' })
      await v.open()
      await waitFor(() => server.events.listeners === 2, 'both subscriptions on the server')

      server.events.publish({ topic: 'tick', room: 'a', value: { n: 1 } })
      server.events.publish({ topic: 'tick', room: 'b', value: { n: 99 } }) // another room: not subscribed
      server.events.publish({ topic: 'tick', room: 'a', value: { n: 2 } })
      v.send({ query: 'mutation ($t: String!) { post(text: $t) { text } }', variables: { t: 'hello' } }, 'posted')
      await waitFor(() => v.datasets.ticks?.length === 2 && v.datasets.chat?.length === 1, 'two ticks and a line')
      await waitFor(() => (v.dataSet as unknown[]).length === 4, 'the mutation result too')

      expect(v.datasets).toEqual({ ticks: [{ n: 1 }, { n: 2 }], chat: [{ text: 'hello' }] })
      expect(v.dataSet).toContainEqual({ text: 'hello' }) // twice: the chat event and the mutation's result
      expect((v.dataSet as unknown[]).filter((r) => JSON.stringify(r) === '{"text":"hello"}')).toHaveLength(2)
    })

    it('subscribes again after a dropped connection', async () => {
      const server = await serve()
      const v = makeVariable(service(server.url, 'secret'), { onNewData: 'addAsLast' })
      await v.open()
      await waitFor(() => server.events.listeners === 2, 'both subscriptions')
      server.events.publish({ topic: 'tick', room: 'a', value: { n: 1 } })
      await waitFor(() => v.datasets.ticks?.length === 1, 'the first tick')

      server.dropClients()
      await waitFor(
        () => server.connections === 2 && server.events.subscriptions === 4,
        'the second subscription round',
      )
      server.events.publish({ topic: 'tick', room: 'a', value: { n: 2 } })
      await waitFor(() => v.datasets.ticks?.length === 2, 'the tick after the reconnect')
      expect(v.datasets.ticks).toEqual([{ n: 1 }, { n: 2 }])
      expect(v.status.state).toBe('open')
    })

    it('refused connection params are TETHER_AUTH_FAILED, never retried', async () => {
      const server = await serve()
      const v = makeVariable(service(server.url, 'wrong'))
      const error = await v.open().catch((e: unknown) => e)
      expect(isTetherError(error, 'TETHER_AUTH_FAILED')).toBe(true)
      expect(v.status).toMatchObject({ state: 'error', nextRetryAt: null, lastError: { code: 'TETHER_AUTH_FAILED' } })
      expect(server.connections).toBe(1)
    })

    it('a subscription the server rejects is reported; the other channel carries on', async () => {
      const server = await serve()
      const errors: string[] = []
      const v = makeVariable(
        {
          ...service(server.url, 'secret'),
          channels: [channels[1] as (typeof channels)[1], { name: 'bad', query: 'subscription { nosuchfield }' }],
        },
        { onError: (_v, error) => void errors.push(error.code) },
      )
      await v.open()
      await waitFor(() => errors.length === 1, 'the rejected subscription')
      expect(errors).toEqual(['TETHER_SUBSCRIPTION_FAILED'])
      await waitFor(() => server.events.listeners === 1, 'the chat subscription')
      server.events.publish({ topic: 'chat', value: { text: 'still here' } })
      await waitFor(() => v.datasets.chat?.length === 1, 'the chat line')
      expect(v.status.state).toBe('open')
    })
  })
}
