import type { PageAccess } from '@tether/runtime'
import { type FormEvent, type ReactNode, useMemo, useState } from 'react'
import { type EntityMetadata, findEntity, useEntities } from '../api/entities.js'
import { StudioApiError } from '../api/http.js'
import { studioApi } from '../api/studio-api.js'
import { DraftBanner, draftKey, useDraft, useLeaveGuard } from '../drafts/index.js'
import { type FieldProblemsByPath, type SaveOutcome, useSaveWithValidation } from '../form/index.js'
import type { SectionProps } from '../model/section.js'
import { RoleChips } from './RoleChips.js'
import './security.css'
import {
  ACCESS_LABELS,
  draftFromProject,
  draftToSecurity,
  formPath,
  presetFor,
  roleCandidates,
  type SecurityDraft,
  usernameCandidates,
  validateSecurityDraft,
} from './security-draft.js'

const entityLabel = (name: string) => name.charAt(0).toUpperCase() + name.slice(1)

function FieldPicker({
  label,
  value,
  options,
  problems,
  disabled,
  none,
  onChange,
}: {
  label: string
  value: string
  options: readonly string[]
  problems: readonly string[] | undefined
  disabled: boolean
  /** The label of an empty choice (e.g. "No role field"). Defaults to no empty choice. */
  none?: string
  onChange: (value: string) => void
}): ReactNode {
  // The saved value stays choosable even when the catalog no longer offers it, so the form shows the file.
  const choices = value === '' || options.includes(value) ? options : [value, ...options]
  return (
    <label className="field">
      <span>{label}</span>
      <select
        value={value}
        disabled={disabled}
        aria-invalid={problems !== undefined}
        onChange={(event) => onChange(event.target.value)}
      >
        {(none !== undefined || value === '') && <option value="">{none ?? 'Pick a field'}</option>}
        {choices.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      <span className="field-problem">{problems?.join(' ')}</span>
    </label>
  )
}

async function save(project: string, file: SectionProps['contents']['project'], draft: SecurityDraft) {
  try {
    await studioApi.saveProjectFile(project, { ...file, security: draftToSecurity(draft) })
    return { ok: true } satisfies SaveOutcome
  } catch (error) {
    if (!(error instanceof StudioApiError)) throw error
    const problems: FieldProblemsByPath = {}
    for (const detail of error.details) {
      const path = formPath(detail.path)
      problems[path] = [...(problems[path] ?? []), detail.message]
    }
    return { ok: false, message: error.message, problems } satisfies SaveOutcome
  }
}

/**
 * The project's security, as in WaveMaker's "Configure the Security": the switch, the Database provider
 * (an entity of the server's catalog and its id, username, password and role fields) and who may open
 * each page. Unsaved work survives a reload; Save checks the form, then the server checks it again.
 */
export function SecuritySection({ project, contents, reload }: SectionProps): ReactNode {
  const saved = useMemo(() => draftFromProject(contents.project), [contents.project])
  const savedJson = JSON.stringify(saved)
  const [form, setForm] = useState<SecurityDraft>(saved)
  const [notice, setNotice] = useState<string | null>(null)
  const dirty = JSON.stringify(form) !== savedJson
  const draft = useDraft(draftKey(project, 'security'), form, dirty, savedJson)
  useLeaveGuard(dirty ? 'the security settings' : null, { project, section: 'security', path: [] })
  const catalog = useEntities()
  const { formRef, problems, saveError, busy, saveIfValid } = useSaveWithValidation()
  const entity = findEntity(catalog, form.entity)
  const entities: readonly EntityMetadata[] = catalog.state === 'ready' ? catalog.entities : []
  const off = !form.enabled

  const change = (patch: Partial<SecurityDraft>) => {
    setNotice(null)
    setForm((current) => ({ ...current, ...patch }))
  }
  const pickEntity = (name: string) => {
    const picked = entities.find((e) => e.name === name)
    change(picked ? presetFor(picked) : { entity: name })
  }
  const setRule = (page: string, access: PageAccess, roles: string[]) =>
    change({ pages: { ...form.pages, [page]: { access, roles: access === 'roles' ? roles : [] } } })

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const found = validateSecurityDraft(form, entity)
    if (await saveIfValid(found, () => save(project, contents.project, form))) {
      // The section stays open: once reloaded, the saved file equals the form and the draft is removed.
      setNotice(form.enabled ? 'Saved. The app now asks its users to sign in.' : 'Saved. The app is open to everyone.')
      await reload()
    }
  }

  const roleValues = entity?.fields.find((f) => f.name === form.roleField)?.values ?? []
  const fields = entity?.fields.map((f) => f.name) ?? []
  return (
    <section aria-labelledby="security-title" className="security">
      <header className="panel-header">
        <div>
          <h1 id="security-title">Security</h1>
          <p className="muted">Who can sign in to the app, and which pages each user may open.</p>
        </div>
        <div className="header-actions">
          <button type="submit" form="security-form" className="button primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </header>
      <DraftBanner draft={draft} what="the security settings" base={savedJson} onRestore={(value) => setForm(value)} />
      {saveError && (
        <p className="alert alert-error" role="alert">
          {saveError}
        </p>
      )}
      <p className={notice ? 'alert alert-ok' : 'visually-hidden'} role="status">
        {notice}
      </p>
      <form id="security-form" ref={formRef} onSubmit={submit} noValidate>
        <div className="card">
          <label className="check security-switch">
            <input
              type="checkbox"
              role="switch"
              checked={form.enabled}
              aria-checked={form.enabled}
              onChange={(event) => change({ enabled: event.target.checked })}
            />
            <span>Enable security</span>
          </label>
          <p className="muted small">
            {form.enabled
              ? 'The app shows a sign-in page; each page below says who may open it.'
              : 'Off: anyone who has the link can open every page.'}
          </p>
        </div>

        <fieldset className="fieldset" disabled={off}>
          <legend>Users</legend>
          {catalog.state === 'error' && (
            <p className="alert alert-error" role="alert">
              {catalog.message} Reload the studio to try again.
            </p>
          )}
          <div className="form-grid">
            <label className="field">
              <span>Provider</span>
              <select value="database" onChange={() => {}}>
                <option value="database">Database</option>
              </select>
            </label>
            <label className="field">
              <span>Entity</span>
              <select
                value={form.entity}
                aria-invalid={problems.entity !== undefined}
                onChange={(event) => pickEntity(event.target.value)}
              >
                {form.entity === '' && <option value="">Pick an entity</option>}
                {!entities.some((e) => e.name === form.entity) && form.entity !== '' && (
                  <option value={form.entity}>{entityLabel(form.entity)}</option>
                )}
                {entities.map((e) => (
                  <option key={e.name} value={e.name}>
                    {entityLabel(e.name)}
                  </option>
                ))}
              </select>
              <span className="field-problem">{problems.entity?.join(' ')}</span>
            </label>
            <FieldPicker
              label="Id field"
              value={form.idField}
              options={entity ? [entity.primaryKey] : fields}
              problems={problems.idField}
              disabled={off}
              onChange={(idField) => change({ idField })}
            />
            <FieldPicker
              label="Username field"
              value={form.usernameField}
              options={entity ? usernameCandidates(entity) : []}
              problems={problems.usernameField}
              disabled={off}
              onChange={(usernameField) => change({ usernameField })}
            />
            <FieldPicker
              label="Password field"
              value={form.passwordField}
              options={entity?.passwordField ? [entity.passwordField] : []}
              problems={problems.passwordField}
              disabled={off}
              onChange={(passwordField) => change({ passwordField })}
            />
            <FieldPicker
              label="Role field"
              value={form.roleField}
              options={entity ? roleCandidates(entity) : []}
              problems={problems.roleField}
              disabled={off}
              none="No role field"
              onChange={(roleField) => change({ roleField })}
            />
          </div>
          <p className="muted small">
            Users sign in with the username field and their password; the role field gives each user a role. The server
            checks these against the database when you save.
          </p>
        </fieldset>

        <fieldset className="fieldset" disabled={off}>
          <legend>Pages</legend>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Page</th>
                <th scope="col">Who can open it</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(form.pages).map(([page, rule]) => {
                const pageProblems = problems[`pages.${page}`]
                return (
                  <tr key={page} data-page={page}>
                    <td className="mono">
                      {page}
                      {page === contents.project.homePage && <span className="muted small"> (home)</span>}
                    </td>
                    <td>
                      <select
                        aria-label={`Who can open ${page}`}
                        value={rule.access}
                        onChange={(event) => setRule(page, event.target.value as PageAccess, rule.roles)}
                      >
                        {(Object.keys(ACCESS_LABELS) as PageAccess[]).map((access) => (
                          <option key={access} value={access}>
                            {ACCESS_LABELS[access]}
                          </option>
                        ))}
                      </select>
                      {rule.access === 'roles' && (
                        <RoleChips
                          page={page}
                          roles={rule.roles}
                          suggestions={roleValues}
                          invalid={pageProblems !== undefined}
                          onChange={(roles) => setRule(page, 'roles', roles)}
                        />
                      )}
                      <span className="field-problem">{pageProblems?.join(' ')}</span>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </fieldset>
      </form>
    </section>
  )
}
