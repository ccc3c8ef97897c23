import {
  type ChannelDefinition,
  type ChannelInput,
  normalizeChannels,
  type ProtocolOptions,
  type ServiceProtocol,
  type WebSocketServiceDefinition,
} from '@tether/core'

/** The protocol choice as the user reads it. */
export const PROTOCOL_LABELS: Readonly<Record<ServiceProtocol, string>> = {
  websocket: 'Plain WebSocket (JSON/text)',
  'socket.io': 'Socket.IO',
  stomp: 'STOMP',
  mqtt: 'MQTT',
  'graphql-ws': 'GraphQL subscriptions',
  sse: 'Server-Sent Events',
}

/**
 * The option holding the broker password of a protocol. It is never written into the service file: the
 * server keeps it as the service's credentials and the proxy puts it into the CONNECT request.
 */
const PASSWORD_OPTION: Partial<Record<ServiceProtocol, 'passcode' | 'password'>> = {
  stomp: 'passcode',
  mqtt: 'password',
}

/** The option edited as JSON text (Socket.IO `auth`, GraphQL `connectionParams`). */
const JSON_OPTION: Partial<Record<ServiceProtocol, 'auth' | 'connectionParams'>> = {
  'socket.io': 'auth',
  'graphql-ws': 'connectionParams',
}

/** Whether a protocol keeps a broker password on the server (STOMP passcode, MQTT password). */
export const hasPassword = (protocol: ServiceProtocol): boolean => PASSWORD_OPTION[protocol] !== undefined

/** Whether a protocol subscribes to channels (all but bare WebSocket). */
export const hasChannels = (protocol: ServiceProtocol): boolean => protocol !== 'websocket'

/** One channel as the form edits it. */
export interface ChannelRow {
  name: string
  /** GraphQL: the subscription document. */
  query: string
  /** GraphQL: the variables as typed (a JSON object); empty for none. */
  variablesText: string
  /** MQTT: this subscription's QoS; empty for the service's. */
  qos: '' | '0' | '1' | '2'
  /** What the form does not edit (description, samples, schema, STOMP SUBSCRIBE headers), kept as loaded. */
  kept: Omit<ChannelDefinition, 'name' | 'query' | 'variables' | 'qos'>
}

/** A password typed in the form; values are write-only, like secret headers. */
export interface PasswordField {
  /** The new value typed in; empty keeps the stored one. */
  value: string
  /** A password is stored on the server (its value is never shown). */
  stored: boolean
}

/** The protocol part of the service form. */
export interface ProtocolDraft {
  protocol: ServiceProtocol
  /**
   * Each protocol's options as the form edits them (without the password and the JSON option), so that
   * switching the protocol and back loses nothing; only the chosen protocol's are saved.
   */
  options: Partial<Record<ServiceProtocol, Record<string, unknown>>>
  /** Socket.IO `auth` or GraphQL `connectionParams` as typed: a JSON object, empty for none. */
  jsonText: Partial<Record<'auth' | 'connectionParams', string>>
  channels: ChannelRow[]
  password: PasswordField
}

export const emptyProtocolDraft = (protocol: ServiceProtocol = 'websocket'): ProtocolDraft => ({
  protocol,
  options: {},
  jsonText: {},
  channels: [],
  password: { value: '', stored: false },
})

export const emptyChannelRow = (): ChannelRow => ({ name: '', query: '', variablesText: '', qos: '', kept: {} })

const jsonText = (value: unknown) => (value === undefined ? '' : JSON.stringify(value, null, 2))

function channelRow(channel: ChannelDefinition): ChannelRow {
  const { name, query, variables, qos, ...kept } = channel
  return {
    name,
    query: query ?? '',
    variablesText: jsonText(variables),
    qos: qos === undefined ? '' : (String(qos) as ChannelRow['qos']),
    kept,
  }
}

/**
 * The protocol part of a definition as the form edits it. A password found in the file (written by
 * hand) becomes a typed one, so saving moves it to the server and out of the file.
 */
export function definitionToProtocolDraft(
  definition: WebSocketServiceDefinition,
  passwordStored = false,
): ProtocolDraft {
  const protocol = definition.protocol ?? 'websocket'
  const options: Record<string, unknown> = { ...(definition.protocolOptions ?? {}) }
  const draft = emptyProtocolDraft(protocol)
  const passwordKey = PASSWORD_OPTION[protocol]
  let typed = ''
  if (passwordKey !== undefined && typeof options[passwordKey] === 'string') typed = options[passwordKey] as string
  if (passwordKey !== undefined) delete options[passwordKey]
  const jsonKey = JSON_OPTION[protocol]
  if (jsonKey !== undefined) {
    draft.jsonText[jsonKey] = jsonText(options[jsonKey])
    delete options[jsonKey]
  }
  draft.options[protocol] = options
  draft.channels = normalizeChannels(definition.channels).map(channelRow)
  draft.password = { value: typed, stored: passwordStored }
  return draft
}

