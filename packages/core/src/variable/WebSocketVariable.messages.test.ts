import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { disposeVariables, makeVariable } from './test-support/variables.js'
import { startTestServer, type TestServer, waitFor } from './test-support/ws-server.js'

const HEARTBEAT = (i: number) => JSON.stringify({ time: 1513152655902 + i * 500, value: 61 + i })
const CHAT = '{"username":"user1","message":"hello","time":1507809721548}'

let server: TestServer

beforeEach(async () => {
  server = await startTestServer()
})
afterEach(async () => {
  disposeVariables()
  await server.kill()
})

async function receive(v: ReturnType<typeof makeVariable>, frames: (string | Buffer)[]): Promise<void> {
  const target = v.status.messagesReceived + frames.length
  for (const frame of frames) server.broadcast(frame)
  await waitFor(() => v.status.messagesReceived === target, `${frames.length} messages`)
}

describe('WebSocketVariable: received data', () => {
  it('refresh (default): dataSet is the latest message — the heartrate seed sample', async () => {
    const v = makeVariable(server.url('/websocket/heartrate'))
    expect(v.onNewData).toBe('refresh')
    expect(v.dataSet).toBeNull()
    await v.open()
    await receive(v, ['{"time":1513152655902,"value":95}'])
    expect(v.dataSet).toEqual({ time: 1513152655902, value: 95 })
    expect(v.lastRecord).toEqual({ time: 1513152655902, value: 95 })
    expect(v.status.lastMessageAt).toBeGreaterThan(0)
  })

  it('addAsLast: newest at the end, the oldest (first) evicted at dataLimit — the chat seed sample', async () => {
    const v = makeVariable(server.url('/websocket/chatroom?username=user1'), { onNewData: 'addAsLast', dataLimit: 3 })
    await v.open()
    await receive(v, [CHAT, ...[0, 1, 2].map(HEARTBEAT)])
    expect(v.dataSet).toEqual([0, 1, 2].map((i) => JSON.parse(HEARTBEAT(i))))
    expect(v.firstRecord).toEqual(JSON.parse(HEARTBEAT(0)))
    expect(v.lastRecord).toEqual({ time: 1513152656902, value: 63 })
  })

  it('addAsFirst: newest at the start, the oldest (last) evicted at dataLimit', async () => {
    const v = makeVariable(server.url('/x'), { onNewData: 'addAsFirst', dataLimit: 2 })
    await v.open()
    await receive(v, [0, 1, 2, 3].map(HEARTBEAT))
    expect((v.dataSet as { value: number }[]).map((r) => r.value)).toEqual([64, 63])
    expect((v.firstRecord as { value: number }).value).toBe(64)
  })

  it('lowering dataLimit shrinks the dataset at once; the default is 20 and 0 is the maximum', async () => {
    const v = makeVariable(server.url('/x'), { onNewData: 'addAsLast' })
    expect(v.dataLimit).toBe(20)
    await v.open()
    await receive(
      v,
      Array.from({ length: 25 }, (_, i) => HEARTBEAT(i)),
    )
    expect((v.dataSet as unknown[]).length).toBe(20)
    v.dataLimit = 5
    expect((v.dataSet as { value: number }[]).map((r) => r.value)).toEqual([81, 82, 83, 84, 85])
    v.dataLimit = 0
    await receive(
      v,
      Array.from({ length: 30 }, (_, i) => HEARTBEAT(i)),
    )
    expect((v.dataSet as unknown[]).length).toBe(35)
  })

  it('upsert by keyField replaces in place', async () => {
    const v = makeVariable(server.url('/x'), { onNewData: 'upsert', keyField: 'username' })
    await v.open()
    await receive(v, [
      CHAT,
      '{"username":"user2","message":"hi","time":1}',
      '{"username":"user1","message":"bye","time":2}',
    ])
    expect(v.dataSet).toEqual([
      { username: 'user1', message: 'bye', time: 2 },
      { username: 'user2', message: 'hi', time: 1 },
    ])
  })

  it('timeWindowMs ages records out even when no new message arrives', async () => {
    const v = makeVariable(server.url('/x'), { onNewData: 'addAsLast', timeWindowMs: 100, owner: 'app' })
    expect(v.owner).toBe('app')
    await v.open()
    await receive(v, [HEARTBEAT(0), HEARTBEAT(1)])
    expect((v.dataSet as unknown[]).length).toBe(2)
    let notified = false
    v.subscribe(() => {
      notified = true
    })
    await waitFor(() => (v.getSnapshot().dataSet as unknown[]).length === 0, 'the records to leave the window')
    expect(notified).toBe(true)
  })

  it('parses JSON, then XML (root unwrapped), then text; binary frames arrive as bytes', async () => {
    const v = makeVariable(server.url('/x'), { onNewData: 'addAsLast' })
    await v.open()
    await receive(v, ['<beat><time>1513152655902</time><value>95</value></beat>', 'hello', '0', Buffer.from([1, 2, 3])])
    // The first XML frame loads the XML parser; it and the frames after it arrive once it is there.
    await waitFor(() => (v.dataSet as unknown[]).length === 4, 'the four records')
    const [xml, text, zero, bytes] = v.dataSet as unknown[]
    expect(xml).toEqual({ time: 1513152655902, value: 95 })
    expect(text).toBe('hello')
    expect(zero).toBe(0)
    expect(bytes).toBeInstanceOf(Uint8Array)
    expect([...(bytes as Uint8Array)]).toEqual([1, 2, 3])
  })

  it('onMessageReceive: a returned value replaces the data, false DROPS the message', async () => {
    const v = makeVariable(server.url('/x'), {
      onNewData: 'addAsLast',
      onMessageReceive: (_v, data) => {
        const beat = data as { value: number }
        if (beat.value < 62) return false
        return beat.value > 62 ? { ...beat, high: true } : undefined
      },
    })
    await v.open()
    await receive(v, [0, 1, 2].map(HEARTBEAT))
    expect(v.dataSet).toEqual([JSON.parse(HEARTBEAT(1)), { ...JSON.parse(HEARTBEAT(2)), high: true }])
    expect(v.status.messagesReceived).toBe(3) // the dropped one was received, just not kept
  })

  it('routes one stream into named datasets by a discriminator, each with its own policy', async () => {
    const v = makeVariable(server.url('/x'), {
      onNewData: 'addAsLast',
      routes: { field: 'type', datasets: { chat: { dataLimit: 1 }, beat: { onNewData: 'addAsFirst' } } },
    })
    expect(v.datasets).toEqual({ chat: [], beat: [] })
    await v.open()
    await receive(v, [
      '{"type":"chat","message":"a"}',
      '{"type":"beat","value":95}',
      '{"type":"chat","message":"b"}',
      '{"type":"beat","value":96}',
      '"x"',
    ])
    expect(v.datasets).toEqual({
      chat: [{ type: 'chat', message: 'b' }],
      beat: [
        { type: 'beat', value: 96 },
        { type: 'beat', value: 95 },
      ],
    })
    expect((v.dataSet as unknown[]).length).toBe(5) // dataSet still sees the whole stream
  })
})

