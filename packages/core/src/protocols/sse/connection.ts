import { createParser, type EventSourceMessage } from 'eventsource-parser'
import { ErrorCodes, TetherError } from '../../errors.js'
import type { ConnectContext, ProtocolConnection, ProtocolEvents, ProtocolFailure } from '../adapter.js'
import { parseMessage } from '../parse-message.js'
import type { CloseInfo } from '../socket.js'
import type { SseOptions } from './definition.js'
import { requestBodyText, responseFailure } from './response.js'

/** Characters one event may buffer before it is complete; a stream that never ends an event is cut off. */
export const MAX_EVENT_CHARS = 1_048_576

/** A variable's SSE session across its connections: the options, the channels and the last event id. */
export interface SseSession {
  readonly options: SseOptions
  /** Declared event names; none declared = every event is taken. */
  readonly channels: ReadonlySet<string>
  /** The `id:` of the last event received, sent back as Last-Event-ID on the next connection. */
  lastEventId: string | undefined
}

/**
 * One SSE connection: a streaming `fetch` (so headers and POST are possible, unlike EventSource) whose
 * body is parsed by the maintained `eventsource-parser`. Each event is a message on the channel named by
 * its `event:` field (`message` when it has none). The stream ending is a lost connection: the variable
 * reconnects and the server resumes after Last-Event-ID.
 */
export function connectSse(session: SseSession, context: ConnectContext, events: ProtocolEvents): ProtocolConnection {
  const abort = new AbortController()
  let ended = false
  const end = (info: CloseInfo, failure?: ProtocolFailure) => {
    if (ended) return
    ended = true
    abort.abort()
    events.closed(info, failure)
  }
  const lost = (reason: string) => end({ code: 1006, reason, wasClean: false })

  const headers: Record<string, string> = { Accept: 'text/event-stream', 'Cache-Control': 'no-cache' }
  Object.assign(headers, session.options.headers)
  if (session.lastEventId !== undefined) headers['Last-Event-ID'] = session.lastEventId
  const method = session.options.method ?? 'GET'
  const body = method === 'POST' ? requestBodyText(context.requestBody) : undefined
  if (body !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = typeof context.requestBody === 'string' ? 'text/plain' : 'application/json'
  }

  const onEvent = (event: EventSourceMessage) => {
    if (event.id !== undefined) session.lastEventId = event.id === '' ? undefined : event.id
    const channel = event.event ?? 'message'
    if (session.channels.size > 0 && !session.channels.has(channel)) events.alive()
    else events.received(parseMessage(event.data), channel, event.data)
  }
  const parser = createParser({
    onEvent,
    onComment: () => events.alive(),
    maxBufferSize: MAX_EVENT_CHARS,
    onError: (error) => {
      if (error.type !== 'max-buffer-size-exceeded') return // unknown fields and bad retry values are skipped, as EventSource does
      const message = `An event from ${context.url} exceeded ${MAX_EVENT_CHARS} characters; the stream was cut off.`
      end(
        { code: 1009, reason: 'event too large', wasClean: false },
        {
          error: new TetherError(ErrorCodes.PROTOCOL_ERROR, message),
          retryable: true,
        },
      )
    },
  })

  const read = async () => {
    const response = await fetch(context.url, { method, headers, body, signal: abort.signal, cache: 'no-store' })
    const failure = responseFailure(response, context.url)
    if (failure !== undefined) {
      void response.body?.cancel().catch(() => {})
      end({ code: 1000, reason: `HTTP ${response.status}`, wasClean: true }, failure)
      return
    }
    events.opened(response)
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    const decoder = new TextDecoder() // UTF-8, as the SSE format requires; `stream` keeps split characters whole
    while (!ended) {
      const { done, value } = await reader.read()
      if (done) return lost('the server ended the stream')
      parser.feed(decoder.decode(value, { stream: true }))
    }
  }
  // Failures become the connection's end, never a rejection: aborting on purpose lands here too.
  read().catch((cause: unknown) => lost(cause instanceof Error ? cause.message : String(cause)))

  return {
    writable: false,
    send() {
      throw new TetherError(ErrorCodes.SEND_FAILED, 'An SSE service only receives.')
    },
    close: (reason) => end({ code: 1000, reason, wasClean: true }),
    terminate: () => end({ code: 1006, reason: 'terminated', wasClean: false }),
  }
}
