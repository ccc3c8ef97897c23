import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WS from 'ws'
import { isTetherError } from '../errors.js'
import { defineWebSocketService, trustedWebSocketService } from '../service/index.js'
import { disposeVariables, makeVariable, recordEvents } from './test-support/variables.js'
import { freePort, startTestServer, type TestServer, waitFor } from './test-support/ws-server.js'
import { WebSocketVariable } from './WebSocketVariable.js'

let server: TestServer

beforeEach(async () => {
  server = await startTestServer()
})
afterEach(async () => {
  disposeVariables()
  await server.kill()
})

describe('WebSocketVariable: open, close, update', () => {
  it('open() resolves only once the socket is really open, and the server sees the connection', async () => {
    const v = makeVariable(server.url('/websocket/heartrate'))
    expect(v.status.state).toBe('idle')
    const opening = v.open()
    expect(v.status.state).toBe('connecting')
    await opening
    expect(v.status).toMatchObject({ state: 'open', attempts: 1, lastError: null })
    await waitFor(() => v.status.attempts === 0, 'the attempt count to reset after the minimum uptime')
    await waitFor(() => server.clients.size === 1, 'the server to see the client')
    expect(server.requests).toEqual(['/websocket/heartrate'])
    await v.open() // already open: resolves at once, no second socket
    expect(server.requests.length).toBe(1)
  })

  it('open() rejects with CONNECT_FAILED when nothing listens (reconnect off → state error)', async () => {
    const v = makeVariable(`ws://127.0.0.1:${await freePort()}/x`, { reconnect: false })
    const error = await v.open().catch((e: unknown) => e)
    expect(isTetherError(error, 'TETHER_CONNECT_FAILED')).toBe(true)
    expect(v.status.state).toBe('error')
    expect(v.status.lastError?.code).toBe('TETHER_CONNECT_FAILED')
  })

  it('connectOnLoad (default true) opens on its own; connectOnLoad false does not', async () => {
    const service = defineWebSocketService({ name: 'heartrate', url: server.url('/auto') })
    const auto = new WebSocketVariable({ service, name: 'auto', WebSocket: WS })
    const manual = new WebSocketVariable({ service, name: 'manual', WebSocket: WS, connectOnLoad: false })
    try {
      await waitFor(() => auto.status.state === 'open', 'auto-open')
      expect(manual.status.state).toBe('idle')
      expect(server.requests).toEqual(['/auto'])
    } finally {
      auto.dispose()
      manual.dispose()
    }
  })

  it('close() never opens a socket, and is safe with no socket, twice, and after an error', async () => {
    const v = makeVariable(server.url('/x'))
    await v.close()
    await v.close()
    expect(v.status.state).toBe('idle')
    expect(server.requests).toEqual([])

    const broken = makeVariable(`ws://127.0.0.1:${await freePort()}/x`, { reconnect: false })
    await broken.open().catch(() => {})
    expect(broken.status.state).toBe('error')
    await broken.close()
    expect(broken.status.state).toBe('closed')

    await v.open()
    const first = v.close()
    const second = v.close()
    expect(second).toBe(first)
    expect(v.status.state).toBe('closing')
    await first
    expect(v.status.state).toBe('closed')
    await waitFor(() => server.clients.size === 0, 'the server to see the close')
  })

  it('close() during connecting rejects the pending open() with CLOSED_BY_USER', async () => {
    const v = makeVariable(server.url('/x'))
    const opening = v.open()
    await v.close()
    const error = await opening.catch((e: unknown) => e)
    expect(isTetherError(error, 'TETHER_CLOSED_BY_USER')).toBe(true)
    expect(v.status.state).toBe('closed')
  })

  it('invoke() is open() and cancel() is close()', async () => {
    const v = makeVariable(server.url('/x'))
    await v.invoke()
    expect(v.status.state).toBe('open')
    await v.cancel()
    expect(v.status.state).toBe('closed')
  })

  it('update() reconnects with the current bindings', async () => {
    const v = makeVariable(
      { url: `${server.url('/websocket/chatroom')}?username=` },
      { dataBinding: { username: 'user1' } },
    )
    await v.open()
    v.setDataBinding({ RequestBody: 'not a url change' })
    await v.update()
    await waitFor(() => server.requests.length === 2, 'a second connection')
    expect(server.requests).toEqual(['/websocket/chatroom?username=user1', '/websocket/chatroom?username=user1'])
    await waitFor(() => server.clients.size === 1, 'the old connection to close')
    expect(v.status.state).toBe('open')
  })

  it('changing a bound query param reconnects; path values are URL-encoded', async () => {
    const v = makeVariable(
      { url: `${server.url('/rooms/{room}')}?username=` },
      { dataBinding: { room: 'a b/c', username: 'user1' } },
    )
    await v.open()
    v.setInput('RequestBody', 'hello') // not part of the URL: no reconnect
    v.setInput('username', 'user 2')
    await waitFor(() => server.requests.length === 2 && v.status.state === 'open', 'the reconnect')
    expect(server.requests).toEqual(['/rooms/a%20b%2Fc?username=user1', '/rooms/a%20b%2Fc?username=user%202'])
    await waitFor(() => server.clients.size === 1, 'the old connection to close')
  })

  it('a missing required param reports MISSING_REQUIRED_PARAMS and opens no socket; setting it connects', async () => {
    const events = recordEvents()
    const v = makeVariable(
      { url: server.url('/chat'), queryParams: [{ name: 'username', required: true }] },
      { ...events.handlers },
    )
    const error = await v.open().catch((e: unknown) => e)
    expect(isTetherError(error, 'TETHER_MISSING_REQUIRED_PARAMS')).toBe(true)
    expect((error as Error).message).toBe('Required field(s) missing: username')
    expect(v.status).toMatchObject({
      state: 'error',
      lastError: { code: 'TETHER_MISSING_REQUIRED_PARAMS', message: 'Required field(s) missing: username' },
    })
    expect(events.names()).toEqual(['onError'])
    expect(server.requests).toEqual([])
    v.setInput('username', 'user1') // the binding resolves later (e.g. loggedInUser loaded)
    await waitFor(() => v.status.state === 'open', 'the connection once the param is set')
    expect(server.requests).toEqual(['/chat?username=user1'])
  })

  it('onBeforeOpen returning false aborts: open() rejects OPEN_CANCELLED and no socket is made', async () => {
    const events = recordEvents()
    const v = makeVariable(server.url('/x'), { ...events.handlers, onBeforeOpen: () => false })
    const error = await v.open().catch((e: unknown) => e)
    expect(isTetherError(error, 'TETHER_OPEN_CANCELLED')).toBe(true)
    expect(v.status.state).toBe('error')
    expect(events.calls).toEqual([['onError', error, { code: 'TETHER_OPEN_CANCELLED' }]])
    expect(server.requests).toEqual([])
  })

  it('onBeforeClose returning false keeps the connection', async () => {
    let allow = false
    const v = makeVariable(server.url('/x'), { onBeforeClose: () => allow })
    await v.open()
    await v.close()
    expect(v.status.state).toBe('open')
    allow = true
    await v.close()
    expect(v.status.state).toBe('closed')
  })

  it('fires every event as (variable, data, options) in lifecycle order', async () => {
    const events = recordEvents()
    let self: unknown
    const v = makeVariable(server.url('/x'), {
      ...events.handlers,
      onOpen: (variable) => {
        self = variable
      },
    })
    await v.open()
    expect(self).toBe(v)
    v.send('hi')
    server.broadcast('{"time":1513152655902,"value":95}')
    await waitFor(() => v.status.messagesReceived === 1, 'a message')
    await v.close()
    expect(events.names()).toEqual([
      'onBeforeOpen',
      'onBeforeMessageSend',
      'onMessageReceive',
      'onBeforeClose',
      'onClose',
    ])
    expect(events.calls[0]).toEqual(['onBeforeOpen', server.url('/x'), { url: server.url('/x'), isRetry: false }])
    expect(events.calls[1]).toEqual(['onBeforeMessageSend', 'hi', {}])
    expect(events.calls[2]).toEqual([
      'onMessageReceive',
      { time: 1513152655902, value: 95 },
      { raw: '{"time":1513152655902,"value":95}' },
    ])
    expect(events.calls[4]?.[1]).toMatchObject({ code: 1000 })
    expect(events.calls[4]?.[2]).toEqual({ intentional: true, willReconnect: false })
  })

  it('without onError, errors are recorded in status and reach subscribers; nothing throws', async () => {
    const v = makeVariable(`ws://127.0.0.1:${await freePort()}/x`, { reconnect: false })
    const seen: (string | undefined)[] = []
    v.subscribe(() => seen.push(v.getSnapshot().status.lastError?.code))
    await v.open().catch(() => {})
    await waitFor(() => seen.includes('TETHER_CONNECT_FAILED'), 'the error in a snapshot')
    expect(v.getSnapshot().status.state).toBe('error')
  })

  it('a throwing handler is reported as HANDLER_FAILED and the variable keeps working', async () => {
    const errors: string[] = []
    const v = makeVariable(server.url('/x'), {
      onOpen: () => {
        throw new Error('boom')
      },
      onError: (_v, error) => void errors.push(`${error.code}: ${error.message}`),
    })
    await v.open()
    expect(v.status.state).toBe('open')
    expect(errors).toEqual(["TETHER_HANDLER_FAILED: onOpen of 'testvariable' threw: boom"])
    expect(v.status.lastError?.code).toBe('TETHER_HANDLER_FAILED')
  })

  it('dispose() closes, drops listeners and refuses to open again', async () => {
    const v = makeVariable(server.url('/x'))
    await v.open()
    let calls = 0
    v.subscribe(() => calls++)
    v.dispose()
    await waitFor(() => server.clients.size === 0, 'the server to see the close')
    const error = await v.open().catch((e: unknown) => e)
    expect(isTetherError(error, 'TETHER_CLOSED_BY_USER')).toBe(true)
    const before = calls
    await Promise.resolve()
    expect(calls).toBe(before)
    v.send('late')
    expect(v.status.lastError?.code).toBe('TETHER_SEND_FAILED')
    expect(v.queuedMessages).toBe(0)
  })

  it('rejects invalid options with INVALID_VARIABLE_OPTIONS', () => {
    const service = defineWebSocketService({ name: 'x', url: 'ws://127.0.0.1:1/x' })
    expect(() => new WebSocketVariable({ service, name: '' })).toThrow(/needs a name/)
    expect(() => new WebSocketVariable({ service, name: 'v', dataLimit: -1 })).toThrow(/dataLimit/)
    expect(() => new WebSocketVariable({ service, name: 'v', sendQueueLimit: 1.5 })).toThrow(/sendQueueLimit/)
    expect(() => new WebSocketVariable({ service, name: 'v', onNewData: 'upsert' })).toThrow(/keyField/)
  })

  it('takes a defined service, and refuses a raw definition with what to do instead', async () => {
    const definition = { name: 'heartrate', url: server.url('/json') }
    expect(() => new WebSocketVariable({ service: definition as never, name: 'v' })).toThrow(
      /defineWebSocketService\(definition\)/,
    )
    // A definition validated elsewhere (the server that serves it) runs without validating it again.
    const v = new WebSocketVariable({
      service: trustedWebSocketService(definition),
      name: 'v',
      WebSocket: WS,
      connectOnLoad: false,
    })
    try {
      expect(v.service.name).toBe('heartrate')
      await v.open()
      expect(server.requests).toEqual(['/json'])
    } finally {
      v.dispose()
    }
  })
})