describe('WebSocketVariable: subscribe and snapshots', () => {
  it('the snapshot is immutable and the same object until a change', async () => {
    const v = makeVariable(server.url('/x'), { onNewData: 'addAsLast' })
    const idle = v.getSnapshot()
    expect(v.getSnapshot()).toBe(idle)
    expect(Object.isFrozen(idle)).toBe(true)
    await v.open()
    const open = v.getSnapshot()
    expect(open).not.toBe(idle)
    expect(open.status.state).toBe('open')
    await receive(v, [HEARTBEAT(0)])
    const withData = v.getSnapshot()
    expect(withData).not.toBe(open)
    expect(Object.isFrozen(withData.dataSet)).toBe(true)
    expect(() => (withData.dataSet as unknown[]).push(1)).toThrow()
    expect(v.getSnapshot()).toBe(withData)
  })

  it('many messages in one burst produce far fewer notifications than messages, and the last one has them all', async () => {
    const v = makeVariable(server.url('/x'), { onNewData: 'addAsLast', dataLimit: 0 })
    await v.open()
    let notifications = 0
    const unsubscribe = v.subscribe(() => notifications++)
    // Written in one synchronous loop, the frames reach the client in a few TCP reads, each parsed in one tick.
    for (let i = 0; i < 200; i++) server.broadcast(HEARTBEAT(i))
    await waitFor(() => (v.dataSet as unknown[]).length === 200, '200 records')
    await Promise.resolve()
    expect(notifications).toBeGreaterThanOrEqual(1)
    expect(notifications).toBeLessThan(200)
    unsubscribe()
    const before = notifications
    await receive(v, [HEARTBEAT(1)])
    expect(notifications).toBe(before)
  })
})

