import { type AddressInfo, createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { LiveConnection, type LiveSnapshot } from './live-connection.js'

const servers: WebSocketServer[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) {
    for (const client of server.clients) client.terminate()
    await new Promise((resolve) => server.close(resolve))
  }
})

async function startServer(onConnection: (socket: WebSocket) => void): Promise<string> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  servers.push(server)
  server.on('connection', onConnection)
  await new Promise((resolve) => server.once('listening', resolve))
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** Resolves with the first snapshot that passes `test`. */
function until(connection: LiveConnection, test: (s: LiveSnapshot) => boolean): Promise<LiveSnapshot> {
  return new Promise((resolve) => {
    if (test(connection.getSnapshot())) return resolve(connection.getSnapshot())
    const stop = connection.subscribe(() => {
      if (test(connection.getSnapshot())) {
        stop()
        resolve(connection.getSnapshot())
      }
    })
  })
}

const newConnection = () => new LiveConnection(WebSocket as unknown as typeof globalThis.WebSocket)

describe('LiveConnection', () => {
  it('sends the request body on open and lists text and binary messages', async () => {
    const url = await startServer((socket) =>
      socket.on('message', (data) => {
        socket.send(`echo ${data}`)
        socket.send(Buffer.from([0xca, 0xfe]))
      }),
    )
    const connection = newConnection()
    connection.connect({ url, requestBody: 'hello' })
    const snapshot = await until(connection, (s) => s.messages.items.length === 2)
    expect(snapshot.state).toBe('open')
    expect(snapshot.messages.items[0]?.text).toBe('echo hello')
    expect(snapshot.messages.items[0]?.size).toBe(10)
    expect([...(snapshot.messages.items[1]?.bytes ?? [])]).toEqual([0xca, 0xfe])
    connection.disconnect()
    expect(connection.getSnapshot().state).toBe('closed')
  })

  it('records messages with increasing offsets, binary as base64', async () => {
    const url = await startServer((socket) => {
      socket.send('one')
      socket.on('message', () => {
        socket.send('two')
        socket.send(Buffer.from('hi'))
      })
    })
    const connection = newConnection()
    connection.connect({ url })
    await until(connection, (s) => s.messages.items.length === 1)
    connection.startRecording()
    connection.send('go')
    const snapshot = await until(connection, (s) => (s.recording?.messages.length ?? 0) === 2)
    connection.stopRecording()
    expect(snapshot.recording?.messages.map((m) => ({ data: m.data, binary: m.binary }))).toEqual([
      { data: 'two', binary: undefined },
      { data: 'aGk=', binary: true },
    ])
    const [first, second] = snapshot.recording?.messages ?? []
    expect(first?.at).toBeGreaterThanOrEqual(0)
    expect(second?.at).toBeGreaterThanOrEqual(first?.at ?? 0)
    expect(connection.getSnapshot().recording?.active).toBe(false)
    connection.disconnect()
  })

  it('explains a close code and reason from the service', async () => {
    const url = await startServer((socket) => socket.close(4403, 'TETHER_PROXY_FORBIDDEN: 10.0.0.1 is private.'))
    const connection = newConnection()
    connection.connect({ url, viaProxy: true })
    const snapshot = await until(connection, (s) => s.state === 'failed')
    expect(snapshot.explanation).toContain("The server's proxy refused this target: 10.0.0.1 is private.")
  })

  it('tells apart a refusal to act as another user by its code', async () => {
    const url = await startServer((socket) =>
      socket.close(4403, 'TETHER_ACTING_AS_ANOTHER_USER: username must be the signed-in user'),
    )
    const connection = newConnection()
    connection.connect({ url })
    const snapshot = await until(connection, (s) => s.state === 'failed')
    expect(snapshot.refusal).toBe('TETHER_ACTING_AS_ANOTHER_USER')
    expect(snapshot.explanation).toBe('The chat service lets each signed-in user post only as themself.')
  })

  it('asks for a new sign-in on 4401 and runs the same test again once signed in', async () => {
    let signedIn = false
    const url = await startServer((socket) => {
      if (signedIn) socket.send('welcome back')
      else socket.close(4401, 'Log in first: the chat needs a session (POST /api/auth/login)')
    })
    let finishSignIn: (ok: boolean | null) => void = () => {}
    const asked: string[] = []
    const connection = new LiveConnection(WebSocket as unknown as typeof globalThis.WebSocket, null, (failed) => {
      asked.push(failed)
      return new Promise((resolve) => {
        finishSignIn = resolve
      })
    })
    connection.connect({ url })
    const waiting = await until(connection, (s) => s.state === 'failed')
    expect(waiting.explanation).toBe('Your studio session ended. Sign in again and the test starts again.')
    expect(asked).toEqual([url])
    signedIn = true
    finishSignIn(true)
    const back = await until(connection, (s) => s.messages.items.length === 1)
    expect(back.messages.items[0]?.text).toBe('welcome back')
    connection.disconnect()

    // Declined: the test stays failed and says what to do, without a close code.
    signedIn = false
    connection.connect({ url })
    await until(connection, (s) => s.state === 'failed')
    finishSignIn(false)
    const declined = await until(connection, (s) => s.explanation !== waiting.explanation)
    expect(declined.state).toBe('failed')
    expect(declined.explanation).toBe('You are signed out of the studio. Press Test to sign in again and test.')

    // The studio is still signed in: the 4401 is the service's own, explained as such.
    connection.connect({ url })
    await until(connection, (s) => s.state === 'failed')
    finishSignIn(null)
    const own = await until(connection, (s) => s.explanation?.includes('Log in first') === true)
    expect(own.state).toBe('failed')
  })

  it('explains a refused connection and a non-ws URL without opening anything', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const port = (probe.address() as AddressInfo).port
    await new Promise((resolve) => probe.close(resolve))
    const connection = newConnection()
    connection.connect({ url: `ws://127.0.0.1:${port}/` })
    const refused = await until(connection, (s) => s.state === 'failed')
    expect(refused.explanation).toContain('could not be opened')

    connection.connect({ url: 'https://example.com/feed' })
    expect(connection.getSnapshot()).toMatchObject({ state: 'failed' })
    expect(connection.getSnapshot().explanation).toContain('use wss://')
  })

  it('asks the server why a direct test failed before opening, and a reset forgets the last test', async () => {
    const url = await startServer((socket) => socket.send('old message'))
    const asked: string[] = []
    const connection = new LiveConnection(WebSocket as unknown as typeof globalThis.WebSocket, async (failed) => {
      asked.push(failed)
      return `The host name in ${failed} is unknown (DNS).`
    })
    connection.connect({ url })
    await until(connection, (s) => s.messages.items.length === 1)
    connection.reset()
    expect(connection.getSnapshot()).toMatchObject({ state: 'idle', explanation: null, messages: { items: [] } })

    // A refused port stands in for any failure the browser cannot explain (close code 1006).
    const probe = createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const port = (probe.address() as AddressInfo).port
    await new Promise((resolve) => probe.close(resolve))
    connection.connect({ url: `ws://127.0.0.1:${port}/x` })
    const told = await until(connection, (s) => s.explanation?.includes('(DNS)') === true)
    expect(told.state).toBe('failed')
    expect(asked).toEqual([`ws://127.0.0.1:${port}/x`])
  })
})
