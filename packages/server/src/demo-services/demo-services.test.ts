import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sqliteTestDatabase, startServer, useTestServer } from '../test-support/app-helpers.js'
import { connectClient, waitFor } from '../test-support/realtime-helpers.js'
import { MAX_BPM, MIN_BPM, nextHeartrate } from './heartrate.js'

describe('demo WebSocket services', () => {
  const server = useTestServer({ env: { HEARTRATE_INTERVAL_MS: '20' } })

  it('heartrate streams {time, value} readings on a steady cadence', async () => {
    const client = connectClient(`${server.ws}/websocket/heartrate`)
    await client.opened
    await waitFor(() => client.messages.length >= 3, 'the first readings')
    // Count over a window of 30 intervals: a 20 ms cadence gives about 30; a broken timer gives 0 or hundreds.
    const start = client.messages.length
    const startedAt = Date.now()
    await new Promise((resolve) => setTimeout(resolve, 600))
    const elapsed = Date.now() - startedAt
    const received = client.messages.length - start
    const expected = elapsed / 20
    expect(received).toBeGreaterThan(expected * 0.3)
    expect(received).toBeLessThan(expected * 1.5 + 3)

    for (const message of client.messages) {
      expect(Object.keys(message as object).sort()).toEqual(['time', 'value'])
      const { time, value } = message as { time: number; value: number }
      expect(Number.isInteger(value)).toBe(true)
      expect(value).toBeGreaterThanOrEqual(MIN_BPM)
      expect(value).toBeLessThanOrEqual(MAX_BPM)
      expect(Math.abs(time - Date.now())).toBeLessThan(60_000)
    }
    const times = client.messages.map((m) => (m as { time: number }).time)
    expect([...times].sort((a, b) => a - b)).toEqual(times)
    client.ws.close()
    await client.closedPromise
  })

  it('heartrate sends the same reading to every listener (one shared timer)', async () => {
    const a = connectClient(`${server.ws}/websocket/heartrate`)
    const b = connectClient(`${server.ws}/websocket/heartrate`)
    await Promise.all([a.opened, b.opened])
    await waitFor(() => a.messages.length >= 5 && b.messages.length >= 5, 'readings on both sockets')
    const timesA = new Set(a.messages.map((m) => JSON.stringify(m)))
    const shared = b.messages.filter((m) => timesA.has(JSON.stringify(m)))
    expect(shared.length).toBeGreaterThanOrEqual(3)
    a.ws.close()
    b.ws.close()
    await Promise.all([a.closedPromise, b.closedPromise])
  })

  it('echo sends back text and binary frames unchanged', async () => {
    const client = connectClient(`${server.ws}/websocket/echo`)
    await client.opened
    client.ws.send('hello, tether')
    client.ws.send(Buffer.from([0, 1, 2, 255]))
    await waitFor(() => client.frames.length >= 2, 'two echoed frames')
    expect(client.frames[0]).toEqual({ data: Buffer.from('hello, tether'), isBinary: false })
    expect(client.frames[1]).toEqual({ data: Buffer.from([0, 1, 2, 255]), isBinary: true })
    client.ws.close()
    await client.closedPromise
  })

  it('the random walk stays within 60–100 and moves smoothly', () => {
    fc.assert(
      fc.property(
        fc.double({ min: MIN_BPM, max: MAX_BPM, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { maxLength: 200 }),
        (start, randoms) => {
          let bpm = start
          for (const r of randoms) {
            const next = nextHeartrate(bpm, () => r)
            expect(next).toBeGreaterThanOrEqual(MIN_BPM)
            expect(next).toBeLessThanOrEqual(MAX_BPM)
            expect(Math.abs(next - bpm)).toBeLessThanOrEqual(3 + 0.08 * 40 + 1e-9)
            bpm = next
          }
        },
      ),
    )
  })
})

describe('graceful shutdown', () => {
  it('closes WebSocket clients with 1001 and a reason', async () => {
    const database = sqliteTestDatabase()
    const server = await startServer(database.env)
    try {
      const client = connectClient(`${server.ws}/websocket/echo`)
      await client.opened
      await server.close()
      expect(await client.closedPromise).toEqual({ code: 1001, reason: 'server shutting down' })
    } finally {
      await database.cleanup()
    }
  })
})
