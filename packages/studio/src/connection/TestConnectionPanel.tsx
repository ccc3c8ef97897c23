import { ErrorCodes } from '@tether/core'
import { type ReactNode, useEffect, useId, useState } from 'react'
import { useStudioUser } from '../auth/studio-user.js'
import { isMixedContent, MIXED_CONTENT_EXPLANATION, urlProblem } from './explain-failure.js'
import { FORMAT_LABELS } from './format-message.js'
import { LogToolbar } from './LogToolbar.js'
import type { LiveConnection, LiveSnapshot, TestedService } from './live-connection.js'
import { MessageList } from './MessageList.js'
import type { LiveMessage } from './message-log.js'
import { type PageLocation, proxySocketUrl, resolveSocketUrl, testAsUserUrl } from './socket-urls.js'

interface Props {
  connection: LiveConnection
  snapshot: LiveSnapshot
  /** The service URL to test (placeholders already filled in). */
  url: string
  /** Renders an editable URL field (the wizard); Service Settings edits the URL in its form instead. */
  onUrlChange?: (url: string) => void
  requestBody: string
  /** Shown under the URL field: the wizard's protocol choice and the protocol's fields. */
  settings?: ReactNode
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
  /**
   * The service (draft) being tested: with a protocol, the test speaks it and shows each message's
   * channel; its payload format decodes binary messages. Defaults to a bare WebSocket of JSON.
   */
  service?: TestedService
  /** Offered when binary messages of a JSON service look like MessagePack or CBOR: sets the payload format. */
  onPayloadFormatChange?: (format: 'msgpack' | 'cbor') => void
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
  const [channel, setChannel] = useState<string | null>(null)
  useEffect(() => {
    setSilent(false)
    if (!waiting) return
    const timer = setTimeout(() => setSilent(true), SILENCE_HINT_MS)
    return () => clearTimeout(timer)
  }, [waiting])
  const bodyField = props.onRequestBodyChange ? 'requestBody' : 'serviceRequestBody'
  const studioUser = useStudioUser()
  // The name a "Test as …" run uses in place of the URL's; never written into the definition.
  const [testingAs, setTestingAs] = useState<string | null>(null)
  const onlyAsThemself =
    snapshot.state === 'failed' && snapshot.refusal === ErrorCodes.ACTING_AS_ANOTHER_USER && studioUser !== null

  const test = (throughProxy = viaProxy, asUser: string | null = null) => {
    const target = resolveSocketUrl(url, page)
    setTestingAs(asUser)
    if (asUser !== null && urlProblem(target) === null) {
      // Direct: the service must see the studio's own session to accept its user's name.
      connection.connect({ url: testAsUserUrl(target, asUser), protocols: props.protocols ?? [], requestBody })
      return
    }
    // A bad URL is explained as such, not sent to the proxy to be refused there.
    const proxied = throughProxy && urlProblem(target) === null
    connection.connect({
      url: proxied ? (props.proxyUrl ?? proxySocketUrl(target, page)) : target,
      protocols: props.protocols ?? [],
      requestBody,
      viaProxy: proxied,
      service: props.service,
    })
    setChannel(null)
  }
  const detected = snapshot.detected
  const formatIsSet = detected !== null && props.service?.payloadFormat === detected.format

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
      {props.settings}
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
          {testingAs !== null && snapshot.state !== 'idle' ? ` as ${testingAs}, for this test only` : ''}
        </span>
      </div>
      {onlyAsThemself ? (
        <div id={`${id}-explanation`} className="alert alert-error" role="alert">
          <p>
            {snapshot.explanation} You are signed in to the studio as {studioUser}.
          </p>
          <p>
            Test under your own name: the service keeps its URL, and what this test sends comes back to you alone —
            nothing is posted to the room.
          </p>
          <button type="button" className="button" onClick={() => test(false, studioUser)}>
            Test as {studioUser}
          </button>
        </div>
      ) : (
        snapshot.explanation && (
          <p
            id={`${id}-explanation`}
            className={snapshot.state === 'failed' ? 'alert alert-error' : 'alert'}
            role="alert"
          >
            {snapshot.explanation}
          </p>
        )
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
      {snapshot.problem && (
        <p className="alert alert-warning" role="note">
          {snapshot.problem}
        </p>
      )}
      {detected && (
        <div className="alert" role="note" data-detected={detected.format}>
          <p>
            These frames look like {FORMAT_LABELS[detected.format]}: they are shown decoded, as JSON. {detected.reason}
          </p>
          {props.onPayloadFormatChange &&
            (formatIsSet ? (
              <p className="small">The payload format is {FORMAT_LABELS[detected.format]}: apps decode them too.</p>
            ) : (
              <button
                type="button"
                className="button small"
                onClick={() => props.onPayloadFormatChange?.(detected.format)}
              >
                Use {FORMAT_LABELS[detected.format]} as the payload format
              </button>
            ))}
        </div>
      )}
      <div className={props.aside ? 'test-results with-aside' : 'test-results'}>
        <div className="log">
          <LogToolbar
            log={snapshot}
            channel={channel}
            onChannelChange={setChannel}
            onPause={() => connection.pause()}
            onResume={() => connection.resume()}
            onClear={() => connection.clear()}
          />
          <MessageList
            messages={snapshot.messages}
            channel={channel}
            selected={props.selected}
            onToggle={props.onToggle}
          />
        </div>
        {props.aside}
      </div>
    </div>
  )
}
