import { ErrorCodes, TetherError } from '../../errors.js'
import type { ConnectContext, ProtocolConnection, ProtocolEvents, ProtocolFailure } from '../adapter.js'
import type { ChannelDefinition } from '../channels.js'
import { closeInfoOf, createSocket, OPEN } from '../socket.js'
import type { GraphqlDialect } from './dialect.js'
import { legacyRefusal } from './legacy.js'
import { errorText, operationOf, resultErrors, resultRecord } from './result.js'

/** Operations started by `send()` that may be running at once; beyond it a send is refused. */
export const MAX_SENT_OPERATIONS = 100

export interface GraphqlServiceSettings {
  readonly dialect: GraphqlDialect
  readonly connectionParams: Record<string, unknown> | undefined
  readonly channels: readonly ChannelDefinition[]
  readonly subprotocols: readonly string[] | undefined
}

/**
 * One GraphQL-over-WebSocket connection: connection_init with the connection params, every channel
 * subscribed once the server acknowledges (the channel's name is its operation id), each result
 * delivered on its channel. The dialect frames the messages of one of the two protocols.
 */
export function connectGraphql(
  settings: GraphqlServiceSettings,
  context: ConnectContext,
  events: ProtocolEvents,
): ProtocolConnection {
  const { dialect } = settings
  const socket = createSocket(context.WebSocket, context.url, settings.subprotocols ?? [dialect.subprotocol])
  /** Running operations started by send(): operation id → the channel their results go to. */
  const sent = new Map<string, string | undefined>()
  let nextSendId = 0
  let acknowledged = false
  let ended = false
  let failure: ProtocolFailure | undefined

  const fail = (error: TetherError, retryable: boolean) => {
    failure ??= { error, retryable }
    socket.close(1000, error.code)
  }
  const channelOf = (id: string): { known: boolean; channel: string | undefined } => {
    if (settings.channels.some((channel) => channel.name === id)) return { known: true, channel: id }
    return sent.has(id) ? { known: true, channel: sent.get(id) } : { known: false, channel: undefined }
  }

  socket.onopen = () => socket.send(dialect.init(settings.connectionParams))
  socket.onmessage = (event: { data?: unknown }) => {
    const message = dialect.read(event.data)
    switch (message.kind) {
      case 'ack':
        if (acknowledged) return
        acknowledged = true
        for (const { name, query, variables } of settings.channels) {
          socket.send(
            dialect.subscribe(
              name,
              variables === undefined ? { query: query ?? '' } : { query: query ?? '', variables },
            ),
          )
        }
        events.opened(event)
        return
      case 'refused':
        fail(legacyRefusal(message.payload), false)
        return
      case 'result': {
        const { known, channel } = channelOf(message.id)
        if (!known) return events.alive()
        const errors = resultErrors(message.payload, channel ?? message.id)
        if (errors !== undefined) events.problem(errors)
        const record = resultRecord(message.payload)
        if (record === undefined) events.alive()
        else events.received(record, channel, message.payload)
        return
      }
      case 'error': {
        const text = `Subscription '${message.id}' failed: ${errorText(message.payload)}`
        sent.delete(message.id)
        events.problem(new TetherError(ErrorCodes.SUBSCRIPTION_FAILED, text))
        return
      }
      case 'complete':
        sent.delete(message.id)
        events.alive()
        return
      case 'ping':
        socket.send(message.reply)
        events.alive()
        return
      case 'alive':
        events.alive()
        return
      case 'invalid':
        events.problem(new TetherError(ErrorCodes.PROTOCOL_ERROR, `Skipped ${message.reason}.`))
        return
    }
  }
  socket.onerror = () => {}
  socket.onclose = (event) => {
    if (ended) return
    ended = true
    const info = closeInfoOf(event)
    events.closed(info, failure ?? (acknowledged ? undefined : dialect.refusedBy(info)))
  }

  return {
    get writable() {
      return acknowledged && socket.readyState === OPEN
    },
    send(message, channel) {
      const operation = operationOf(message)
      if (sent.size >= MAX_SENT_OPERATIONS) {
        throw new TetherError(
          ErrorCodes.SEND_FAILED,
          `${MAX_SENT_OPERATIONS} operations sent on this connection are still running; wait for them to complete.`,
        )
      }
      const id = `send-${++nextSendId}`
      sent.set(id, channel)
      socket.send(dialect.subscribe(id, operation))
    },
    close(reason) {
      if (socket.readyState === OPEN) {
        if (acknowledged) for (const { name } of settings.channels) socket.send(dialect.stop(name))
        if (dialect.goodbye !== undefined) socket.send(dialect.goodbye)
      }
      socket.close(1000, reason)
    },
    terminate() {
      if (socket.terminate) socket.terminate()
      else socket.close(1000, 'terminated')
    },
  }
}
