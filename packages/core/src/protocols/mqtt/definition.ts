import * as z from 'zod'
import { channelName, channelSchema } from '../channel-schema.js'

/** Options of an `mqtt` service (MQTT 3.1.1 or 5 over a WebSocket). */
export interface MqttOptions {
  /** The client identifier; a persistent session (`clean: false`) needs a stable one. Defaults to a random id. */
  clientId?: string
  /** QoS of every subscription that does not set its own. Defaults to 0. */
  qos?: 0 | 1 | 2
  /** Defaults to none. */
  username?: string
  /** Defaults to none. */
  password?: string
  /** Start a new session on each connect; `false` keeps the broker's session (QoS 1 messages queued meanwhile). Defaults to true. */
  clean?: boolean
  /** Keep-alive interval in seconds (PINGREQ). Defaults to 60. */
  keepaliveSeconds?: number
  /** 4 (MQTT 3.1.1) or 5. Defaults to 4. */
  protocolVersion?: 4 | 5
}

const qos = z.union([z.literal(0), z.literal(1), z.literal(2)], { error: 'qos must be 0, 1 or 2.' })

export const mqttOptionsSchema = z.strictObject(
  {
    clientId: z.string({ error: 'clientId must be a string.' }).max(65535).optional(),
    qos: qos.optional(),
    username: z.string({ error: 'username must be a string.' }).optional(),
    password: z.string({ error: 'password must be a string.' }).optional(),
    clean: z.boolean({ error: 'clean must be true or false.' }).optional(),
    keepaliveSeconds: z
      .number({ error: 'keepaliveSeconds must be a number.' })
      .int({ error: 'keepaliveSeconds must be a whole number.' })
      .min(0)
      .max(65535)
      .optional(),
    protocolVersion: z.union([z.literal(4), z.literal(5)], { error: 'protocolVersion must be 4 or 5.' }).optional(),
  },
  { error: 'protocolOptions of an mqtt service must be an object like { "qos": 1 }.' },
)

/**
 * Why `filter` is not a valid MQTT topic filter, or undefined: `#` only as the whole last level, `+` only
 * as a whole level.
 */
export function topicFilterProblem(filter: string): string | undefined {
  const levels = filter.split('/')
  for (const [index, level] of levels.entries()) {
    if (level.includes('#') && (level !== '#' || index !== levels.length - 1))
      return '\'#\' must be a whole level and the last one, e.g. "alerts/#".'
    if (level.includes('+') && level !== '+') return '\'+\' must be a whole level, e.g. "sensors/+/heartrate".'
  }
  return undefined
}

export const mqttChannelSchema = channelSchema(
  channelName('a topic filter', 'sensors/+/heartrate').superRefine((filter, ctx) => {
    const problem = topicFilterProblem(filter)
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem })
  }),
  { qos: qos.optional() },
)
