// @vitest-environment happy-dom
import { act, cleanup, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket as NodeWebSocket } from 'ws'
import { startTestServer, type TestServer } from '../../../core/src/variable/test-support/ws-server.js'
import { renderPage } from './test-support/harness.js'

let server: TestServer | null = null
afterEach(async () => {
  cleanup()
  await server?.kill()
  server = null
})

const texts = (container: HTMLElement, widget: string) =>
  [...container.querySelectorAll(`[data-widget="${widget}"]`)].map((e) => e.textContent)

describe('routed datasets in a page', () => {
  it('a List bound to one message type shows only that type while another streams on the same socket', async () => {
    server = await startTestServer()
    const page = renderPage(
      {
        variables: {
          market: {
            category: 'websocket',
            service: 'market',
            onNewData: 'refresh',
            routes: {
              field: 'type',
              datasets: { trade: { dataLimit: 2 }, 'price-update': { onNewData: 'upsert', keyField: 'symbol' } },
            },
          },
        },
        widgets: [
          {
            type: 'List',
            name: 'trades',
            props: { dataset: 'bind:Variables.market.datasets.trade' },
            children: [{ type: 'Label', name: 'tradeId', props: { caption: 'bind:item.id' } }],
          },
          {
            type: 'Label',
            name: 'prices',
            props: { caption: "bind:Variables.market.datasets['price-update'].length" },
          },
          { type: 'Label', name: 'latest', props: { caption: 'bind:Variables.market.lastRecord.type' } },
        ],
      },
      {
        services: { market: { name: 'market', url: server.url('/market') } },
        WebSocket: NodeWebSocket as unknown as typeof WebSocket,
      },
    )
    await waitFor(() => expect(server?.clients.size).toBe(1))

    const send = (message: object) => server?.broadcast(JSON.stringify(message))
    await act(async () => {
      send({ type: 'trade', id: 't1' })
      send({ type: 'price-update', symbol: 'A', price: 1 })
      send({ type: 'price-update', symbol: 'B', price: 2 })
      send({ type: 'trade', id: 't2' })
      send({ type: 'price-update', symbol: 'A', price: 3 })
    })
    await waitFor(() => expect(texts(page.container, 'latest')).toEqual(['price-update']))
    expect(texts(page.container, 'tradeId')).toEqual(['t1', 't2'])
    expect(texts(page.container, 'prices')).toEqual(['2'])

    // The trade list keeps its own limit (2) while the other type keeps streaming.
    await act(async () => {
      send({ type: 'trade', id: 't3' })
      send({ type: 'price-update', symbol: 'C', price: 4 })
    })
    await waitFor(() => expect(texts(page.container, 'tradeId')).toEqual(['t2', 't3']))
    await waitFor(() => expect(texts(page.container, 'prices')).toEqual(['3']))
    expect(screen.queryByRole('alert')).toBeNull()
    page.unmount()
    await waitFor(() => expect(server?.clients.size).toBe(0))
  })
})
