import type { MockMessage } from '../api/studio-api.js'

/** Rows shown at once in a mock's message table; the filter narrows the rest down. */
export const MOCK_ROWS_SHOWN = 200

/** The channels a mock's messages came on, in order of first appearance. */
export function channelsOf(messages: readonly MockMessage[]): string[] {
  return [...new Set(messages.flatMap((m) => (m.channel === undefined ? [] : [m.channel])))]
}

/** The messages of one channel (all of them for `null`), with their index in the recording. */
export function messagesOn(
  messages: readonly MockMessage[],
  channel: string | null,
): { index: number; message: MockMessage }[] {
  return messages.flatMap((message, index) =>
    channel === null || message.channel === channel ? [{ index, message }] : [],
  )
}
