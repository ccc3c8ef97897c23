import type { WebSocketServiceDefinition } from '@tether/core'
import { type PreparedService, prepareBrowserService } from '@tether/runtime'

/** Most entries the preview's send log keeps; older ones are dropped first (the count says how many). */
export const PREVIEW_LOG_LIMIT = 100

/** One message the canvas's variables sent, or would have sent with sending off. */
export interface PreviewSend {
  id: number
  service: string
  /** `would send`: held back (sending off); `sent`: really sent (sending switched on). */
  outcome: 'would send' | 'sent'
  text: string
}

export interface PreviewLog {
  entries: readonly PreviewSend[]
  /** Entries dropped because the log was full. */
  dropped: number
}

const MAX_TEXT = 500

function describe(data: string | ArrayBufferLike | Blob | ArrayBufferView): string {
  if (typeof data === 'string') return data.length > MAX_TEXT ? `${data.slice(0, MAX_TEXT)}…` : data
  const size = data instanceof Blob ? data.size : data.byteLength
  return `(${size} bytes of binary data)`
}

/**
 * Keeps design time free of side effects: the designer's live canvas connects to the real services to
 * show real data, but what its variables send (the RequestBody on connect, sends run by events) is held
 * back and logged as "would send …" unless the user switches sending on for this preview. The log is
 * an external store (`subscribe` / `getSnapshot`) for `useSyncExternalStore`.
 *
 * @example
 * const sends = new PreviewSends()
 * createAppRuntime({ ..., prepareService: (service) => sends.prepare(service, location, project, false) })
 */
export class PreviewSends {
  private log: PreviewLog = { entries: [], dropped: 0 }
  private readonly listeners = new Set<() => void>()
  private nextId = 1

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getSnapshot = (): PreviewLog => this.log

  record(service: string, outcome: PreviewSend['outcome'], data: Parameters<WebSocket['send']>[0]): void {
    const entries = [...this.log.entries, { id: this.nextId++, service, outcome, text: describe(data) }]
    const over = Math.max(0, entries.length - PREVIEW_LOG_LIMIT)
    this.log = { entries: entries.slice(over), dropped: this.log.dropped + over }
    for (const listener of this.listeners) listener()
  }

  clear(): void {
    this.log = { entries: [], dropped: 0 }
    for (const listener of this.listeners) listener()
  }

  /**
   * `prepareBrowserService` for the canvas, with a WebSocket whose `send` is held back and logged
   * unless `sending` is on. A shared service is previewed unshared while sending is off: a shared
   * feed's RequestBody goes to the server on the URL and would be sent upstream.
   */
  prepare(
    definition: WebSocketServiceDefinition,
    location: Location,
    project: string,
    sending: boolean,
  ): PreparedService {
    const service = sending || !definition.shared ? definition : { ...definition, shared: false }
    const name = String(definition.name)
    const sends = this
    class PreviewWebSocket extends WebSocket {
      override send(data: Parameters<WebSocket['send']>[0]): void {
        sends.record(name, sending ? 'sent' : 'would send', data)
        if (sending) super.send(data)
      }
    }
    return { ...prepareBrowserService(service, location, project), WebSocket: PreviewWebSocket }
  }
}
