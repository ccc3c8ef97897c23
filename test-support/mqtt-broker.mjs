// An embedded MQTT broker (aedes) with a WebSocket listener on a free loopback port, for tests and
// benchmarks: Debian's Mosquitto has no WebSocket listener, and a real broker beats a mock.
import { Aedes } from 'aedes'
import { createWebSocketStream, WebSocketServer } from 'ws'

/**
 * @typedef {{ clientId: string, username: string | undefined, password: string | undefined }} MqttLogin
 * @typedef {{
 *   url: string,
 *   port: number,
 *   broker: import('aedes').Aedes,
 *   logins: MqttLogin[],
 *   publish(topic: string, payload: string | Buffer, options?: { qos?: 0 | 1, retain?: boolean }): Promise<void>,
 *   dropClients(): void,
 *   close(): Promise<void>,
 * }} MqttBroker
 */

/**
 * Starts aedes behind a `ws` WebSocketServer speaking the `mqtt` subprotocol at `ws://127.0.0.1:<port>/mqtt`.
 * With `credentials`, only that username and password may connect (CONNACK 4 otherwise); every
 * attempt is recorded in `logins`, with what the broker really received.
 *
 * @param {{ credentials?: { username: string, password: string } }} [options]
 * @returns {Promise<MqttBroker>}
 */
export async function startMqttBroker(options = {}) {
  const broker = await Aedes.createBroker()
  /** @type {MqttLogin[]} */
  const logins = []
  broker.authenticate = (client, username, password, done) => {
    const login = { clientId: client.id, username, password: password?.toString() }
    logins.push(login)
    const wanted = options.credentials
    if (!wanted || (login.username === wanted.username && login.password === wanted.password)) return done(null, true)
    const error = Object.assign(new Error('bad username or password'), { returnCode: 4 })
    done(error, false)
  }
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    handleProtocols: (protocols) => (protocols.has('mqtt') ? 'mqtt' : false),
  })
  wss.on('connection', (socket) => {
    const stream = createWebSocketStream(socket)
    stream.on('error', () => {}) // a dropped socket ends the client; aedes cleans up on close
    broker.handle(stream)
  })
  await new Promise((resolve) => wss.once('listening', resolve))
  const port = /** @type {import('node:net').AddressInfo} */ (wss.address()).port
  return {
    url: `ws://127.0.0.1:${port}/mqtt`,
    port,
    broker,
    logins,
    publish: (topic, payload, { qos = 0, retain = false } = {}) =>
      new Promise((resolve, reject) =>
        broker.publish({ cmd: 'publish', topic, payload: Buffer.from(payload), qos, retain, dup: false }, (error) =>
          error ? reject(error) : resolve(),
        ),
      ),
    /** Cuts every client's socket without a close frame, as a network drop would. */
    dropClients() {
      for (const socket of wss.clients) socket.terminate()
    },
    async close() {
      for (const socket of wss.clients) socket.terminate()
      await new Promise((resolve) => wss.close(() => resolve(undefined)))
      await new Promise((resolve) => broker.close(() => resolve(undefined)))
    },
  }
}
