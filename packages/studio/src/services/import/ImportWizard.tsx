import { type ReactNode, useMemo, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { TestConnectionPanel } from '../../connection/TestConnectionPanel.js'
import { useLiveConnection } from '../../connection/use-live-connection.js'
import { SamplesEditor } from '../../schema/SamplesEditor.js'
import { useSamples } from '../../schema/use-samples.js'
import type { SectionProps } from '../../shell/section.js'
import { ServiceForm } from '../form/ServiceForm.js'
import {
  type DraftProblems,
  emptyDraft,
  type ServiceDraft,
  suggestServiceName,
  syncPathParams,
  validateDraft,
} from '../form/service-draft.js'
import { mergeQueryParams } from '../form/url-params.js'
import { saveService } from '../save-service.js'
import { WizardSteps } from './WizardSteps.js'

/** Import a WebSocket service: test it and pick samples, then configure and import. */
export function ImportWizard({ project, contents, go, reload }: SectionProps): ReactNode {
  const taken = Object.keys(contents.services)
  const [step, setStep] = useState(0)
  const [url, setUrl] = useState('')
  const [requestBody, setRequestBody] = useState('')
  const [useAsRequestBody, setUseAsRequestBody] = useState(false)
  const [useProxy, setUseProxy] = useState(false)
  const [connection, snapshot] = useLiveConnection()
  const samples = useSamples()
  const [draft, setDraft] = useState<ServiceDraft>(emptyDraft())
  const [problems, setProblems] = useState<DraftProblems>({})
  const [saveError, setSaveError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const formRef = useRef<HTMLFormElement>(null)
  const sampleName = useMemo(() => suggestServiceName(url, taken), [url, taken])

  const toConfigure = (withSamples: boolean) => {
    connection.disconnect()
    setDraft({
      ...emptyDraft(url),
      name: draft.name || sampleName,
      url,
      queryParams: mergeQueryParams(url, []),
      pathParams: syncPathParams(url, []),
      // The test's request is the service's RequestBody (sent by every app) only when ticked.
      requestBody: useAsRequestBody ? requestBody : '',
      sampleRequest: requestBody,
      useProxy,
      samples: withSamples && samples.parsed.ok ? samples.parsed.samples : [],
    })
    setProblems({})
    setStep(1)
  }

  const importService = async () => {
    const found = validateDraft(draft, taken)
    // Rendered at once, so the first invalid field can take the focus.
    flushSync(() => setProblems(found))
    setSaveError(null)
    if (Object.keys(found).length > 0) {
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
      return
    }
    setBusy(true)
    const result = await saveService(project, draft)
    setBusy(false)
    if (!result.ok) {
      setProblems(result.problems)
      setSaveError(result.message)
      return
    }
    await reload()
    go([])
  }

  return (
    <section aria-labelledby="import-title" className="wizard">
      <header className="panel-header">
        <div>
          <h1 id="import-title">Import a WebSocket service</h1>
          <WizardSteps current={step} />
        </div>
        <button type="button" className="button ghost" onClick={() => go([])}>
          Cancel
        </button>
      </header>

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
              onUrlChange={setUrl}
              requestBody={requestBody}
              onRequestBodyChange={setRequestBody}
              useAsRequestBody={useAsRequestBody}
              onUseAsRequestBodyChange={setUseAsRequestBody}
              useProxy={useProxy}
              onUseProxyChange={setUseProxy}
              selected={samples.selected}
              onToggle={samples.toggle}
              aside={
                <SamplesEditor
                  text={samples.text}
                  onTextChange={samples.setText}
                  parsed={samples.parsed}
                  name={sampleName}
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
              {draft.samples.length > 0
                ? `${draft.samples.length} sample message${draft.samples.length === 1 ? '' : 's'} will be saved with the service.`
                : 'No samples: the service is saved without an inferred schema. Test it later from its settings.'}
            </p>
            <ServiceForm draft={draft} problems={problems} onChange={setDraft} />
          </div>
          {saveError && (
            <p className="alert alert-error" role="alert">
              {saveError}
            </p>
          )}
          <div className="wizard-actions">
            <button type="button" className="button ghost" onClick={() => setStep(0)}>
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
