import type { WebSocketServiceDefinition } from '@tether/core'
import { type ReactNode, useEffect, useMemo, useState } from 'react'
import { FORMAT_LABELS } from '../../connection/format-message.js'
import { TestConnectionPanel } from '../../connection/TestConnectionPanel.js'
import { useLiveConnection } from '../../connection/use-live-connection.js'
import { DraftBanner, draftKey, useDraft, useLeaveGuard } from '../../drafts/index.js'
import { useSaveWithValidation } from '../../form/index.js'
import type { SectionProps } from '../../model/section.js'
import { withChannelSamples } from '../../schema/channel-samples.js'
import { SamplesEditor } from '../../schema/SamplesEditor.js'
import { useSamples } from '../../schema/use-samples.js'
import { ProtocolFields } from '../form/ProtocolFields.js'
import { emptyPayloadDraft } from '../form/payload-draft.js'
import {
  emptyProtocolDraft,
  type ProtocolDraft,
  protocolDraftToDefinition,
  withDetectedProtocol,
} from '../form/protocol-draft.js'
import { ServiceForm } from '../form/ServiceForm.js'
import {
  emptyDraft,
  type ServiceDraft,
  suggestServiceName,
  syncPathParams,
  validateDraft,
  withoutSecretValues,
} from '../form/service-draft.js'
import { mergeQueryParams } from '../form/url-params.js'
import { saveService } from '../save-service.js'
import { DetectionNote } from './DetectionNote.js'
import { useProtocolDetection } from './use-protocol-detection.js'
import { WizardSteps } from './WizardSteps.js'

/** Everything the wizard holds, kept in the browser until the service is imported. */
interface WizardDraft {
  url: string
  /** The protocol chosen in the test step, with its options and channels. */
  protocol: ProtocolDraft
  /** The user picked the protocol: detection no longer changes it. */
  protocolOverridden: boolean
  requestBody: string
  useAsRequestBody: boolean
  useProxy: boolean
  samplesText: string
  /** Set when the test found MessagePack or CBOR frames and the user chose to decode them so. */
  payloadFormat?: 'msgpack' | 'cbor'
  /** A protocol service's samples, per channel, as taken to the configure step (saved into its channels). */
  channelSamples?: Record<string, unknown[]> | null
  /** The URL the configure step's form was filled for; null until it was opened. */
  configuredFor: string | null
  service: ServiceDraft
}

/**
 * Import a real-time service (a WebSocket, Socket.IO, STOMP, MQTT, GraphQL or SSE service): test it and pick samples (`…/services/new`), then configure and import
 * (`…/services/new/configure`). Both steps are routes, so the browser's Back returns to the test with
 * everything kept, and coming back to the form keeps what was typed there.
 */
