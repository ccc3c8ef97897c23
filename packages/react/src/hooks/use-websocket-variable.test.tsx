// @vitest-environment happy-dom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket as NodeWebSocket } from 'ws'
import { startTestServer, type TestServer } from '../../../core/src/variable/test-support/ws-server.js'
import { useWebSocketVariable, type WebSocketVariableOptions } from './use-websocket-variable.js'

let server: TestServer | null = null
afterEach(async () => {
  cleanup()
  await server?.kill()
  server = null
})

function Readings({ url, label, room }: { url: string; label: string; room: string }) {
  const { snapshot, variable } = useWebSocketVariable({
    service: { name: 'heartrate', url, queryParams: [{ name: 'room' }] },
    name: 'hr',
    onNewData: 'addAsLast',
    dataLimit: 5,
    dataBinding: { room },
    WebSocket: NodeWebSocket as unknown as WebSocketVariableOptions['WebSocket'],
    onMessageReceive: (_v, data) => ({ ...(data as object), label }),
  })
  const last = snapshot?.lastRecord as { value?: number; label?: string } | undefined
  return (
    <div>
      <span data-testid="state">{snapshot?.status.state ?? 'none'}</span>
      <span data-testid="last">{last ? `${last.label}:${last.value}` : ''}</span>
      <span data-testid="count">{Array.isArray(snapshot?.dataSet) ? snapshot.dataSet.length : 0}</span>
      <button type="button" onClick={() => variable?.send('ping')}>
        send
      </button>
    </div>
  )
}

let setLabel: (v: string) => void = () => {}
let setRoom: (v: string) => void = () => {}
function Host({ url }: { url: string }) {
  const [label, setL] = useState('a')
  const [room, setR] = useState('r1')
  setLabel = setL
  setRoom = setR
  return <Readings url={url} label={label} room={room} />
}

describe('useWebSocketVariable', () => {
  it('connects on mount, streams snapshots, keeps handlers in refs, reconnects only for URL changes, closes on unmount', async () => {
    server = await startTestServer()
    const url = server.url('/heartrate')
    render(<Host url={url} />)
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('open'))
    expect(server.requests).toEqual(['/heartrate?room=r1'])

    await act(async () => server!.broadcast(JSON.stringify({ time: 1, value: 70 })))
    await waitFor(() => expect(screen.getByTestId('last').textContent).toBe('a:70'))

    // A new handler closure (label) must not reconnect: the ref sees the latest one.
    act(() => setLabel('b'))
    await act(async () => server!.broadcast(JSON.stringify({ time: 2, value: 71 })))
    await waitFor(() => expect(screen.getByTestId('last').textContent).toBe('b:71'))
    expect(server.requests).toHaveLength(1)

    screen.getByText('send').click()
    await waitFor(() => expect(server!.received.map((f) => f.data)).toEqual(['ping']))

    // A URL parameter change reconnects with the new value.
    act(() => setRoom('r2'))
    await waitFor(() => expect(server!.requests).toEqual(['/heartrate?room=r1', '/heartrate?room=r2']))

    cleanup()
    await waitFor(() => expect(server!.clients.size).toBe(0))
  })
})
