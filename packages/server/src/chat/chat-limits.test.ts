import { describe, expect, it } from 'vitest'
import { login, useTestServer } from '../test-support/app-helpers.js'
import { connectClient, type RecordingClient, waitFor } from '../test-support/realtime-helpers.js'
import type { ChatMessageFrame } from './message-store.js'

// The chat's bounds, lowered through the environment: each must take effect and be reported.
describe('/websocket/chatroom with lowered limits', () => {
  const server = useTestServer({
    env: { CHAT_MESSAGE_MAX_CHARS: '10', CHAT_HISTORY_MAX: '3', CHAT_PENDING_POSTS_MAX: '3' },
  })
  let roomCounter = 0
  const newRoom = () => `limits-${++roomCounter}`

  async function join(user: string, query: string): Promise<RecordingClient> {
    const cookie = await login(server.http, user)
    const client = connectClient(`${server.ws}/websocket/chatroom?${query}`, { headers: { cookie } })
    await client.opened
    return client
  }
  const chat = (client: RecordingClient) => client.messages as ChatMessageFrame[]

  it('closes with 1009 on a message over CHAT_MESSAGE_MAX_CHARS characters, counting characters not bytes', async () => {
    const client = await join('user1', `room=${newRoom()}`)
    client.ws.send('0123456789')
    client.ws.send('é'.repeat(10)) // 20 bytes, 10 characters
    await waitFor(() => chat(client).length === 2, 'both messages of 10 characters')
    client.ws.send('0123456789A')
    const closed = await client.closedPromise
    expect(closed).toEqual({ code: 1009, reason: 'Messages are limited to 10 characters' })
  })

  it('caps ?history=50 at CHAT_HISTORY_MAX', async () => {
    const room = newRoom()
    const writer = await join('user1', `room=${room}`)
    // One at a time: six at once would be more than CHAT_PENDING_POSTS_MAX.
    for (let i = 1; i <= 6; i++) {
      writer.ws.send(`m${i}`)
      await waitFor(() => chat(writer).length === i, `message ${i} stored`)
    }

    const reader = await join('user2', `room=${room}&history=50`)
    // History comes before anything live: once the reader's own message is back, the history is complete.
    reader.ws.send('own')
    await waitFor(() => chat(reader).some((m) => m.message === 'own'), 'the own message')
    expect(chat(reader).map((m) => m.message)).toEqual(['m4', 'm5', 'm6', 'own'])
    for (const client of [writer, reader]) client.ws.close()
  })

  it('closes with 1013 a connection with more than CHAT_PENDING_POSTS_MAX posts waiting to be stored', async () => {
    const client = await join('user3', `room=${newRoom()}`)
    // One write: the server reads all frames at once, before it can store any of them.
    const socket = (client.ws as unknown as { _socket: { cork(): void; uncork(): void } })._socket
    socket.cork()
    for (let i = 0; i < 20; i++) client.ws.send(`p${i}`)
    socket.uncork()
    const closed = await client.closedPromise
    expect(closed).toEqual({ code: 1013, reason: 'Too many messages at once: slow down' })
  })
})

const chat = (client: RecordingClient) => client.messages as ChatMessageFrame[]

describe('/websocket/chatroom message rate (CHAT_RATE_PER_SECOND, CHAT_RATE_BURST)', () => {
  const server = useTestServer({ env: { CHAT_RATE_PER_SECOND: '1', CHAT_RATE_BURST: '5' } })

  it('closes with 1013 TETHER_RATE_LIMITED past the burst, and stores what came before', async () => {
    const cookie = await login(server.http, 'user2')
    const room = 'rate-limited'
    const client = connectClient(`${server.ws}/websocket/chatroom?room=${room}`, { headers: { cookie } })
    await client.opened
    // One write: the server reads all 20 at once, far faster than one a second.
    const socket = (client.ws as unknown as { _socket: { cork(): void; uncork(): void } })._socket
    socket.cork()
    for (let i = 0; i < 20; i++) client.ws.send(`r${i}`)
    socket.uncork()
    const closed = await client.closedPromise
    expect(closed).toEqual({
      code: 1013,
      reason: 'TETHER_RATE_LIMITED: more than 1 messages per second (CHAT_RATE_PER_SECOND); slow down',
    })

    const reader = connectClient(`${server.ws}/websocket/chatroom?room=${room}&history=50`, { headers: { cookie } })
    await reader.opened
    reader.ws.send('reader')
    await waitFor(() => chat(reader).some((m) => m.message === 'reader'), 'the reader to be served')
    // The burst (and at most a token refilled meanwhile) was stored, in order; the rest was refused.
    const stored = chat(reader)
      .filter((m) => m.message !== 'reader')
      .map((m) => m.message)
    expect(stored.length).toBeGreaterThanOrEqual(5)
    expect(stored.length).toBeLessThan(20)
    expect(stored).toEqual(Array.from({ length: stored.length }, (_, i) => `r${i}`))
    reader.ws.close()
  })
})