describe('WebSocketVariable: one notification per tick (scripted socket, exact ticks)', () => {
  /** Drives the variable's socket by hand so that "same tick" is exact rather than up to TCP. */
  class ScriptedSocket {
    static last: ScriptedSocket | undefined
    readyState = 0
    binaryType = 'blob'
    onopen: ((event: unknown) => void) | null = null
    onmessage: ((event: { data: unknown }) => void) | null = null
    onerror: ((event: unknown) => void) | null = null
    onclose: ((event: unknown) => void) | null = null
    constructor(readonly url: string) {
      ScriptedSocket.last = this
    }
    send(): void {}
    close(): void {
      this.readyState = 3
      this.onclose?.({ code: 1000, reason: '', wasClean: true })
    }
  }

  it('three messages in one tick give exactly one notification; binaryType is set to arraybuffer', async () => {
    const v = makeVariable('ws://127.0.0.1:9/x', { onNewData: 'addAsLast', WebSocket: ScriptedSocket })
    const opening = v.open()
    const socket = ScriptedSocket.last as ScriptedSocket
    expect(socket.binaryType).toBe('arraybuffer')
    socket.readyState = 1
    socket.onopen?.({})
    await opening
    let notifications = 0
    v.subscribe(() => notifications++)
    for (const i of [0, 1, 2]) socket.onmessage?.({ data: HEARTBEAT(i) })
    expect(notifications).toBe(0) // batched until the microtask
    await Promise.resolve()
    expect(notifications).toBe(1)
    expect((v.dataSet as unknown[]).length).toBe(3)
    socket.onmessage?.({ data: HEARTBEAT(3) })
    await Promise.resolve()
    expect(notifications).toBe(2)
  })
})

describe('WebSocketVariable: send', () => {
  it('no argument sends the bound RequestBody; objects as JSON; 0, "" and false are sent', async () => {
    const v = makeVariable(server.url('/x'), { dataBinding: { RequestBody: 'subscribe' } })
    await v.open()
    v.send()
    v.send({ action: 'ping', n: 1 })
    v.send(0)
    v.send('')
    v.send(false)
    await waitFor(() => server.received.length === 6, '6 frames')
    expect(server.received.map((r) => r.data)).toEqual([
      'subscribe',
      'subscribe',
      '{"action":"ping","n":1}',
      '0',
      '',
      'false',
    ])
  })

  it('binary messages are sent as binary frames', async () => {
    const v = makeVariable(server.url('/x'))
    await v.open()
    v.send(new Uint8Array([0xca, 0xfe]))
    await waitFor(() => server.received.length === 1, 'a frame')
    expect(server.received[0]).toMatchObject({ data: 'cafe', binary: true })
  })

  it('onBeforeMessageSend: false cancels, any other value replaces the message', async () => {
    const v = makeVariable(server.url('/x'), {
      onBeforeMessageSend: (_v, message) =>
        message === 'secret' ? false : message === 'hi' ? { text: 'hi' } : undefined,
    })
    await v.open()
    v.send('secret')
    v.send('hi')
    v.send('plain')
    await waitFor(() => server.received.length === 2, '2 frames')
    expect(server.received.map((r) => r.data)).toEqual(['{"text":"hi"}', 'plain'])
  })

  it('sends made before open wait in the queue and go out in order on open, after the RequestBody', async () => {
    const v = makeVariable(server.url('/x'), { dataBinding: { RequestBody: { subscribe: 'beats' } } })
    v.send('a')
    v.send() // the RequestBody itself, queued: must not be sent twice
    v.send('b')
    expect(v.queuedMessages).toBe(3)
    await v.open()
    await waitFor(() => server.received.length === 3, '3 frames')
    expect(server.received.map((r) => r.data)).toEqual(['{"subscribe":"beats"}', 'a', 'b'])
    expect(v.queuedMessages).toBe(0)
  })

  it('a full queue reports SEND_QUEUE_FULL and keeps what it holds', async () => {
    const errors: string[] = []
    const v = makeVariable(server.url('/x'), { sendQueueLimit: 2, onError: (_v, e) => void errors.push(e.code) })
    v.send('1')
    v.send('2')
    v.send('3')
    expect(errors).toEqual(['TETHER_SEND_QUEUE_FULL'])
    expect(v.status.lastError?.message).toMatch(/send queue .* is full \(2 messages/)
    await v.open()
    await waitFor(() => server.received.length === 2, '2 frames')
    expect(server.received.map((r) => r.data)).toEqual(['1', '2'])
  })

  it('reports SEND_FAILED for what cannot be sent and for nothing to send', async () => {
    const errors: string[] = []
    const v = makeVariable(server.url('/x'), { onError: (_v, e) => void errors.push(e.code) })
    await v.open()
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    v.send(cyclic)
    v.send() // no RequestBody bound
    expect(errors).toEqual(['TETHER_SEND_FAILED', 'TETHER_SEND_FAILED'])
  })

  it("the service's requestBody template is sent once on connect when nothing is bound", async () => {
    const v = makeVariable({ url: server.url('/x'), requestBody: '{"op":"subscribe"}' })
    await v.open()
    await waitFor(() => server.received.length === 1, 'the subscribe message')
    v.send('x')
    await waitFor(() => server.received.length === 2, 'a second frame')
    expect(server.received.map((r) => r.data)).toEqual(['{"op":"subscribe"}', 'x'])
  })
})
