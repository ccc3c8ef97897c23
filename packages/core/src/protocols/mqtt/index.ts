import mqtt, { type ErrorWithReasonCode, type IClientOptions, type ISubscriptionMap } from 'mqtt'
import { ErrorCodes, TetherError } from '../../errors.js'
import type { ProtocolAdapter, ProtocolFailure, ProtocolModule, ProtocolServiceInfo } from '../adapter.js'
import { decodePayload, encodeBody } from '../bytes.js'
import { type CloseInfo, closeInfoOf, type WebSocketLike } from '../socket.js'
import type { MqttOptions } from './definition.js'
import { matchingFilter } from './topic-filter.js'

/** CONNACK codes that mean the login was refused: 3.1.1 return codes 4, 5; MQTT 5 reason codes 0x86, 0x87, 0x8C. */
const LOGIN_REFUSED = new Set([4, 5, 0x86, 0x87, 0x8c])
/** CONNACK codes that cannot change by trying again: bad protocol version, rejected client id (3.1.1 and 5). */
const NOT_RETRYABLE = new Set([1, 2, 0x84, 0x85, 0x8a])

/** Why a CONNACK refused the connection, as the variable's failure; undefined for other errors (the close says). */
function connackFailure(error: Error | ErrorWithReasonCode): ProtocolFailure | undefined {
  const code = (error as Partial<ErrorWithReasonCode>).code
  if (typeof code !== 'number') return undefined
  if (LOGIN_REFUSED.has(code)) {
    const message = `The MQTT broker refused the login (CONNACK ${code}); check username and password.`
    return { error: new TetherError(ErrorCodes.AUTH_FAILED, message), retryable: false }
  }
  const message = `The MQTT broker refused the connection (CONNACK ${code}: ${error.message}).`
  return { error: new TetherError(ErrorCodes.PROTOCOL_ERROR, message), retryable: !NOT_RETRYABLE.has(code) }
}

/**
 * MQTT 3.1.1 or 5 over a WebSocket, spoken by MQTT.js (`mqtt`) with its own reconnect off
 * (`reconnectPeriod: 0`): the variable reconnects. Channels are topic filters (`+`, `#`), subscribed
 * after CONNACK with their QoS (default `protocolOptions.qos`, else 0) — the variable is open once SUBACK
 * granted them; a message carries the first
 * declared filter that matches its topic. `send(message, channel)` PUBLISHes to topic `channel` (default:
 * the first channel; a filter with wildcards cannot be published to) with the service's QoS. Resume: with
 * `clean: false` and a fixed `clientId` the broker keeps the session, and QoS 1 messages published while
 * away arrive after the reconnect. The protocol's PINGREQ keep-alive stays MQTT.js's; PINGRESP and acks
 * count as traffic for the variable's heartbeat. In Node, pass `WebSocket` from `ws`.
 */
export function createAdapter(service: ProtocolServiceInfo): ProtocolAdapter {
  const options = (service.protocolOptions ?? {}) as MqttOptions
  const subscriptions: ISubscriptionMap = {}
  for (const channel of service.channels) subscriptions[channel.name] = { qos: channel.qos ?? options.qos ?? 0 }

  return {
    connect(context, events) {
      let failure: ProtocolFailure | undefined
      let closeInfo: CloseInfo | undefined
      let ended = false
      const clientOptions: IClientOptions = {
        protocolVersion: options.protocolVersion ?? 4,
        clean: options.clean ?? true,
        keepalive: options.keepaliveSeconds ?? 60,
        reconnectPeriod: 0,
        resubscribe: false,
        ...(options.clientId !== undefined ? { clientId: options.clientId } : {}),
        ...(options.username !== undefined ? { username: options.username } : {}),
        ...(options.password !== undefined ? { password: options.password } : {}),
        // The variable's URL (proxy, bindings) as is, on the variable's WebSocket implementation.
        createWebsocket: (_url: string, protocols: string[]) => {
          const socket = new context.WebSocket(
            context.url,
            service.subprotocols ? [...service.subprotocols] : protocols,
          )
          ;(
            socket as WebSocketLike & { addEventListener(type: 'close', listener: (event: unknown) => void): void }
          ).addEventListener('close', (event) => {
            closeInfo = closeInfoOf(event)
          })
          return socket
        },
      }
      const client = mqtt.connect(context.url, clientOptions)
      // Open once the broker granted the subscriptions: a message published after open() resolves arrives.
      client.on('connect', (connack) => {
        if (Object.keys(subscriptions).length === 0) return events.opened(connack)
        client.subscribe(subscriptions, (error, granted) => {
          if (error) return // the connection ended meanwhile; 'close' reports it
          for (const grant of granted ?? []) {
            if (grant.qos !== 128) continue
            const message = `The MQTT broker refused the subscription to ${grant.topic}.`
            events.problem(new TetherError(ErrorCodes.SUBSCRIPTION_FAILED, message))
          }
          events.opened(connack)
        })
      })
      client.on('message', (topic, payload, packet) => {
        events.received(
          decodePayload(payload, service.payloadFormat),
          matchingFilter(service.channels, topic)?.name,
          packet,
        )
      })
      client.on('packetreceive', (packet) => {
        if (packet.cmd !== 'publish') events.alive()
      })
      client.on('error', (error) => {
        failure ??= connackFailure(error)
      })
      client.on('close', () => {
        if (ended) return
        ended = true
        client.end(true)
        events.closed(closeInfo ?? { code: 1006, reason: '', wasClean: false }, failure)
      })
      return {
        get writable() {
          return client.connected
        },
        send(message, channel) {
          const topic = channel ?? service.channels[0]?.name
          if (topic === undefined || /[+#]/.test(topic)) {
            const why = topic === undefined ? 'send it to a channel' : `${topic} is a filter; name one topic`
            throw new TetherError(ErrorCodes.SEND_FAILED, `An MQTT message needs a topic: ${why}.`)
          }
          const body = encodeBody(message)
          const payload = 'bytes' in body ? body.bytes : body.text
          client.publish(topic, payload as string, { qos: options.qos ?? 0 }, (error) => {
            if (error)
              events.problem(new TetherError(ErrorCodes.SEND_FAILED, `PUBLISH to ${topic} failed: ${error.message}`))
          })
        },
        close: () => void client.end(false),
        terminate: () => void client.end(true),
      }
    },
  }
}

export const mqttProtocol: ProtocolModule = { createAdapter }
