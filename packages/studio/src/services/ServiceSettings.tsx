import { defineWebSocketService, type WebSocketServiceDefinition } from '@tether/core'
import { type ReactNode, useEffect, useMemo, useState } from 'react'
import { studioApi } from '../api/studio-api.js'
import { savedServiceProxyUrl } from '../connection/socket-urls.js'
import { TestConnectionPanel } from '../connection/TestConnectionPanel.js'
import { useLiveConnection } from '../connection/use-live-connection.js'
import { DraftBanner, draftKey, useDraft, useLeaveGuard } from '../drafts/index.js'
import { useSaveWithValidation } from '../form/index.js'
import { MocksPanel } from '../mocks/MocksPanel.js'
import type { SectionProps } from '../model/section.js'
import { usersOfService } from '../problems/index.js'
import { samplesOfChannels, withChannelSamples } from '../schema/channel-samples.js'
import { SamplesEditor } from '../schema/SamplesEditor.js'
import { useSamples } from '../schema/use-samples.js'
import { ExportPanel } from './ExportPanel.js'
import { hasPassword } from './form/protocol-draft.js'
import { ServiceForm } from './form/ServiceForm.js'
import {
  definitionToDraft,
  draftToDefinition,
  type ServiceDraft,
  validateDraft,
  withoutSecretValues,
} from './form/service-draft.js'
import { saveService } from './save-service.js'

/** The URL a test opens: placeholders and required parameters filled from their defaults when possible. */
function testUrlOf(draft: ServiceDraft): string {
  try {
    return defineWebSocketService(draftToDefinition(draft)).buildUrl({})
  } catch {
    return draft.url
  }
}

/** The payload side of a saved service, which this form does not edit: kept on save and used by the test. */
function payloadFieldsOf(definition: WebSocketServiceDefinition): Partial<WebSocketServiceDefinition> {
  const { payloadFormat, protobuf } = definition
  return { ...(payloadFormat ? { payloadFormat } : {}), ...(protobuf ? { protobuf } : {}) }
}

/** What the settings form holds, as kept in the browser: secret header values are never stored. */
interface SettingsForm {
  draft: ServiceDraft
  samplesText: string
}
const formJson = (draft: ServiceDraft, samplesText: string) =>
  JSON.stringify({
    draft: withoutSecretValues(draft),
    samplesText,
  } satisfies SettingsForm)

