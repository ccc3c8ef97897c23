import { Aedes } from 'aedes'
import { createWebSocketStream, type WebSocket } from 'ws'
import { CloseCodes, closeReason, SLOW_READER_REASON } from '../limits/index.js'
import { type ReplayOptions, replayMessages } from './mock-replay.js'
import type { MockMessage, MockSession } from './mock-session.js'

type PublishPacket = Parameters<Aedes['publish']>[0]

/** A recorded MQTT payload as bytes: binary ones from base64, text ones as UTF-8. */
const payloadOf = (message: MockMessage) => Buffer.from(message.data, message.binary ? 'base64' : 'utf8')

/**
 * Replays a recorded MQTT session as an MQTT broker over this WebSocket (`aedes`, the broker the demo
 * plant sensors use): one broker per connection, so clients never see each other. The replay starts
 * with the client's first SUBSCRIBE (a message published before it would reach no one) and publishes
 * each message to the topic it was recorded on, QoS 0, not retained; the client's own topic filters
 * route it as the live broker's did. The client may publish too; only it hears that.
 */
export async function replayMqtt(
  socket: WebSocket,
  session: MockSession,
  options: ReplayOptions,
  maxBufferedBytes: number,
): Promise<void> {
  const broker = await Aedes.createBroker()
  let stop: (() => void) | undefined
  // The last publish, so the socket closes only once every message was handed to it.
  let published = Promise.resolve()
  const stream = createWebSocketStream(socket)
  stream.on('error', () => {}) // a dropped socket ends the client; aedes cleans up on close
  const flushed = () =>
    new Promise<void>((resolve) => (stream.writableLength === 0 ? resolve() : stream.once('drain', resolve)))
  const closeBroker = () => {
    stop?.()
    broker.close()
  }
  socket.once('close', closeBroker)
  if (socket.readyState !== socket.OPEN) return closeBroker()

  broker.on('subscribe', (_subscriptions, client) => {
    if (stop !== undefined || client === null) return
    stop = replayMessages(session.messages, options, {
      send: (message) => {
        const packet = { cmd: 'publish', topic: message.channel, payload: payloadOf(message), qos: 0, retain: false }
        published = new Promise((resolve) =>
          broker.publish({ ...packet, dup: false } as PublishPacket, () => resolve()),
        )
        // aedes writes without asking: a client that stopped reading is closed before the server's limit.
        if (socket.bufferedAmount > maxBufferedBytes)
          socket.close(CloseCodes.TRY_LATER, closeReason(SLOW_READER_REASON))
      },
      end: () => void published.then(flushed).then(() => socket.close(CloseCodes.NORMAL, 'end of the recording')),
    })
  })
  broker.handle(stream)
}