export function ImportWizard({ project, contents, path, go, reload }: SectionProps): ReactNode {
  const taken = Object.keys(contents.services)
  const [configuredFor, setConfiguredFor] = useState<string | null>(null)
  const step = path[1] === 'configure' && configuredFor !== null ? 1 : 0
  const [url, setUrl] = useState('')
  const [protocol, setProtocol] = useState<ProtocolDraft>(emptyProtocolDraft())
  const [protocolOverridden, setProtocolOverridden] = useState(false)
  const [requestBody, setRequestBody] = useState('')
  const [useAsRequestBody, setUseAsRequestBody] = useState(false)
  const [useProxy, setUseProxy] = useState(false)
  const [payloadFormat, setPayloadFormat] = useState<'msgpack' | 'cbor' | undefined>(undefined)
  const [connection, snapshot] = useLiveConnection()
  const [channelSamples, setChannelSamples] = useState<Record<string, unknown[]> | null>(null)
  // A protocol service's samples are picked per channel: one dataset, schema and type each.
  const byChannel = protocol.protocol !== 'websocket'
  const samples = useSamples([], byChannel)
  const [draft, setDraft] = useState<ServiceDraft>(emptyDraft())
  const { formRef, problems, setProblems, saveError, busy, saveIfValid } = useSaveWithValidation()
  const sampleName = useMemo(() => suggestServiceName(url, taken), [url, taken])
  // Detection presets the protocol when the URL is entered and when Test connects; a choice made by
  // the user wins and is kept.
  const { detection, detectNow } = useProtocolDetection(url, (result) => {
    const found = result.protocol
    if (found !== null && !protocolOverridden)
      setProtocol((current) => withDetectedProtocol(current, { ...result, protocol: found }))
  })
  const testing = snapshot.state === 'connecting'
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new connection attempt asks again
  useEffect(() => {
    if (testing) detectNow()
  }, [testing])

  const dirty = url.trim() !== '' || configuredFor !== null
  const leave = useLeaveGuard(dirty ? 'the service being imported' : null, {
    project,
    section: 'services',
    path: ['new'],
  })
  const held: WizardDraft = useMemo(
    () => ({
      url,
      protocol: { ...protocol, password: { ...protocol.password, value: '' } },
      protocolOverridden,
      requestBody,
      useAsRequestBody,
      useProxy,
      samplesText: samples.text,
      payloadFormat,
      channelSamples,
      configuredFor,
      service: withoutSecretValues(draft),
    }),
    [
      url,
      protocol,
      protocolOverridden,
      requestBody,
      useAsRequestBody,
      useProxy,
      samples.text,
      payloadFormat,
      channelSamples,
      configuredFor,
      draft,
    ],
  )
  const stored = useDraft(draftKey(project, 'services/new'), held, dirty, '')
  const restore = (from: WizardDraft) => {
    setUrl(from.url)
    setProtocol(from.protocol ?? emptyProtocolDraft())
    setProtocolOverridden(from.protocolOverridden === true)
    setRequestBody(from.requestBody)
    setUseAsRequestBody(from.useAsRequestBody)
    setUseProxy(from.useProxy)
    samples.setText(from.samplesText)
    setPayloadFormat(from.payloadFormat)
    setChannelSamples(from.channelSamples ?? null)
    setConfiguredFor(from.configuredFor)
    setDraft(from.service)
    if (from.configuredFor !== null) go(['new', 'configure'])
  }

  const toConfigure = (withSamples: boolean) => {
    connection.disconnect()
    const picked = withSamples && !byChannel && samples.parsed.ok ? samples.parsed.samples : []
    setChannelSamples(withSamples && byChannel && samples.channels?.ok ? samples.channels.byChannel : null)
    if (configuredFor === url) {
      // Back at the test and on again: what was typed in the form stays; samples and request follow the test.
      const typedBody = draft.requestBody !== draft.sampleRequest ? draft.requestBody : ''
      setDraft({
        ...draft,
        protocol,
        payload: payloadFormat ? { ...draft.payload, format: payloadFormat } : draft.payload,
        samples: picked,
        sampleRequest: requestBody,
        requestBody: useAsRequestBody ? requestBody : typedBody,
      })
    } else {
      setDraft({
        ...emptyDraft(url),
        name: sampleName,
        url,
        protocol,
        // The format the test recognised is the form's "Payload format", where it can still be changed.
        payload: { ...emptyPayloadDraft(), ...(payloadFormat ? { format: payloadFormat } : {}) },
        queryParams: mergeQueryParams(url, []),
        pathParams: syncPathParams(url, []),
        // The test's request is the service's RequestBody (sent by every app) only when ticked.
        requestBody: useAsRequestBody ? requestBody : '',
        sampleRequest: requestBody,
        useProxy,
        samples: picked,
      })
      setProblems({})
    }
    setConfiguredFor(url)
    go(['new', 'configure'])
  }

  const sampleCount = draft.samples.length + Object.values(channelSamples ?? {}).flat().length

  const importService = async () => {
    const amend = (definition: WebSocketServiceDefinition): WebSocketServiceDefinition => ({
      ...definition,
      ...(channelSamples ? { channels: withChannelSamples(definition.channels, channelSamples) } : {}),
    })
    if (!(await saveIfValid(validateDraft(draft, taken), () => saveService(project, draft, { amend })))) return
    stored.finish()
    leave.saved()
    await reload()
    go([])
  }

  return (
    <section aria-labelledby="import-title" className="wizard">
      <header className="panel-header">
        <div>
          <h1 id="import-title">Import a real-time service</h1>
          <WizardSteps current={step} />
        </div>
        <button
          type="button"
          className="button ghost"
          onClick={() => {
            if (dirty && !window.confirm('Discard the service being imported?')) return
            stored.finish()
            leave.saved()
            go([])
          }}
        >
          Cancel
        </button>
      </header>
      <DraftBanner draft={stored} what="the service being imported" base="" onRestore={restore} />

      {step === 0 && (
        <div className="wizard-body">
          <div className="card">
            <h2>1. Test the connection</h2>
            <p className="muted">
              Connect, watch messages arrive, and tick one or several as samples: their fields and TypeScript type are
              inferred at once.
            </p>
            <TestConnectionPanel
              connection={connection}
              snapshot={snapshot}
              url={url}
              service={{
                name: sampleName,
                ...protocolDraftToDefinition(protocol),
                ...(payloadFormat ? { payloadFormat } : {}),
              }}
              settings={
                <ProtocolFields
                  value={protocol}
                  problems={{}}
                  onChange={(next) => {
                    if (next.protocol !== protocol.protocol) setProtocolOverridden(true)
                    setProtocol(next)
                  }}
                  detection={
                    <DetectionNote
                      detection={detection}
                      chosen={protocol.protocol}
                      overridden={protocolOverridden}
                      onUseDetected={(detected) => {
                        setProtocolOverridden(false)
                        const result = detection?.status === 'done' ? detection.result : undefined
                        setProtocol(withDetectedProtocol(protocol, { ...result, protocol: detected }))
                      }}
                    />
                  }
                />
              }
              onUrlChange={(next) => {
                // A new URL starts clean: no messages, samples or failure left from the previous one.
                if (next.trim() !== url.trim()) {
                  connection.reset()
                  samples.reset()
                  setPayloadFormat(undefined)
                  setChannelSamples(null)
                }
                setUrl(next)
              }}
              requestBody={requestBody}
              onRequestBodyChange={setRequestBody}
              useAsRequestBody={useAsRequestBody}
              onUseAsRequestBodyChange={setUseAsRequestBody}
              useProxy={useProxy}
              onUseProxyChange={setUseProxy}
              onPayloadFormatChange={setPayloadFormat}
              selected={samples.selected}
              onToggle={samples.toggle}
              aside={
                <SamplesEditor
                  text={samples.text}
                  onTextChange={samples.setText}
                  parsed={samples.parsed}
                  name={sampleName}
                  channels={samples.channels}
                />
              }
            />
          </div>
          <div className="wizard-actions">
            <button type="button" className="button ghost" onClick={() => toConfigure(false)}>
              Proceed without test
            </button>
            <button
              type="button"
              className="button primary"
              disabled={!samples.parsed.ok || samples.parsed.samples.length === 0}
              onClick={() => toConfigure(true)}
            >
              Next: configure →
            </button>
          </div>
        </div>
      )}

      {step === 1 && (
        <form
          ref={formRef}
          className="wizard-body"
          onSubmit={(event) => {
            event.preventDefault()
            void importService()
          }}
          noValidate
        >
          <div className="card">
            <h2>2. Configure</h2>
            <p className="muted">
              {sampleCount > 0
                ? `${sampleCount} sample message${sampleCount === 1 ? '' : 's'} will be saved with the service${channelSamples ? ', each with its channel' : ''}.`
                : 'No samples: the service is saved without an inferred schema. Test it later from its settings.'}
              {draft.payload.format !== 'json' &&
                ` Its messages are ${FORMAT_LABELS[draft.payload.format]}: apps decode them to JSON.`}
            </p>
            <ServiceForm draft={draft} problems={problems} onChange={setDraft} />
          </div>
          {saveError && (
            <p className="alert alert-error" role="alert">
              {saveError}
            </p>
          )}
          <div className="wizard-actions">
            <button
              type="button"
              className="button ghost"
              onClick={() => {
                // The protocol part edited here is the test's too.
                setProtocol(draft.protocol)
                go(['new'])
              }}
            >
              ← Back to test
            </button>
            <button type="submit" className="button primary" disabled={busy}>
              {busy ? 'Importing…' : 'Import'}
            </button>
          </div>
        </form>
      )}
    </section>
  )
}
