import { isTetherError, type ResumeOptions, validateResumeOptions } from '@tether/core'
import type { ReactNode } from 'react'

interface Props {
  /** The variable's `resume` option as being typed: either part may still be empty. */
  resume: ResumeOptions | undefined
  /** The record fields of the service's samples, offered for the field. */
  fields: readonly string[]
  onChange: (resume: ResumeOptions | undefined) => void
}

/**
 * Why the typed `resume` option cannot be saved (core's rule, in the form's words), or null. Both
 * parts empty means "off" and is fine.
 */
export function resumeProblem(resume: ResumeOptions | undefined): string | null {
  if (resume === undefined || (resume.param === '' && resume.field === '')) return null
  try {
    validateResumeOptions(resume)
    return null
  } catch (error) {
    const details = isTetherError(error) ? error.details.map((d) => d.message) : [(error as Error).message]
    return `Catch up after a reconnect: ${details.join(' ')}`
  }
}

/**
 * "Catch up after a reconnect" (the variable's `resume` option): on a reconnect the query parameter
 * carries the newest record's field, so a service such as the chat sends only what was missed, and a
 * record already shown is not added twice. Without it, a service that replays its history on every
 * connection shows that history again after each reconnect.
 */
export function ResumeFields({ resume, fields, onChange }: Props): ReactNode {
  const set = (patch: Partial<ResumeOptions>) => {
    const next = { param: resume?.param ?? '', field: resume?.field ?? '', ...patch }
    onChange(next.param === '' && next.field === '' ? undefined : next)
  }
  return (
    <fieldset className="fieldset span-2">
      <legend>Catch up after a reconnect</legend>
      <p className="muted small">
        For a service that can send what was missed: after a reconnect, the query parameter carries the newest record's
        field (for Tether's chat: <code>since</code> = <code>id</code>). Leave both empty if the service cannot.
      </p>
      <div className="form-grid">
        <label className="field">
          <span>Resume query parameter</span>
          <input
            className="mono"
            placeholder="since"
            value={resume?.param ?? ''}
            onChange={(e) => set({ param: e.target.value.trim() })}
          />
        </label>
        <label className="field">
          <span>Resume from the record field</span>
          <input
            className="mono"
            list="variable-resume-fields"
            placeholder="id"
            value={resume?.field ?? ''}
            onChange={(e) => set({ field: e.target.value.trim() })}
          />
          <datalist id="variable-resume-fields">
            {fields.map((f) => (
              <option key={f} value={f} />
            ))}
          </datalist>
        </label>
      </div>
    </fieldset>
  )
}
