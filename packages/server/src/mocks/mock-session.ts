import { IDENTIFIER_RULE, isIdentifier } from '@tether/core'
import { z } from 'zod'
import { ApiError, ApiErrorCodes, type ApiErrorDetail, zodIssuesToDetails } from '../errors/index.js'

/** Most messages one recording may hold; the studio stops recording there. */
export const MAX_MOCK_MESSAGES = 10_000
/** Largest mock file accepted over the API (the default body limit is 1 MiB). */
export const MAX_MOCK_BYTES = 8 * 1024 * 1024

/** One recorded frame: when it arrived (ms after the recording started) and what it held. */
export interface MockMessage {
  at: number
  /** The text of a text frame, or the base64 of a binary frame. */
  data: string
  binary?: true
}

/** A recorded session of a WebSocket service, replayed by `/websocket/mock/<project>/<mock>`. */
export interface MockSession {
  /** The service it was recorded from. */
  service: string
  /** When it was recorded (ISO 8601 text or epoch ms). */
  recordedAt: string | number
  messages: MockMessage[]
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

const mockSessionSchema = z.strictObject({
  service: z.string().refine(isIdentifier, `use the service name. ${IDENTIFIER_RULE}`),
  recordedAt: z.union([z.string().min(1), z.number().int().nonnegative()]),
  messages: z
    .array(
      z.strictObject({
        at: z.number().finite().nonnegative(),
        data: z.string(),
        binary: z.literal(true).optional(),
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
  })
  if (details.length > 0)
    throw new ApiError(400, ApiErrorCodes.VALIDATION_FAILED, 'The mock session is invalid.', { details })
  const { service, recordedAt, messages } = parsed.data
  return {
    service,
    recordedAt,
    messages: messages.map(({ at, data, binary }) => (binary ? { at, data, binary } : { at, data })),
  }
}
