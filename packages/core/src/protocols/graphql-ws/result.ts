import { ErrorCodes, TetherError } from '../../errors.js'

/** A GraphQL execution result as both protocols carry it in `next` / `data` messages. */
interface ExecutionResult {
  data?: unknown
  errors?: unknown
}

/**
 * The record a subscription's result becomes: its `data`, with a single root field unwrapped
 * (`{ tick: { n: 1 } }` → `{ n: 1 }`, as an XML root element is), so a table binds to the fields
 * themselves. Undefined when the result carries no data.
 */
export function resultRecord(result: unknown): unknown {
  const data = (result as ExecutionResult | null)?.data
  if (data === null || data === undefined) return undefined
  if (typeof data === 'object' && !Array.isArray(data)) {
    const keys = Object.keys(data)
    if (keys.length === 1) return (data as Record<string, unknown>)[keys[0] as string]
  }
  return data
}

/** The messages of GraphQL errors (`[{ message }]`, or one error object), joined for a coded error. */
export function errorText(errors: unknown): string {
  const list = Array.isArray(errors) ? errors : [errors]
  const messages = list.map((error) => {
    const message = (error as { message?: unknown } | null)?.message
    return typeof message === 'string' ? message : JSON.stringify(error)
  })
  return messages.join('; ')
}

/** The result's errors (a result may carry data and errors at once), as SUBSCRIPTION_FAILED. */
export function resultErrors(result: unknown, channel: string): TetherError | undefined {
  const errors = (result as ExecutionResult | null)?.errors
  if (!Array.isArray(errors) || errors.length === 0) return undefined
  return new TetherError(ErrorCodes.SUBSCRIPTION_FAILED, `Subscription '${channel}' reported: ${errorText(errors)}`)
}

/**
 * What `send(message, channel)` runs: an operation (`{ query, variables?, operationName? }`), e.g. a
 * mutation; its results arrive on `channel`. Throws SEND_FAILED for anything else.
 */
export function operationOf(message: unknown): { query: string; variables?: Record<string, unknown> } {
  const query = (message as { query?: unknown } | null)?.query
  if (typeof query !== 'string' || query.trim() === '') {
    throw new TetherError(
      ErrorCodes.SEND_FAILED,
      'A GraphQL service sends operations: pass { query, variables? }, e.g. { query: "mutation { ping }" }.',
    )
  }
  return message as { query: string; variables?: Record<string, unknown> }
}
