import { Client, type IFrame, type IMessage } from '@stomp/stompjs'
import { ErrorCodes, TetherError } from '../../errors.js'
import type { ProtocolAdapter, ProtocolFailure, ProtocolModule, ProtocolServiceInfo } from '../adapter.js'
import { decodePayload, encodeBody } from '../bytes.js'
import { closeInfoOf, createSocket } from '../socket.js'
import { PROTOCOL_SUBPROTOCOLS } from '../subprotocols.js'
import type { StompOptions } from './definition.js'

/**
 * STOMP heart-beats asked for in both directions. They are the protocol's keep-alive: received ones count
 * as traffic for the variable's heartbeat, and a broker silent for longer drops the socket (the variable
 * then reconnects with its backoff).
 */
const HEARTBEAT_MS = 10_000

const brokerMessage = (frame: IFrame) => frame.headers.message ?? (frame.body || 'no reason given')

/**
 * STOMP 1.0–1.2 over a WebSocket, framed by @stomp/stompjs. Each channel is a destination, subscribed
 * once the broker answered CONNECTED (the variable is open when the broker confirmed them); its MESSAGEs
 * carry the channel's name. `send(message, channel)` SENDs to that destination (default: the first
 * channel). The client's own reconnect is off (`reconnectDelay: 0`) and its connect timeout too: the
 * variable decides both. An ERROR instead of
 * CONNECTED is a refused login (TETHER_AUTH_FAILED, not retried); an ERROR later ends the connection
 * as TETHER_PROTOCOL_ERROR (retried with backoff). There is no resume: messages sent to a topic while
 * away are lost (a durable queue keeps them on the broker).
 */
export function createAdapter(service: ProtocolServiceInfo): ProtocolAdapter {
  const options = (service.protocolOptions ?? {}) as StompOptions
  const connectHeaders: Record<string, string> = { ...options.headers }
  if (options.login !== undefined) connectHeaders.login = options.login
  if (options.passcode !== undefined) connectHeaders.passcode = options.passcode
  // Brokers read `host` as the virtual host (RabbitMQ refuses an unknown one), so it is sent only when set.
  if (options.host !== undefined) connectHeaders.host = options.host

  return {
    connect(context, events) {
      // Created here so that a bad URL throws from connect(), not later inside the client.
      const socket = createSocket(context.WebSocket, context.url, service.subprotocols ?? PROTOCOL_SUBPROTOCOLS.stomp)
      let connected = false
      let failure: ProtocolFailure | undefined
      let ended = false
      const client = new Client({
        webSocketFactory: () => socket,
        connectHeaders,
        reconnectDelay: 0,
        connectionTimeout: 0,
        heartbeatIncoming: HEARTBEAT_MS,
        heartbeatOutgoing: HEARTBEAT_MS,
        debug: () => {},
      })
      // Open once the broker confirmed the last SUBSCRIBE (a receipt): a message sent after open() resolves arrives.
      client.onConnect = (frame) => {
        connected = true
        const last = service.channels.length - 1
        if (last < 0) return events.opened(frame)
        service.channels.forEach((channel, index) => {
          const headers: Record<string, string> = { ...channel.headers }
          if (index === last) {
            headers.receipt = `tether-subscribed-${channel.name}`
            client.watchForReceipt(headers.receipt, () => events.opened(frame))
          }
          const onMessage = (message: IMessage) =>
            events.received(decodePayload(message.binaryBody, service.payloadFormat), channel.name, message)
          client.subscribe(channel.name, onMessage, headers)
        })
      }
      client.onStompError = (frame) => {
        const why = brokerMessage(frame)
        failure = connected
          ? {
              error: new TetherError(ErrorCodes.PROTOCOL_ERROR, `The STOMP broker ended the connection: ${why}`),
              retryable: true,
            }
          : {
              error: new TetherError(
                ErrorCodes.AUTH_FAILED,
                `The STOMP broker refused the connection: ${why}; check login and passcode.`,
              ),
              retryable: false,
            }
        // After an ERROR the connection is over (STOMP 1.2), but brokers may leave the socket open (RabbitMQ does).
        socket.close(1000, 'STOMP ERROR')
      }
      client.onHeartbeatReceived = () => events.alive()
      client.onWebSocketClose = (event) => {
        if (ended) return
        ended = true
        void client.deactivate({ force: true })
        events.closed(closeInfoOf(event), failure)
      }
      client.activate()
      return {
        get writable() {
          return client.connected
        },
        send(message, channel) {
          const destination = channel ?? service.channels[0]?.name
          if (destination === undefined) {
            throw new TetherError(ErrorCodes.SEND_FAILED, 'A STOMP message needs a destination: send it to a channel.')
          }
          const body = encodeBody(message)
          try {
            if ('bytes' in body) client.publish({ destination, binaryBody: body.bytes })
            else
              client.publish({
                destination,
                body: body.text,
                headers: body.json ? { 'content-type': 'application/json' } : {},
              })
          } catch (cause) {
            throw new TetherError(ErrorCodes.SEND_FAILED, `The STOMP SEND to ${destination} failed: ${String(cause)}`, {
              cause,
            })
          }
        },
        close: () => void client.deactivate(),
        terminate: () => void client.deactivate({ force: true }),
      }
    },
  }
}

export const stompProtocol: ProtocolModule = { createAdapter }
