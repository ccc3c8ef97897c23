import WebSocket from 'ws'
import { CloseCodes, closeReason, forwardableCloseCode } from '../limits/index.js'
import type { HandshakeStep, ProtocolHandshake } from './protocol-handshake.js'
import { ProxyRefusal } from './proxy-refusal.js'

/** What is relayed: both sockets and the backpressure bound. */
export interface RelayOptions {
  /** Bytes queued towards one side before the other side is paused (stops being read). */
  maxBufferedBytes: number
  /** The protocol's opening exchange, when the proxy takes part in it (credentials, refused logins). */
  handshake?: ProtocolHandshake | null
}

/** Messages of the opening exchange go through `step` until it is done; a refusal ends the relay. */
interface Opening {
  step(data: Buffer): HandshakeStep
  refuse(refusal: ProxyRefusal): void
}

/**
 * Forwards frames from `from` to `to`, text as text and binary as binary. When more than
 * `maxBufferedBytes` wait to be written to `to`, reading from `from` pauses until half of them are out:
 * a fast sender is slowed to the slow reader's pace and the proxy's memory stays bounded (the cap plus
 * the frames of the one socket read already under way, at most 64 KiB, per direction).
 */
function forward(from: WebSocket, to: WebSocket, maxBufferedBytes: number, opening?: Opening): void {
  let pending = 0
  let inOpening = opening !== undefined
  const send = (data: Buffer, isBinary: boolean) => {
    pending += data.length
    to.send(data, { binary: isBinary }, () => {
      pending -= data.length
      if (from.isPaused && pending <= maxBufferedBytes / 2) from.resume()
    })
    if (pending > maxBufferedBytes && !from.isPaused) from.pause()
  }
  from.on('message', (data: Buffer, isBinary: boolean) => {
    if (to.readyState !== WebSocket.OPEN) return
    if (!inOpening || opening === undefined) return send(data, isBinary)
    let step: HandshakeStep
    try {
      step = opening.step(data)
    } catch (error) {
      if (!(error instanceof ProxyRefusal)) throw error
      return opening.refuse(error)
    }
    inOpening = !step.done
    for (const part of step.send) send(part, isBinary)
    if (step.refusal) opening.refuse(step.refusal)
  })
}

/** Closes `to` with what `from` closed with, mapping codes that may not be sent (1005, 1006…). */
function forwardClose(from: WebSocket, to: WebSocket, lostReason: string): void {
  from.on('close', (code: number, reason: Buffer) => {
    if (to.readyState === WebSocket.CLOSED || to.readyState === WebSocket.CLOSING) return
    const forwarded = forwardableCloseCode(code)
    const text = code === 1006 ? lostReason : code === 1005 ? '' : reason.toString()
    to.close(forwarded, closeReason(text))
  })
  // Errors end in a 'close' event, handled above; without a listener they would crash the process.
  from.on('error', () => {})
}

/**
 * Relays between a browser's socket and the upstream service until either closes; the close code and
 * reason travel to the other side. The upstream socket arrives paused (see connectUpstream).
 */
export function relay(client: WebSocket, upstream: WebSocket, options: RelayOptions): void {
  const { handshake } = options
  // Closing the browser first makes forwardClose leave its code alone when the service closes too.
  const refuse = (refusal: ProxyRefusal) => {
    client.close(refusal.closeCode, refusal.reason)
    upstream.close(CloseCodes.NORMAL)
  }
  const opening = (step: ((data: Buffer) => HandshakeStep) | undefined) => (step ? { step, refuse } : undefined)
  forward(client, upstream, options.maxBufferedBytes, opening(handshake?.fromClient.bind(handshake)))
  forward(upstream, client, options.maxBufferedBytes, opening(handshake?.fromUpstream.bind(handshake)))
  forwardClose(client, upstream, 'The browser connection was lost')
  forwardClose(upstream, client, 'The upstream connection was lost')
  // Either side may have gone while the browser's upgrade completed.
  if (upstream.readyState !== WebSocket.OPEN) {
    client.close(CloseCodes.BAD_GATEWAY, 'The upstream connection closed before the relay started')
  } else if (client.readyState !== WebSocket.OPEN) {
    upstream.close(CloseCodes.NORMAL)
  }
  upstream.resume()
}
