import type { AddressInfo } from 'node:net'
import { defineWebSocketService } from '@tether/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { validatePage } from './page/index.js'
import type { ScriptHandler, ScriptOptions } from './page-runtime.js'
import { createAppRuntime, createPageRuntime } from './runtime.js'
import { createFrameScheduler } from './scheduler.js'

// A real WebSocket service that greets each client with one JSON message.
let wss: WebSocketServer
let url = ''
beforeAll(async () => {
  wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  await new Promise((resolve) => wss.once('listening', resolve))
  url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/chat`
  wss.on('connection', (socket) => socket.send(JSON.stringify({ username: 'ann', message: 'hello' })))
})
afterAll(() => new Promise<void>((resolve) => wss.close(() => resolve())))

describe('page-script handlers', () => {
  it('are called (variable, data, options) like the reference, with the page in options.page', async () => {
    const calls: { variable: unknown; data: unknown; options: ScriptOptions }[] = []
    const chatroomonMessageReceive: ScriptHandler = (variable, data, options) => {
      calls.push({ variable, data, options })
      options.page.setWidget('last', 'caption', (data as { message: string }).message)
    }
    const app = createAppRuntime({
      project: { name: 'p', title: 'P', variables: {}, security: { enabled: false } },
      services: { chat: defineWebSocketService({ name: 'chat', url }).definition },
      navigate: () => {},
      notify: () => {},
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      scheduler: createFrameScheduler((callback) => queueMicrotask(callback)),
    })
    const page = validatePage({
      name: 'Main',
      script: './scripts/main.js',
      variables: {
        chatroom: {
          category: 'websocket',
          service: 'chat',
          events: { onMessageReceive: [{ script: 'chatroomonMessageReceive' }] },
        },
      },
      widgets: [{ type: 'Label', name: 'last', props: { caption: '' } }],
    })
    const handle = createPageRuntime(app, page, { chatroomonMessageReceive })
    await expect.poll(() => calls.length, { timeout: 10_000 }).toBe(1)
    const [call] = calls
    expect(call?.variable).toBe(handle.runtime.variables.find('chatroom'))
    expect(call?.data).toEqual({ username: 'ann', message: 'hello' })
    expect(call?.options.raw).toBe('{"username":"ann","message":"hello"}')
    expect(handle.runtime.widgets.get('last')).toEqual({ caption: 'hello' })
    handle.dispose()
    app.dispose()
  })
})
