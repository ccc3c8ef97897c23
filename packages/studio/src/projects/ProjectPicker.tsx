import { IDENTIFIER_RULE, isIdentifier } from '@tether/core'
import { type FormEvent, type ReactNode, useEffect, useState } from 'react'
import { StudioApiError } from '../api/http.js'
import { type ProjectSummary, studioApi } from '../api/studio-api.js'

interface Props {
  open: (project: string) => void
}

/** Opens an existing project (the examples among them) or creates a new empty one. */
export function ProjectPicker({ open }: Props): ReactNode {
  const [projects, setProjects] = useState<ProjectSummary[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [title, setTitle] = useState('')
  const [createError, setCreateError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    studioApi
      .listProjects()
      .then((answer) => setProjects(answer.data))
      .catch((error: Error) => setLoadError(error.message))
  }, [])

  const nameProblem = name !== '' && !isIdentifier(name) ? `${IDENTIFIER_RULE} (e.g. my_app)` : null

  const create = async (event: FormEvent) => {
    event.preventDefault()
    if (nameProblem || name === '') return
    setBusy(true)
    setCreateError(null)
    try {
      await studioApi.createProject(name, title.trim() || undefined)
      open(name)
    } catch (error) {
      const detail = error instanceof StudioApiError ? error.details[0]?.message : undefined
      setCreateError(detail ? `${(error as Error).message} ${detail}` : (error as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className="picker">
      <header className="picker-header">
        <h1>Open a project</h1>
        <p className="muted">Each project is a folder of readable JSON files: services, pages and recorded mocks.</p>
      </header>
      <section aria-labelledby="existing-title">
        <h2 id="existing-title">Projects</h2>
        {loadError && (
          <p className="alert alert-error" role="alert">
            {loadError}
          </p>
        )}
        {projects === null && !loadError && <p className="muted">Loading projects…</p>}
        {projects?.length === 0 && <p className="muted">No projects yet: create one below.</p>}
        <ul className="project-grid">
          {projects?.map((project) => (
            <li key={project.name}>
              <button type="button" className="project-card" onClick={() => open(project.name)}>
                <strong>{project.title || project.name}</strong>
                <span className="muted mono">{project.name}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="create-title" className="card">
        <h2 id="create-title">Create an empty project</h2>
        <form className="inline-form" onSubmit={create}>
          <label className="field">
            <span>Name</span>
            <input
              name="projectName"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="my_app"
              aria-invalid={nameProblem !== null}
              aria-describedby="project-name-problem"
              required
            />
          </label>
          <label className="field">
            <span>Title (optional)</span>
            <input name="projectTitle" value={title} onChange={(e) => setTitle(e.target.value)} placeholder="My App" />
          </label>
          <button type="submit" className="button primary" disabled={busy || name === '' || nameProblem !== null}>
            {busy ? 'Creating…' : 'Create project'}
          </button>
        </form>
        <p id="project-name-problem" className="field-problem" role={nameProblem ? 'alert' : undefined}>
          {nameProblem}
        </p>
        {createError && (
          <p className="alert alert-error" role="alert">
            {createError}
          </p>
        )}
      </section>
    </main>
  )
}
