import type { ReactNode } from 'react'
import type { DraftProblems } from './service-draft.js'

/** The problems reported for one field path, shown right under the field (and announced). */
export function FieldProblems({
  problems,
  path,
  id,
}: {
  problems: DraftProblems
  path: string
  id: string
}): ReactNode {
  const messages = problems[path] ?? []
  return (
    <span id={id} className="field-problem" role={messages.length > 0 ? 'alert' : undefined} data-problem-for={path}>
      {messages.join(' ')}
    </span>
  )
}

/** Props that tie an input to its problems for assistive technology. */
export const invalidProps = (problems: DraftProblems, path: string, id: string) => ({
  'aria-invalid': (problems[path]?.length ?? 0) > 0,
  'aria-describedby': id,
})
