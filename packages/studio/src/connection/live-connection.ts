import { CloseCodes } from '@tether/core'
import {
  closeReasonCode,
  explainClose,
  SESSION_ENDED,
  SIGNED_OUT,
  timeoutExplanation,
  urlProblem,
} from './explain-failure.js'
import { toBase64 } from './format-message.js'
import {
  appendBounded,
  type BoundedList,
  emptyBoundedList,
  LIVE_MESSAGE_LIMIT,
  type LiveMessage,
  RECORDING_LIMIT,
} from './message-log.js'

/** One recorded message, as a mock file stores it: time offset from the start of the recording. */
export interface RecordedMessage {
  at: number
  data: string
  binary?: true
}

export type LiveState = 'idle' | 'connecting' | 'open' | 'closed' | 'failed'

export interface LiveSnapshot {
  state: LiveState
  /** The URL actually opened (the proxy URL when testing through the proxy). */
  url: string | null
  viaProxy: boolean
  messages: BoundedList<LiveMessage>
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
}

const initial: LiveSnapshot = {
  state: 'idle',
  url: null,
  viaProxy: false,
  messages: emptyBoundedList(),
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
  private socket: WebSocket | null = null
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
    const { url, protocols = [], requestBody = '', viaProxy = false, timeoutMs = 10_000 } = options
    this.disconnect()
    const attempt = ++this.attempt
    const problem = urlProblem(url)
    if (problem) {
      this.set({ state: 'failed', url, viaProxy, explanation: problem, refusal: null, messages: emptyBoundedList() })
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
    let socket: WebSocket
    try {
      socket = new this.WebSocketClass(url, protocols)
    } catch (error) {
      this.set({ state: 'failed', url, viaProxy, explanation: (error as Error).message, refusal: null })
      return
    }
    socket.binaryType = 'arraybuffer'
    this.socket = socket
    let opened = false
    this.set({ state: 'connecting', url, viaProxy, explanation: null, refusal: null, messages: emptyBoundedList() })
    this.timer = setTimeout(() => {
      if (this.socket !== socket) return
      this.drop()
      diagnoseFailure(timeoutExplanation(timeoutMs))
    }, timeoutMs)

    socket.onopen = () => {
      opened = true
      this.clearTimer()
      this.set({ state: 'open' })
      if (requestBody.trim() !== '') socket.send(requestBody)
    }
    socket.onmessage = (event: MessageEvent) => this.receive(event.data)
    // An error event carries no detail in browsers; the close event that follows is explained instead.
    socket.onerror = () => undefined
    socket.onclose = (event: CloseEvent) => {
      if (this.socket !== socket) return
      this.clearTimer()
      this.socket = null
      const normal = opened && event.code === 1000
      const explanation = explainClose({ code: event.code, reason: event.reason, opened, viaProxy })
      const refusal = closeReasonCode(event.reason)
      const renew = event.code === CloseCodes.NOT_AUTHENTICATED ? this.renewSession : null
      if (renew) {
        this.set({ state: 'failed', explanation: SESSION_ENDED, refusal })
        this.retryAfterSignIn(renew(url), options, attempt, explanation)
      } else if (!opened && event.code === 1006) diagnoseFailure(explanation)
      else this.set({ state: normal ? 'closed' : 'failed', explanation, refusal })
    }
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

  private receive(data: unknown): void {
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : null
    const text = bytes ? null : String(data)
    const size = bytes ? bytes.length : new TextEncoder().encode(text ?? '').length
    const receivedAt = Date.now()
    const message: LiveMessage = { id: this.nextId++, receivedAt, size, text, bytes }
    const patch: Partial<LiveSnapshot> = {
      messages: appendBounded(this.snapshot.messages, message, LIVE_MESSAGE_LIMIT),
    }
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

  send(text: string): void {
    this.socket?.send(text)
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
    if (!this.socket) return
    this.drop()
    this.set({ state: 'closed', explanation: null })
  }

  private drop(): void {
    this.clearTimer()
    const socket = this.socket
    this.socket = null
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = null
      if (socket.readyState === socket.CONNECTING || socket.readyState === socket.OPEN) socket.close(1000)
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}
