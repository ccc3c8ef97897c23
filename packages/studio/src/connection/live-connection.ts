import { CloseCodes, type WebSocketServiceDefinition } from '@tether/core'
import {
  closeReasonCode,
  explainClose,
  SESSION_ENDED,
  SIGNED_OUT,
  timeoutExplanation,
  urlProblem,
} from './explain-failure.js'
import { toBase64 } from './format-message.js'
import { clearLog, emptyLog, type LiveLog, pauseLog, receiveMessage, resumeLog } from './live-log.js'
import { type DetectedFormat, MessageDecoder } from './message-decoder.js'
import { type DecodedPayload, type LiveMessage, RECORDING_LIMIT } from './message-log.js'
import { openProtocolTransport } from './protocol-transport.js'
import { openSocketTransport } from './socket-transport.js'
import type { TestTransport, TransportHandlers } from './transport.js'

/** One recorded message, as a mock file stores it: time offset from the start of the recording. */
export interface RecordedMessage {
  at: number
  data: string
  binary?: true
}

export type LiveState = 'idle' | 'connecting' | 'open' | 'closed' | 'failed'

export interface LiveSnapshot extends LiveLog {
  state: LiveState
  /** The URL actually opened (the proxy URL when testing through the proxy). */
  url: string | null
  viaProxy: boolean
  /** Binary messages of a service of JSON that look like MessagePack or CBOR (decoded as such); else null. */
  detected: DetectedFormat | null
  /** The last problem that did not end the connection (a refused subscription), in plain words. */
  problem: string | null
  /** What went wrong (or how it closed) in plain words; null while fine. */
  explanation: string | null
  /** The Tether error code the service closed with (`TETHER_…` at the start of the close reason), or null. */
  refusal: string | null
  recording: { startedAt: number; messages: readonly RecordedMessage[]; full: boolean; active: boolean } | null
}

export interface ConnectOptions {
  url: string
  protocols?: string[]
  /** Sent once the socket opens, when non-empty (the service's RequestBody). */
  requestBody?: string
  viaProxy?: boolean
  /** How long the socket may take to open. Defaults to 10 s. */
  timeoutMs?: number
  /**
   * The service being tested: with a `protocol` other than `websocket`, the test speaks it through
   * core's adapter (messages arrive with their channel); its `payloadFormat` decodes binary messages.
   * Defaults to a bare WebSocket of JSON.
   */
  service?: TestedService
}

/** The parts of a service definition (or of the form's draft of one) a test uses. */
export type TestedService = Partial<
  Pick<
    WebSocketServiceDefinition,
    'name' | 'protocol' | 'protocolOptions' | 'channels' | 'subprotocols' | 'payloadFormat' | 'protobuf'
  >
>

const initial: LiveSnapshot = {
  state: 'idle',
  url: null,
  viaProxy: false,
  ...emptyLog(),
  detected: null,
  problem: null,
  explanation: null,
  refusal: null,
  recording: null,
}

/**
 * Asks the server why a URL could not be opened (browsers hide it); null when it cannot say. The
 * studio passes `studioApi.diagnose`; tests pass their own.
 */
export type Diagnose = (url: string, protocols: string[]) => Promise<string | null>

export const DIAGNOSING = 'The connection could not be opened; asking the server why…'

/**
 * Called when a test is closed with 4401 (no session). Resolves true once the admin has signed in
 * again, so the test is opened again; false when the admin declined; null when the studio's session is
 * fine (the 4401 is about another host's or the service's own login), so the close is explained as is.
 * The studio passes its sign-in-again dialog.
 */
export type RenewSession = (url: string) => Promise<boolean | null>

/**
 * The test panel's connection: opens a WebSocket, keeps the last {@link LIVE_MESSAGE_LIMIT} messages,
 * records a session for a mock and turns every failure into an explanation. Framework-free with
 * `subscribe`/`getSnapshot`, so React reads it through `useSyncExternalStore`.
 */
export class LiveConnection {
  private snapshot: LiveSnapshot = initial
  private readonly listeners = new Set<() => void>()
  private transport: TestTransport | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private nextId = 1
  private attempt = 0

  constructor(
    private readonly WebSocketClass: typeof WebSocket = globalThis.WebSocket,
    private readonly diagnose: Diagnose | null = null,
    private readonly renewSession: RenewSession | null = null,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getSnapshot = (): LiveSnapshot => this.snapshot

  private set(patch: Partial<LiveSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch }
    for (const listener of this.listeners) listener()
  }

