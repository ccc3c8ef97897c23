import { IDENTIFIER_RULE, isIdentifier } from '@tether/core'
import { type ChangeEvent, type FormEvent, type ReactNode, useCallback, useEffect, useState } from 'react'
import { StudioApiError } from '../api/http.js'
import { type ProjectSummary, studioApi } from '../api/studio-api.js'
import { moveDrafts } from '../drafts/index.js'

interface Props {
  open: (project: string) => void
}

/** The message of a failed call, with the server's first detail (what exactly was wrong). */
function describeError(error: unknown): string {
  const detail = error instanceof StudioApiError ? error.details[0] : undefined
  const message = (error as Error).message
  return detail ? `${message} ${detail.path ? `${detail.path}: ` : ''}${detail.message}` : message
}

/** A file's bytes as base64 (the import API takes JSON, like every state-changing call). */
function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'))
    reader.readAsDataURL(file)
  })
}

/** Opens, creates, renames, duplicates, deletes, exports and imports projects. */
export function ProjectPicker({ open }: Props): ReactNode {
  const [projects, setProjects] = useState<ProjectSummary[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [title, setTitle] = useState('')
  const [createError, setCreateError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const [manageError, setManageError] = useState<string | null>(null)
  const [manageNotice, setManageNotice] = useState<string | null>(null)

  const load = useCallback(() => {
    studioApi
      .listProjects()
      .then((answer) => setProjects(answer.data))
      .catch((error: Error) => setLoadError(error.message))
  }, [])
  useEffect(load, [load])

  /** Runs one project action, then reloads the list and says what happened (or why not). */
  const manage = async (action: () => Promise<string>) => {
    setManageError(null)
    setManageNotice(null)
    try {
      setManageNotice(await action())
    } catch (error) {
      setManageError(describeError(error))
    }
    load()
  }
  const askName = (question: string, suggestion: string) => {
    const answer = window.prompt(question, suggestion)?.trim()
    return answer ? answer : null
  }
  const renameProject = (project: string) => {
    const to = askName(`Rename the project "${project}" to:`, project)
    if (to && to !== project)
      void manage(async () => {
        const renamed = (await studioApi.renameProject(project, to)).name
        moveDrafts(project, renamed)
        return `Renamed ${project} to ${renamed}.`
      })
  }
  const duplicateProject = (project: string) => {
    const to = askName(`Name of the copy of "${project}":`, `${project}_copy`)
    if (to) void manage(async () => `Duplicated ${project} as ${(await studioApi.duplicateProject(project, to)).name}.`)
  }
  const deleteProject = (project: string) => {
    if (!window.confirm(`Delete the project "${project}" and all its files? Export it first to keep a copy.`)) return
    void manage(async () => {
      await studioApi.deleteProject(project)
      moveDrafts(project, null)
      return `Deleted ${project}.`
    })
  }
  const importProject = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (file) void manage(async () => `Imported ${(await studioApi.importProject(await readAsBase64(file))).name}.`)
  }

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
      setCreateError(describeError(error))
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
            <li key={project.name} data-project={project.name}>
              <button type="button" className="project-card" onClick={() => open(project.name)}>
                <strong>{project.title || project.name}</strong>
                <span className="muted mono">{project.name}</span>
              </button>
              <div className="project-actions">
                <button
                  type="button"
                  className="button ghost small"
                  aria-label={`Rename ${project.name}`}
                  onClick={() => renameProject(project.name)}
                >
                  Rename
                </button>
                <button
                  type="button"
                  className="button ghost small"
                  aria-label={`Duplicate ${project.name}`}
                  onClick={() => duplicateProject(project.name)}
                >
                  Duplicate
                </button>
                <a
                  className="button ghost small"
                  href={studioApi.exportUrl(project.name)}
                  download={`${project.name}.zip`}
                  aria-label={`Export ${project.name}`}
                >
                  Export
                </a>
                <button
                  type="button"
                  className="button ghost small danger"
                  aria-label={`Delete ${project.name}`}
                  onClick={() => deleteProject(project.name)}
                >
                  Delete
                </button>
              </div>
            </li>
          ))}
        </ul>
      </section>
      {manageNotice && (
        <p className="alert" role="status">
          {manageNotice}
        </p>
      )}
      {manageError && (
        <p className="alert alert-error" role="alert">
          {manageError}
        </p>
      )}
      <section aria-labelledby="import-title" className="card">
        <h2 id="import-title">Import a project</h2>
        <label className="field">
          <span>Project zip (as Export makes it)</span>
          <input type="file" accept=".zip,application/zip" onChange={importProject} />
        </label>
        <p className="muted small">Checked before anything is written: an invalid zip changes nothing.</p>
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
