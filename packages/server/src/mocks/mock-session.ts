import { IDENTIFIER_RULE, isIdentifier, PAYLOAD_FORMATS, type PayloadFormat } from '@tether/core'
import { z } from 'zod'
import { ApiError, ApiErrorCodes, type ApiErrorDetail, zodIssuesToDetails } from '../errors/index.js'

/** Most messages one recording may hold; the studio stops recording there. */
export const MAX_MOCK_MESSAGES = 10_000
/** Largest mock file accepted over the API (the default body limit is 1 MiB). */
export const MAX_MOCK_BYTES = 8 * 1024 * 1024
/** Longest channel name a recorded message may carry (an MQTT topic, a Socket.IO event), in characters. */
export const MAX_MOCK_CHANNEL_CHARS = 1024

/** The protocols a recording replays as: a bare WebSocket, a Socket.IO server or an MQTT broker. */
export const MOCK_PROTOCOLS = ['websocket', 'socket.io', 'mqtt'] as const
export type MockProtocol = (typeof MOCK_PROTOCOLS)[number]

/** One recorded frame: when it arrived (ms after the recording started) and what it held. */
export interface MockMessage {
  at: number
  /** The text of a text frame, or the base64 of a binary frame. */
  data: string
  binary?: true
  /**
   * The channel it arrived on, for a protocol session: the Socket.IO event, or the MQTT topic it was
   * published to (a topic, not a filter: the replay publishes to it and the client's filters route it).
   */
  channel?: string
}

/** A recorded session of a WebSocket service, replayed by `/websocket/mock/<project>/<mock>`. */
export interface MockSession {
  /** The service it was recorded from. */
  service: string
  /** When it was recorded (ISO 8601 text or epoch ms). */
  recordedAt: string | number
  /** What the replay speaks: a Socket.IO session replays as a Socket.IO server. Defaults to `websocket`. */
  protocol?: MockProtocol
  /** How the service encodes its messages (binary ones are kept as base64), as its definition says. */
  payloadFormat?: PayloadFormat
  messages: MockMessage[]
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

const mockSessionSchema = z.strictObject({
  service: z.string().refine(isIdentifier, `use the service name. ${IDENTIFIER_RULE}`),
  recordedAt: z.union([z.string().min(1), z.number().int().nonnegative()]),
  protocol: z.enum(MOCK_PROTOCOLS, { error: `protocol must be one of ${MOCK_PROTOCOLS.join(', ')}.` }).optional(),
  payloadFormat: z
    .enum(PAYLOAD_FORMATS, { error: `payloadFormat must be one of ${PAYLOAD_FORMATS.join(', ')}.` })
    .optional(),
  messages: z
    .array(
      z.strictObject({
        at: z.number().finite().nonnegative(),
        data: z.string(),
        binary: z.literal(true).optional(),
        channel: z.string().min(1).max(MAX_MOCK_CHANNEL_CHARS).optional(),
      }),
    )
    .max(MAX_MOCK_MESSAGES),
})

/**
 * Checks a mock session and returns it with its keys in file order. Messages must be in recording order
 * and binary data valid base64; every problem is reported with its path (e.g. `body.messages.3.at`).
 */
export function parseMockSession(input: unknown, prefix = 'body'): MockSession {
  const parsed = mockSessionSchema.safeParse(input)
  if (!parsed.success) {
    throw new ApiError(400, ApiErrorCodes.VALIDATION_FAILED, 'The mock session is invalid.', {
      details: zodIssuesToDetails(prefix, parsed.error.issues),
    })
  }
  const details: ApiErrorDetail[] = []
  let previous = 0
  parsed.data.messages.forEach((message, i) => {
    if (message.at < previous)
      details.push({ path: `${prefix}.messages.${i}.at`, message: 'Messages must be in the order they arrived.' })
    previous = Math.max(previous, message.at)
    if (message.binary && !BASE64.test(message.data))
      details.push({ path: `${prefix}.messages.${i}.data`, message: 'Binary data must be base64.' })
    const problem = channelProblem(parsed.data.protocol ?? 'websocket', message.channel)
    if (problem) details.push({ path: `${prefix}.messages.${i}.channel`, message: problem })
  })
  if (details.length > 0)
    throw new ApiError(400, ApiErrorCodes.VALIDATION_FAILED, 'The mock session is invalid.', { details })
  const { service, recordedAt, protocol, payloadFormat, messages } = parsed.data
  return {
    service,
    recordedAt,
    ...(protocol ? { protocol } : {}),
    ...(payloadFormat ? { payloadFormat } : {}),
    messages: messages.map(({ at, data, binary, channel }) => ({
      at,
      data,
      ...(binary ? { binary } : {}),
      ...(channel !== undefined ? { channel } : {}),
    })),
  }
}

/** Why a message's channel cannot be replayed by this protocol, or undefined. */
function channelProblem(protocol: MockProtocol, channel: string | undefined): string | undefined {
  if (protocol === 'websocket')
    return channel === undefined ? undefined : 'A WebSocket recording has no channels; remove channel.'
  if (channel === undefined) return `Each message of a ${protocol} recording needs its channel.`
  if (protocol === 'mqtt' && /[+#]/.test(channel))
    return 'An MQTT message is recorded with the topic it was published to, without + or #.'
  return undefined
}
