import { type ReactNode, useEffect, useId, useState } from 'react'
import { isMixedContent, MIXED_CONTENT_EXPLANATION, urlProblem } from './explain-failure.js'
import type { LiveConnection, LiveSnapshot } from './live-connection.js'
import { MessageList } from './MessageList.js'
import type { LiveMessage } from './message-log.js'
import { type PageLocation, proxySocketUrl, resolveSocketUrl } from './socket-urls.js'

interface Props {
  connection: LiveConnection
  snapshot: LiveSnapshot
  /** The service URL to test (placeholders already filled in). */
  url: string
  /** Renders an editable URL field (the wizard); Service Settings edits the URL in its form instead. */
  onUrlChange?: (url: string) => void
  requestBody: string
  /** Renders the sample request body field; Service Settings edits the body in its form instead. */
  onRequestBodyChange?: (body: string) => void
  /** Whether the sample request becomes the service's RequestBody (the wizard's explicit choice). */
  useAsRequestBody?: boolean
  onUseAsRequestBodyChange?: (use: boolean) => void
  protocols?: string[]
  /** The proxy URL to use instead of `/api/proxy?url=` (a saved service, so its secret headers are added). */
  proxyUrl?: string
  /** The definition's `useProxy`, offered next to the test. */
  useProxy: boolean
  onUseProxyChange: (useProxy: boolean) => void
  selected?: ReadonlySet<number>
  onToggle?: (message: LiveMessage) => void
  page?: PageLocation
  /** Shown beside the message list on wide screens (the samples and their inferred type). */
  aside?: ReactNode
}

/** How long an open connection may stay silent before the panel suggests a subscribe message. */
export const SILENCE_HINT_MS = 5000

const STATE_LABEL: Record<LiveSnapshot['state'], string> = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  open: 'Connected',
  closed: 'Closed',
  failed: 'Failed',
}

/** URL, sample request, Test/Stop, the proxy choice and the live message list, with failures explained. */
export function TestConnectionPanel(props: Props): ReactNode {
  const { connection, snapshot, url, requestBody, useProxy } = props
  const page = props.page ?? window.location
  const id = useId()
  const mixed = isMixedContent(page.protocol, url)
  const [viaProxy, setViaProxy] = useState(mixed || useProxy)
  const live = snapshot.state === 'open' || snapshot.state === 'connecting'
  // Connected but silent: many services send only after a subscribe message.
  const waiting = snapshot.state === 'open' && snapshot.messages.items.length === 0 && snapshot.messages.dropped === 0
  const [silent, setSilent] = useState(false)
  useEffect(() => {
    setSilent(false)
    if (!waiting) return
    const timer = setTimeout(() => setSilent(true), SILENCE_HINT_MS)
    return () => clearTimeout(timer)
  }, [waiting])
  const bodyField = props.onRequestBodyChange ? 'requestBody' : 'serviceRequestBody'

  const test = (throughProxy = viaProxy) => {
    const target = resolveSocketUrl(url, page)
    // A bad URL is explained as such, not sent to the proxy to be refused there.
    const proxied = throughProxy && urlProblem(target) === null
    connection.connect({
      url: proxied ? (props.proxyUrl ?? proxySocketUrl(target, page)) : target,
      protocols: props.protocols ?? [],
      requestBody,
      viaProxy: proxied,
    })
  }

  return (
    <div className="test-panel">
      {props.onUrlChange && (
        <label className="field">
          <span>Service URL</span>
          <input
            name="testUrl"
            className="mono"
            value={url}
            onChange={(e) => props.onUrlChange?.(e.target.value)}
            placeholder="ws://localhost:8080/websocket/heartrate"
            spellCheck={false}
          />
        </label>
      )}
      {props.onRequestBodyChange && (
        <label className="field">
          <span>Sample request (sent when you test, optional)</span>
          <textarea
            name="requestBody"
            className="mono"
            rows={2}
            value={requestBody}
            onChange={(e) => props.onRequestBodyChange?.(e.target.value)}
            placeholder='{"subscribe": "prices"}'
            spellCheck={false}
          />
        </label>
      )}
      {props.onUseAsRequestBodyChange && (
        <label className="check">
          <input
            type="checkbox"
            checked={props.useAsRequestBody === true}
            onChange={(e) => props.onUseAsRequestBodyChange?.(e.target.checked)}
          />
          <span>Use as the request body (every app sends it on connect)</span>
        </label>
      )}

      {mixed && (
        <div className="alert alert-warning" role="note">
          <p>{MIXED_CONTENT_EXPLANATION}</p>
          {!viaProxy && (
            <button
              type="button"
              className="button"
              onClick={() => {
                setViaProxy(true)
                test(true)
              }}
            >
              Test through the server's proxy
            </button>
          )}
        </div>
      )}

      <div className="test-actions">
        {live ? (
          <button type="button" className="button" onClick={() => connection.disconnect()}>
            Stop
          </button>
        ) : (
          <button type="button" className="button primary" onClick={() => test()}>
            Test
          </button>
        )}
        <label className="check">
          <input type="checkbox" checked={viaProxy} onChange={(e) => setViaProxy(e.target.checked)} />
          <span>Test through the server's proxy</span>
        </label>
        <label className="check">
          <input type="checkbox" checked={useProxy} onChange={(e) => props.onUseProxyChange(e.target.checked)} />
          <span>Run through the proxy (apps connect via the server)</span>
        </label>
        <span className={`status status-${snapshot.state}`} role="status" aria-describedby={`${id}-explanation`}>
          <span className="status-dot" aria-hidden="true" />
          {STATE_LABEL[snapshot.state]}
          {snapshot.viaProxy && snapshot.state !== 'idle' ? ' (via proxy)' : ''}
        </span>
      </div>
      {snapshot.explanation && (
        <p
          id={`${id}-explanation`}
          className={snapshot.state === 'failed' ? 'alert alert-error' : 'alert'}
          role="alert"
        >
          {snapshot.explanation}
        </p>
      )}
      {silent && (
        <div className="alert alert-warning" role="note">
          <p>
            Connected, but nothing has arrived in {SILENCE_HINT_MS / 1000} s. Some services send only after a subscribe
            message: write it in the {props.onRequestBodyChange ? 'sample request' : 'request body (RequestBody)'} field
            and test again.
          </p>
          <button
            type="button"
            className="button small"
            onClick={() => document.querySelector<HTMLElement>(`textarea[name="${bodyField}"]`)?.focus()}
          >
            Write a subscribe message
          </button>
        </div>
      )}
      <div className={props.aside ? 'test-results with-aside' : 'test-results'}>
        <MessageList messages={snapshot.messages} selected={props.selected} onToggle={props.onToggle} />
        {props.aside}
      </div>
    </div>
  )
}
