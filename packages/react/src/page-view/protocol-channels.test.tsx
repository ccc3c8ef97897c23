// @vitest-environment happy-dom
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { act, cleanup, waitFor } from '@testing-library/react'
import { Server } from 'socket.io'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket as NodeWebSocket } from 'ws'
import { renderPage } from './test-support/harness.js'

let io: Server | null = null
afterEach(async () => {
  cleanup()
  await new Promise<void>((resolve) => (io ? io.close(() => resolve()) : resolve()))
  io = null
})

const texts = (container: HTMLElement, widget: string) =>
  [...container.querySelectorAll(`[data-widget="${widget}"]`)].map((e) => e.textContent)

describe('a protocol service in a page', () => {
  it('a List bound to one Socket.IO channel shows only that event while another streams', async () => {
    const http = createServer()
    io = new Server(http)
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    const { port } = http.address() as AddressInfo
    const page = renderPage(
      {
        variables: {
          market: { category: 'websocket', service: 'market', routes: { datasets: { trade: { dataLimit: 2 } } } },
        },
        widgets: [
          {
            type: 'List',
            name: 'trades',
            props: { dataset: 'bind:Variables.market.datasets.trade' },
            children: [{ type: 'Label', name: 'tradeId', props: { caption: 'bind:item.id' } }],
          },
          { type: 'Label', name: 'quotes', props: { caption: 'bind:Variables.market.datasets.quote.length' } },
        ],
      },
      {
        services: {
          market: {
            name: 'market',
            url: `ws://127.0.0.1:${port}`,
            protocol: 'socket.io',
            channels: ['trade', 'quote'],
          },
        },
        WebSocket: NodeWebSocket as unknown as typeof WebSocket,
      },
    )
    await waitFor(() => expect(io?.sockets.sockets.size).toBe(1))
    await act(async () => {
      io?.emit('trade', { id: 't1' })
      io?.emit('quote', { symbol: 'A' })
      io?.emit('trade', { id: 't2' })
      io?.emit('trade', { id: 't3' })
      io?.emit('quote', { symbol: 'B' })
    })
    await waitFor(() => expect(texts(page.container, 'quotes')).toEqual(['2']))
    expect(texts(page.container, 'tradeId')).toEqual(['t2', 't3'])
    page.unmount()
    await waitFor(() => expect(io?.sockets.sockets.size).toBe(0))
  })
})