/** Edit a saved service, re-test it, record mocks, export it. */
export function ServiceSettings(props: SectionProps & { definition: WebSocketServiceDefinition }): ReactNode {
  const { project, contents, definition, go, reload } = props
  const [storedHeaders, setStoredHeaders] = useState<string[]>([])
  const [draft, setDraft] = useState<ServiceDraft>(() => definitionToDraft(definition))
  const { formRef, problems, saveError, busy, saveIfValid } = useSaveWithValidation()
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const [connection, snapshot] = useLiveConnection()
  // A protocol service's samples are picked per channel (its datasets); a bare WebSocket's are one list.
  const byChannel = draft.protocol.protocol !== 'websocket'
  const samples = useSamples(
    byChannel ? samplesOfChannels(definition.channels) : (definition.samples?.responses ?? []),
    byChannel,
  )
  const tested = useMemo(() => ({ ...payloadFieldsOf(definition), ...draftToDefinition(draft) }), [definition, draft])
  const taken = Object.keys(contents.services).filter((name) => name !== definition.name)
  const testUrl = useMemo(() => testUrlOf(draft), [draft])
  // The form as last saved (or loaded); unsaved edits are kept in the browser and guarded.
  const [savedForm, setSavedForm] = useState(() => formJson(definitionToDraft(definition), samples.text))
  const form = formJson(draft, samples.text)
  const typedSecret = draft.headers.some((h) => h.value !== '') || draft.protocol.password.value !== ''
  const dirty = form !== savedForm || typedSecret
  const leave = useLeaveGuard(dirty ? `the service ${definition.name}` : null, {
    project,
    section: 'services',
    path: [definition.name],
  })
  const stored = useDraft<SettingsForm>(
    draftKey(project, `services/${definition.name}`),
    useMemo(() => JSON.parse(form) as SettingsForm, [form]),
    form !== savedForm,
    savedForm,
  )

  useEffect(() => {
    studioApi
      .secretNames(project, definition.name)
      .then(({ headers, credentials = [] }) => {
        setStoredHeaders(headers)
        const withHeaders = (current: ServiceDraft): ServiceDraft => ({
          ...current,
          headers: headers.map((name) => ({ name, value: '', stored: true })),
          protocol: {
            ...current.protocol,
            password: { ...current.protocol.password, stored: credentials.includes('password') },
          },
        })
        setDraft(withHeaders)
        setSavedForm((saved) => {
          const parsed = JSON.parse(saved) as SettingsForm
          return formJson(withHeaders(parsed.draft), parsed.samplesText)
        })
      })
      .catch((error: Error) =>
        setNotice({ kind: 'error', text: `Could not read the stored headers: ${error.message}` }),
      )
  }, [project, definition.name])

  const save = async () => {
    const next = { ...draft, samples: samples.parsed.ok && !byChannel ? samples.parsed.samples : draft.samples }
    const picked = samples.channels?.ok ? samples.channels.byChannel : null
    const amend = (drafted: WebSocketServiceDefinition): WebSocketServiceDefinition => {
      const merged = { ...payloadFieldsOf(definition), ...drafted }
      return picked ? { ...merged, channels: withChannelSamples(merged.channels, picked) } : merged
    }
    const found = validateDraft(next, taken)
    if (!samples.parsed.ok) found.samples = [samples.parsed.error]
    setNotice(null)
    const saved = await saveIfValid(found, () =>
      saveService(project, next, { renamedFrom: definition.name, storedHeaders, amend }),
    )
    if (!saved) return
    if (next.name !== definition.name) {
      stored.finish()
      leave.saved()
      await reload()
      go([next.name])
    } else {
      await reload()
      const names = next.headers.map((h) => h.name)
      const password = next.protocol.password
      const savedDraft = {
        ...next,
        headers: names.map((name) => ({ name, value: '', stored: true })),
        protocol: {
          ...next.protocol,
          password: {
            value: '',
            stored: password.value !== '' || (password.stored && hasPassword(next.protocol.protocol)),
          },
        },
      }
      setStoredHeaders(names)
      setDraft(savedDraft)
      setSavedForm(formJson(savedDraft, samples.text))
      setNotice({ kind: 'ok', text: `Saved ${next.name}.` })
    }
  }

  const remove = async () => {
    // Say first what depends on it: those variables stop working and show up under Problems.
    const users = usersOfService(contents, definition.name)
    const question =
      users.length === 0
        ? `Delete the service “${definition.name}”? No variable uses it.`
        : `Delete the service “${definition.name}”? It is used by ${users.join(', ')}. They stop working and are listed under Problems until fixed.`
    if (!window.confirm(question)) return
    try {
      await studioApi.deleteService(project, definition.name)
      stored.finish()
      leave.saved()
      await reload()
      go([])
    } catch (error) {
      setNotice({ kind: 'error', text: (error as Error).message })
    }
  }

  const savedProxy =
    storedHeaders.length > 0 || draft.protocol.password.stored
      ? savedServiceProxyUrl(project, definition.name, {}, window.location)
      : undefined

  return (
    <section aria-labelledby="settings-title" className="settings">
      <header className="panel-header">
        <div>
          <p className="breadcrumb">
            <a href={`#/${encodeURIComponent(project)}/services`}>Web Services</a> /
          </p>
          <h1 id="settings-title" className="mono">
            {definition.name}
          </h1>
        </div>
        <div className="header-actions">
          <button type="button" className="button ghost danger" onClick={() => void remove()}>
            Delete
          </button>
          <button type="submit" form="service-settings" className="button primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </header>
      <DraftBanner
        draft={stored}
        what={`the service ${definition.name}`}
        base={savedForm}
        onRestore={(restored) => {
          setDraft(restored.draft)
          samples.setText(restored.samplesText)
        }}
      />
      {notice && (
        <p
          className={notice.kind === 'ok' ? 'alert alert-ok' : 'alert alert-error'}
          role={notice.kind === 'ok' ? 'status' : 'alert'}
        >
          {notice.text}
        </p>
      )}
      {saveError && (
        <p className="alert alert-error" role="alert">
          {saveError}
        </p>
      )}
      <form
        id="service-settings"
        ref={formRef}
        className="card"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void save()
        }}
      >
        <h2>Settings</h2>
        <ServiceForm draft={draft} problems={problems} onChange={setDraft} />
      </form>
      <div className="card">
        <h2>Test and samples</h2>
        <p className="muted small">
          Tests <code className="mono">{testUrl}</code>
          {draft.requestBody.trim() !== '' && ', sending the request body above'}
          {savedProxy ? '; through the proxy, the saved settings are tested with their secret headers.' : '.'}
        </p>
        <TestConnectionPanel
          connection={connection}
          snapshot={snapshot}
          url={testUrl}
          requestBody={draft.requestBody}
          protocols={tested.subprotocols}
          service={tested}
          proxyUrl={savedProxy}
          useProxy={draft.useProxy}
          onUseProxyChange={(useProxy) => setDraft({ ...draft, useProxy })}
          selected={samples.selected}
          onToggle={samples.toggle}
          aside={
            <SamplesEditor
              text={samples.text}
              onTextChange={samples.setText}
              parsed={samples.parsed}
              name={draft.name}
              channels={samples.channels}
            />
          }
        />
      </div>
      <MocksPanel
        project={project}
        definition={definition}
        mocks={contents.mocks}
        connection={connection}
        snapshot={snapshot}
        reload={reload}
      />
      <ExportPanel project={project} service={definition.name} />
    </section>
  )
}
