import { connectAsync, type MqttClient } from 'mqtt'
import { afterEach, describe, expect, it } from 'vitest'
import { startServer, useTestServer } from '../test-support/app-helpers.js'
import { connectClient, waitFor } from '../test-support/realtime-helpers.js'
import { DRY_MOISTURE, HOT_CELSIUS, PLANT_IDS, PlantSensors, plantState, STATUS_EVERY } from './plant-sensors.js'

interface Received {
  topic: string
  payload: Record<string, unknown>
  /** Delivered from the broker's store on subscribe, not by a new tick. */
  retained: boolean
}

describe('the demo MQTT broker at /mqtt', () => {
  const server = useTestServer({ env: { PLANT_SENSORS_INTERVAL_MS: '30' } })
  const clients: MqttClient[] = []
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.endAsync(true)))
  })

  async function subscribe(filters: string[]): Promise<{ client: MqttClient; received: Received[] }> {
    const client = await connectAsync(`${server.ws}/mqtt`, { reconnectPeriod: 0, connectTimeout: 20_000 })
    clients.push(client)
    const received: Received[] = []
    client.on('message', (topic, payload, packet) =>
      received.push({ topic, payload: JSON.parse(payload.toString()), retained: packet.retain }),
    )
    await client.subscribeAsync(filters)
    return { client, received }
  }

  it('publishes each plant’s temperature and status on its own topics', async () => {
    const { received } = await subscribe(['plant/+/temperature', 'plant/+/status'])
    const readings = (id: string, kind: string) => received.filter((m) => m.topic === `plant/${id}/${kind}`)
    await waitFor(
      () => PLANT_IDS.every((id) => readings(id, 'temperature').length >= 3 && readings(id, 'status').length >= 2),
      'three temperatures and two statuses of every plant',
      30_000,
    )
    for (const id of PLANT_IDS) {
      for (const { payload } of readings(id, 'temperature')) {
        expect(Object.keys(payload).sort()).toEqual(['celsius', 'id', 'time'])
        expect(payload.id).toBe(id)
        expect(typeof payload.celsius).toBe('number')
        expect(Math.abs((payload.time as number) - Date.now())).toBeLessThan(60_000)
      }
      for (const { payload } of readings(id, 'status')) {
        expect(Object.keys(payload).sort()).toEqual(['id', 'moisture', 'state', 'time'])
        expect(payload.id).toBe(id)
        expect(['ok', 'dry', 'hot']).toContain(payload.state)
        expect(payload.moisture).toBeGreaterThanOrEqual(0)
        expect(payload.moisture).toBeLessThanOrEqual(100)
      }
    }
  })

  it('gives a new subscriber every plant’s latest reading at once (retained)', async () => {
    await subscribe(['plant/#'])
    const { received } = await subscribe(['plant/+/status'])
    const retained = () => new Set(received.filter((m) => m.retained).map((m) => m.payload.id))
    await waitFor(() => retained().size === PLANT_IDS.length, 'a retained status of every plant')
    expect(retained()).toEqual(new Set(PLANT_IDS))
  })

  it('refuses a client’s PUBLISH by closing its connection: the sensors are the only source', async () => {
    const { client } = await subscribe(['plant/+/status'])
    const closed = new Promise((resolve) => client.once('close', resolve))
    client.publish('plant/basil/status', JSON.stringify({ id: 'basil', state: 'hot' }))
    await closed
    expect(client.connected).toBe(false)
  })

  it('refuses an upgrade from another site’s page with 4403', async () => {
    const socket = connectClient(`${server.ws}/mqtt`, { protocols: ['mqtt'], origin: 'https://evil.example' })
    expect((await socket.closedPromise).code).toBe(4403)
  })
})

it('stops with the server: its clients are closed with 1001 and the close completes', async () => {
  const server = await startServer({ PLANT_SENSORS_INTERVAL_MS: '30' })
  const socket = connectClient(`${server.ws}/mqtt`, { protocols: ['mqtt'] })
  await socket.opened
  await server.close()
  expect((await socket.closedPromise).code).toBe(1001)
})

it('counts against the server’s connection cap like every WebSocket route (1013 over it)', async () => {
  const server = await startServer({ WS_MAX_CONNECTIONS_PER_CLIENT: '1' })
  try {
    const first = connectClient(`${server.ws}/mqtt`, { protocols: ['mqtt'] })
    await first.opened
    const second = connectClient(`${server.ws}/mqtt`, { protocols: ['mqtt'] })
    expect((await second.closedPromise).code).toBe(1013)
    first.ws.close()
    await first.closedPromise
  } finally {
    await server.close()
  }
})

it('is off with PLANT_SENSORS=0: /mqtt is not a WebSocket route', async () => {
  const server = await startServer({ PLANT_SENSORS: '0' })
  try {
    const response = await fetch(`${server.http}/mqtt`)
    expect(response.status).toBe(404)
  } finally {
    await server.close()
  }
})

describe('the simulated plant sensors', () => {
  it('send one temperature per plant each tick and a status every few ticks, within bounds', () => {
    let seed = 7
    const random = () => {
      seed = (seed * 16807) % 2147483647
      return seed / 2147483647
    }
    const sensors = new PlantSensors(random)
    const states = new Set<string>()
    for (let tick = 0; tick < 300; tick++) {
      const messages = sensors.tick(1_700_000_000_000 + tick * 1000)
      const statuses = messages.filter((m) => m.topic.endsWith('/status'))
      expect(messages.length - statuses.length).toBe(PLANT_IDS.length)
      expect(statuses.length).toBe(tick % STATUS_EVERY === 0 ? PLANT_IDS.length : 0)
      for (const { payload } of statuses) if ('state' in payload) states.add(payload.state)
    }
    // Over five minutes the soil dries and is watered: a gardener sees more than one state.
    expect(states.has('ok')).toBe(true)
    expect(states.has('dry')).toBe(true)
  })

  it('reads dry before hot', () => {
    expect(plantState(HOT_CELSIUS + 1, DRY_MOISTURE - 1)).toBe('dry')
    expect(plantState(HOT_CELSIUS + 1, DRY_MOISTURE)).toBe('hot')
    expect(plantState(HOT_CELSIUS, DRY_MOISTURE)).toBe('ok')
  })
})
