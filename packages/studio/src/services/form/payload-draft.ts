import type { PayloadFormat, WebSocketServiceDefinition } from '@tether/core'

/** What the "Payload format" field edits: the format and, for Protocol Buffers, the `.proto` and its type. */
export interface PayloadDraft {
  format: PayloadFormat
  /** The uploaded `.proto` source; kept when another format is chosen, so switching back loses nothing. */
  proto: string
  messageType: string
}

export const emptyPayloadDraft = (): PayloadDraft => ({ format: 'json', proto: '', messageType: '' })

export function definitionToPayloadDraft(definition: WebSocketServiceDefinition): PayloadDraft {
  return {
    format: definition.payloadFormat ?? 'json',
    proto: definition.protobuf?.proto ?? '',
    messageType: definition.protobuf?.messageType ?? '',
  }
}

/** The definition's payload fields; JSON (the default) writes none, so files stay as they were. */
export function payloadDraftToDefinition(
  draft: PayloadDraft,
): Pick<WebSocketServiceDefinition, 'payloadFormat' | 'protobuf'> {
  if (draft.format === 'json') return {}
  if (draft.format !== 'protobuf') return { payloadFormat: draft.format }
  return { payloadFormat: 'protobuf', protobuf: { proto: draft.proto, messageType: draft.messageType } }
}
