import { describe, expect, it } from 'vitest'
import { loadConfig } from '../config.js'
import { login, useTestServer } from '../test-support/app-helpers.js'
import { connectClient, waitFor } from '../test-support/realtime-helpers.js'

// Finding 16 of issue 12: with CHAT_ROOMS set, a signed-in user may join only those rooms, and a room
// outside the list reveals nothing (no history, not even whether it exists).
describe('CHAT_ROOMS', () => {
  const server = useTestServer({ env: { CHAT_ROOMS: 'general,team' } })

  it('admits the listed rooms and closes any other with 4403 before sending history', async () => {
    const cookie = await login(server.http, 'user1')
    const team = connectClient(`${server.ws}/websocket/chatroom?room=team&history=10`, { headers: { cookie } })
    await team.opened
    team.ws.send('in the team room')
    await waitFor(() => team.messages.length === 1, 'the post to come back')

    const other = connectClient(`${server.ws}/websocket/chatroom?room=secret&history=10`, { headers: { cookie } })
    expect(await other.closedPromise).toEqual({
      code: 4403,
      reason: 'TETHER_FORBIDDEN: there is no room "secret" (CHAT_ROOMS)',
    })
    expect(other.messages).toEqual([])
    const byDefault = connectClient(`${server.ws}/websocket/chatroom`, { headers: { cookie } })
    await byDefault.opened
    byDefault.ws.send('in general')
    await waitFor(() => byDefault.messages.length === 1, 'the post in general')
    team.ws.close()
    byDefault.ws.close()
  })

  it('refuses a room name that could never be joined', () => {
    expect(() => loadConfig({ CHAT_ROOMS: 'ok,not ok' })).toThrow(
      expect.objectContaining({ code: 'TETHER_INVALID_CONFIG' }),
    )
    expect(loadConfig({}).chat.rooms).toBeNull()
  })
})
