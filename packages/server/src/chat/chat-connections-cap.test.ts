import { beforeAll, describe, expect, it } from 'vitest'
import { login, useTestServer } from '../test-support/app-helpers.js'
import { connectClient, type RecordingClient, waitFor } from '../test-support/realtime-helpers.js'
import type { ChatMessageFrame } from './message-store.js'

// CHAT_MAX_CONNECTIONS_PER_USER: one account cannot hold more chat connections than that on a server.
describe('CHAT_MAX_CONNECTIONS_PER_USER', () => {
  const server = useTestServer({ env: { CHAT_MAX_CONNECTIONS_PER_USER: '2' } })
  const cookies: Record<string, string> = {}

  beforeAll(async () => {
    for (const user of ['user1', 'user2']) cookies[user] = await login(server.http, user)
  })

  const join = (user: string): RecordingClient =>
    connectClient(`${server.ws}/websocket/chatroom?room=per-user`, { headers: { cookie: cookies[user] ?? '' } })

  /** Joined once its own message came back. */
  async function joined(client: RecordingClient, probe: string): Promise<void> {
    await client.opened
    client.ws.send(probe)
    await waitFor(() => {
      if (client.closed) throw new Error(`closed with ${client.closed.code} before ${probe} came back`)
      return (client.messages as ChatMessageFrame[]).some((m) => m.message === probe)
    }, `${probe} back`)
  }

  /** The member once its probe came back, or null when it was closed first. */
  async function tryJoin(user: string, probe: string): Promise<RecordingClient | null> {
    const client = join(user)
    const refused = client.closedPromise.then(() => null)
    const admitted = joined(client, probe).then(
      () => client,
      () => null,
    )
    return Promise.race([admitted, refused])
  }

  it('closes a third connection of one user with 1013, leaving others and other users alone', async () => {
    const first = join('user1')
    const second = join('user1')
    await joined(first, 'first')
    await joined(second, 'second')

    const third = join('user1')
    const closed = await third.closedPromise
    expect(closed.code).toBe(1013)
    expect(closed.reason).toBe(
      'Too many chat connections for user1 (CHAT_MAX_CONNECTIONS_PER_USER=2): close one and try again',
    )

    const other = join('user2')
    await joined(other, 'other')
    expect(first.closed).toBeNull()
    expect(second.closed).toBeNull()

    // A connection that closed frees its place.
    first.ws.close()
    await first.closedPromise
    // The place is freed once the server has seen the close; until then a retry is refused with 1013.
    let attempt = 0
    const again = await waitFor(() => tryJoin('user1', `again ${++attempt}`), 'user1 to be admitted again')
    expect(again.closed).toBeNull()
    for (const client of [second, other, again]) client.ws.close()
  })
})