  connect(options: ConnectOptions): void {
    const { url, protocols = [], requestBody = '', viaProxy = false, timeoutMs = 10_000, service } = options
    this.disconnect()
    const attempt = ++this.attempt
    const fresh = { url, viaProxy, ...emptyLog(), detected: null, problem: null }
    // An SSE service is an http(s) URL: its adapter explains what is wrong with it.
    const problem = service?.protocol === 'sse' ? null : urlProblem(url)
    if (problem) {
      this.set({ ...fresh, state: 'failed', explanation: problem })
      return
    }
    // A direct test that fails before opening is tried again by the server, which can see why.
    const diagnoseFailure = (fallback: string) => {
      if (viaProxy || !this.diagnose) return this.set({ state: 'failed', explanation: fallback })
      this.set({ state: 'failed', explanation: DIAGNOSING })
      this.diagnose(url, protocols)
        .then(
          (why) => why ?? fallback,
          () => fallback,
        )
        .then((explanation) => {
          if (this.attempt === attempt) this.set({ explanation })
        })
    }
    const current = () => this.attempt === attempt && this.transport !== null
    const decoder = new MessageDecoder(service ?? {}, (detected) => {
      if (this.attempt === attempt) this.set({ detected })
    })
    const handlers: TransportHandlers = {
      opened: () => {
        if (!current()) return
        this.clearTimer()
        this.set({ state: 'open' })
      },
      received: (payload, channel, size) => {
        const receivedAt = Date.now()
        decoder.inOrder(payload, (decoded) => {
          if (this.attempt === attempt) this.receive(payload, channel, size, receivedAt, decoded)
        })
      },
      problem: (text) => {
        if (current()) this.set({ problem: text })
      },
      closed: ({ code, reason, opened }, failure) => {
        if (!current()) return
        this.clearTimer()
        this.transport = null
        const explanation = failure ?? explainClose({ code, reason, opened, viaProxy })
        const refusal = closeReasonCode(reason)
        const renew = code === CloseCodes.NOT_AUTHENTICATED ? this.renewSession : null
        if (renew) {
          this.set({ state: 'failed', explanation: SESSION_ENDED, refusal })
          this.retryAfterSignIn(renew(url), options, attempt, explanation)
        } else if (!opened && code === 1006 && failure === undefined) diagnoseFailure(explanation)
        else {
          const normal = opened && code === 1000 && failure === undefined
          this.set({ state: normal ? 'closed' : 'failed', explanation, refusal })
        }
      },
    }
    const protocol = service?.protocol
    try {
      this.transport =
        protocol !== undefined && protocol !== 'websocket'
          ? openProtocolTransport(
              { ...service, name: service?.name ?? 'test', protocol },
              this.WebSocketClass,
              url,
              requestBody,
              handlers,
            )
          : openSocketTransport(this.WebSocketClass, url, protocols, requestBody, handlers)
    } catch (error) {
      this.set({ ...fresh, state: 'failed', explanation: (error as Error).message })
      return
    }
    this.set({ ...fresh, state: 'connecting', explanation: null })
    this.timer = setTimeout(() => {
      if (!current()) return
      this.drop()
      diagnoseFailure(timeoutExplanation(timeoutMs))
    }, timeoutMs)
  }

  /** The studio's session ended under the test: once signed in again, the same test runs again. */
  private retryAfterSignIn(
    renewal: Promise<boolean | null>,
    options: ConnectOptions,
    attempt: number,
    closeExplanation: string,
  ): void {
    renewal
      .catch(() => null)
      .then((signedIn) => {
        if (this.attempt !== attempt) return // another test (or a reset) came first
        if (signedIn === true) this.connect(options)
        else this.set({ explanation: signedIn === false ? SIGNED_OUT : closeExplanation })
      })
  }

  private receive(
    payload: unknown,
    channel: string | undefined,
    size: number,
    receivedAt: number,
    decoded: DecodedPayload | undefined,
  ): void {
    const bytes = payload instanceof Uint8Array ? payload : null
    // A protocol's adapter hands on parsed JSON: the log shows (and samples) it as JSON text.
    const text = bytes ? null : typeof payload === 'string' ? payload : (JSON.stringify(payload) ?? String(payload))
    const message: LiveMessage = { id: this.nextId++, receivedAt, size, text, bytes, channel, decoded }
    const patch: Partial<LiveSnapshot> = receiveMessage(this.snapshot, message)
    const recording = this.snapshot.recording
    if (recording?.active && !recording.full) {
      const recorded: RecordedMessage = bytes
        ? { at: receivedAt - recording.startedAt, data: toBase64(bytes), binary: true }
        : { at: receivedAt - recording.startedAt, data: text ?? '' }
      const messages = [...recording.messages, recorded]
      const full = messages.length >= RECORDING_LIMIT
      patch.recording = { ...recording, messages, full, active: !full }
    }
    this.set(patch)
  }

  /** Stops showing new messages so the list can be read; they are held (within a limit) and counted. */
  pause(): void {
    this.set(pauseLog(this.snapshot))
  }

  /** Shows the messages held while paused and follows the connection again. */
  resume(): void {
    this.set(resumeLog(this.snapshot))
  }

  /** Empties the list and the channel counts; the connection stays as it is. */
  clear(): void {
    this.set(clearLog(this.snapshot))
  }

  send(text: string): void {
    this.transport?.send(text)
  }

  /** Starts a new recording; messages from now on are kept with their time offsets. */
  startRecording(): void {
    this.set({ recording: { startedAt: Date.now(), messages: [], full: false, active: true } })
  }

  stopRecording(): void {
    const recording = this.snapshot.recording
    if (recording) this.set({ recording: { ...recording, active: false } })
  }

  discardRecording(): void {
    this.set({ recording: null })
  }

  /** Forgets everything of the last test (state, messages, recording): a new URL starts clean. */
  reset(): void {
    this.drop()
    this.attempt++
    this.snapshot = initial
    for (const listener of this.listeners) listener()
  }

  disconnect(): void {
    if (!this.transport) return
    this.drop()
    this.set({ state: 'closed', explanation: null })
  }

  private drop(): void {
    this.clearTimer()
    const transport = this.transport
    this.transport = null
    transport?.close()
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}
