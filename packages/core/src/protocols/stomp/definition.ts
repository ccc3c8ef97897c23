import * as z from 'zod'
import { channelName, channelSchema, headerRecord } from '../channel-schema.js'

/** Options of a `stomp` service (STOMP 1.0–1.2 over a WebSocket). */
export interface StompOptions {
  /** CONNECT `login`. Defaults to none. */
  login?: string
  /** CONNECT `passcode`. Defaults to none. */
  passcode?: string
  /** CONNECT `host` (the virtual host, e.g. RabbitMQ's `/`). Defaults to none: the broker's default virtual host (RabbitMQ refuses a host it does not know). */
  host?: string
  /** Extra CONNECT headers. Defaults to none. */
  headers?: Record<string, string>
}

const line = (field: string) =>
  z.string({ error: `${field} must be a string.` }).regex(/^[^\r\n\0]*$/, { error: `${field} must be one line.` })

export const stompOptionsSchema = z.strictObject(
  {
    login: line('login').optional(),
    passcode: line('passcode').optional(),
    host: line('host').optional(),
    headers: headerRecord('headers').optional(),
  },
  { error: 'protocolOptions of a stomp service must be an object like { "login": "guest" }.' },
)

export const stompChannelSchema = channelSchema(channelName('a destination', '/topic/prices'), {
  headers: headerRecord('headers').optional(),
})
