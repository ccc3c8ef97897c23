import { type ReactNode, useState } from 'react'
import { studioApi } from '../api/studio-api.js'
import { CopyButton } from '../schema/CopyButton.js'

/** Save JSON as a file download, without leaving the page. */
function download(fileName: string, value: unknown): void {
  const blob = new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' })
  const link = document.createElement('a')
  link.href = URL.createObjectURL(blob)
  link.download = fileName
  link.click()
  setTimeout(() => URL.revokeObjectURL(link.href), 0)
}

/** Export the saved service as an AsyncAPI 3.0 document, or show its TypeScript types to copy. */
export function ExportPanel({ project, service }: { project: string; service: string }): ReactNode {
  const [types, setTypes] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const exportAsyncApi = async () => {
    setError(null)
    try {
      download(`${service}.asyncapi.json`, await studioApi.asyncApi(project, service))
    } catch (failure) {
      setError((failure as Error).message)
    }
  }

  const showTypes = async () => {
    setError(null)
    try {
      setTypes(await studioApi.types(project, service))
    } catch (failure) {
      setError((failure as Error).message)
    }
  }

  return (
    <section className="card" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <p className="muted small">From the saved service file (save your changes first).</p>
      <div className="test-actions">
        <button type="button" className="button" onClick={() => void exportAsyncApi()}>
          Export AsyncAPI
        </button>
        <button type="button" className="button" onClick={() => void showTypes()}>
          TypeScript types
        </button>
      </div>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {types !== null && (
        <div className="code-block">
          <div className="code-block-header">
            <span className="small muted">{service}.ts</span>
            <CopyButton text={types} />
          </div>
          <pre className="mono" data-testid="service-types">
            {types}
          </pre>
        </div>
      )}
    </section>
  )
}
