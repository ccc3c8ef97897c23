import * as z from 'zod'
import { channelName, channelSchema, headerRecord } from '../channel-schema.js'

/** Options of an `sse` service (Server-Sent Events, read with a streaming fetch). */
export interface SseOptions {
  /** `POST` sends the bound RequestBody as the request body. Defaults to `GET`. */
  method?: 'GET' | 'POST'
  /** Extra request headers (e.g. `Authorization`). Defaults to none. */
  headers?: Record<string, string>
}

export const sseOptionsSchema = z.strictObject(
  {
    method: z.enum(['GET', 'POST'], { error: 'method must be "GET" or "POST".' }).optional(),
    headers: headerRecord('headers').optional(),
  },
  { error: 'protocolOptions of an sse service must be an object like { "headers": {} }.' },
)

export const sseChannelSchema = channelSchema(channelName('an event name', 'message'))