/** The draft set to a detected protocol, with the options detection found (e.g. GraphQL's `legacy`). */
export function withDetectedProtocol(
  draft: ProtocolDraft,
  detected: { protocol: ServiceProtocol; protocolOptions?: Record<string, unknown> },
): ProtocolDraft {
  const { protocol, protocolOptions } = detected
  return {
    ...draft,
    protocol,
    options: { ...draft.options, [protocol]: { ...draft.options[protocol], ...protocolOptions } },
  }
}

/** The JSON object typed in `text`, undefined when empty, or the reason it is not one. */
export function parseJsonObject(
  text: string,
): { ok: true; value?: Record<string, unknown> } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: true }
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { ok: false, error: 'Enter a JSON object, e.g. {"token": "…"}.' }
    return { ok: true, value: value as Record<string, unknown> }
  } catch (error) {
    return { ok: false, error: `This is not valid JSON: ${(error as Error).message}` }
  }
}

function channelInput(row: ChannelRow, protocol: ServiceProtocol): ChannelInput {
  const channel: ChannelDefinition = { name: row.name.trim(), ...row.kept }
  if (protocol === 'graphql-ws') {
    channel.query = row.query
    const variables = parseJsonObject(row.variablesText)
    if (variables.ok && variables.value !== undefined) channel.variables = variables.value
  }
  if (protocol === 'mqtt' && row.qos !== '') channel.qos = Number(row.qos) as 0 | 1 | 2
  // A channel that is only a name is written as its name, as a hand-written file would have it.
  return Object.keys(channel).length === 1 ? channel.name : channel
}

/**
 * The `protocol`, `protocolOptions` and `channels` a protocol draft saves as (bare WebSocket: none of
 * them). Unparsable JSON is left out here; {@link protocolDraftProblems} reports it before saving.
 */
export function protocolDraftToDefinition(
  draft: ProtocolDraft,
): Pick<WebSocketServiceDefinition, 'protocol' | 'protocolOptions' | 'channels'> {
  const { protocol } = draft
  if (protocol === 'websocket') return {}
  const options: Record<string, unknown> = { ...(draft.options[protocol] ?? {}) }
  const jsonKey = JSON_OPTION[protocol]
  if (jsonKey !== undefined) {
    const parsed = parseJsonObject(draft.jsonText[jsonKey] ?? '')
    if (parsed.ok && parsed.value !== undefined) options[jsonKey] = parsed.value
  }
  const result: Pick<WebSocketServiceDefinition, 'protocol' | 'protocolOptions' | 'channels'> = { protocol }
  if (Object.keys(options).length > 0) result.protocolOptions = options as ProtocolOptions
  if (draft.channels.length > 0) result.channels = draft.channels.map((row) => channelInput(row, protocol))
  return result
}

/** What core cannot check because it never sees it: JSON typed as text, and a password that needs the proxy. */
export function protocolDraftProblems(draft: ProtocolDraft, useProxy: boolean): Record<string, string[]> {
  const problems: Record<string, string[]> = {}
  const { protocol } = draft
  const jsonKey = JSON_OPTION[protocol]
  if (jsonKey !== undefined) {
    const parsed = parseJsonObject(draft.jsonText[jsonKey] ?? '')
    if (!parsed.ok) problems[`protocolOptions.${jsonKey}`] = [parsed.error]
  }
  if (protocol === 'graphql-ws')
    draft.channels.forEach((row, index) => {
      const parsed = parseJsonObject(row.variablesText)
      if (!parsed.ok) problems[`channels[${index}].variables`] = [parsed.error]
    })
  if (hasPassword(protocol) && (draft.password.value !== '' || draft.password.stored) && !useProxy)
    problems.password = [
      'The password is kept on the server and only the proxy can add it: turn on “Run through the proxy”.',
    ]
  return problems
}

/**
 * The credentials change to send to the server's secrets store, or null when the password did not
 * change. A protocol without a password (or a switch away from one) removes a stored password.
 */
export function passwordToSave(draft: ProtocolDraft): { password: string | null } | null {
  if (!hasPassword(draft.protocol)) return draft.password.stored ? { password: null } : null
  return draft.password.value === '' ? null : { password: draft.password.value }
}
