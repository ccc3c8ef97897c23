import { type RefObject, useRef, useState } from 'react'
import { flushSync } from 'react-dom'

/** Problems per field path (`name`, `queryParams[0].name`…), as the forms and the server report them. */
export type FieldProblemsByPath = Record<string, string[]>

/** What a save answers: done, or the server's message and its problems located on the fields. */
export type SaveOutcome = { ok: true } | { ok: false; message: string; problems: FieldProblemsByPath }

/** The state of a form saved through {@link useSaveWithValidation}. */
export interface SaveWithValidation {
  /** Put on the `<form>`: the first invalid field inside it takes the focus. */
  formRef: RefObject<HTMLFormElement | null>
  /** The problems shown beside the fields. */
  problems: FieldProblemsByPath
  setProblems: (problems: FieldProblemsByPath) => void
  /** The server's message when the last save failed; null otherwise. */
  saveError: string | null
  /** True while the save is on its way. */
  busy: boolean
  /**
   * Shows `found` on the fields; when there are any, moves the focus to the first invalid field and
   * does not save. Otherwise runs `save` and shows what the server refused. Resolves true once saved.
   */
  saveIfValid: (found: FieldProblemsByPath, save: () => Promise<SaveOutcome>) => Promise<boolean>
}

/**
 * Validate, then focus, then save: the one sequence behind the studio's Save and Import buttons.
 * The user sees every problem at once with the cursor on the first one, and nothing is written until
 * the form is valid; the server validates again and its problems land on the same fields.
 *
 * ```tsx
 * const { formRef, problems, saveIfValid } = useSaveWithValidation()
 * const onSubmit = async () => {
 *   if (await saveIfValid(validateDraft(draft, taken), () => saveService(project, draft))) go([])
 * }
 * ```
 */
export function useSaveWithValidation(): SaveWithValidation {
  const formRef = useRef<HTMLFormElement>(null)
  const [problems, setProblems] = useState<FieldProblemsByPath>({})
  const [saveError, setSaveError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const saveIfValid = async (found: FieldProblemsByPath, save: () => Promise<SaveOutcome>) => {
    // Rendered at once, so the first invalid field can take the focus.
    flushSync(() => {
      setProblems(found)
      setSaveError(null)
    })
    if (Object.keys(found).length > 0) {
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
      return false
    }
    setBusy(true)
    const result = await save().finally(() => setBusy(false))
    if (!result.ok) {
      setProblems(result.problems)
      setSaveError(result.message)
      return false
    }
    return true
  }

  return { formRef, problems, setProblems, saveError, busy, saveIfValid }
}
