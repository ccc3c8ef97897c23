import type { ReactNode } from 'react'
import { DraftBanner, draftKey, useDraft } from '../drafts/index.js'
import type { ScriptFile } from './use-script-file.js'

/**
 * Keeps the script's unsaved text in the browser, so a reload or a closed tab loses nothing, and offers
 * a kept draft back. Rendered once the saved script has loaded (a draft is compared with it).
 */
export function ScriptDraft({ project, script }: { project: string; script: ScriptFile }): ReactNode {
  const ready = script.ready
  const text = ready?.text ?? ''
  const draft = useDraft(draftKey(project, script.path), text, script.dirty, ready?.saved ?? '')
  return (
    <DraftBanner
      draft={draft}
      what={`the script ${script.path}`}
      base={ready?.saved ?? ''}
      onRestore={(restored) => script.setText(restored)}
    />
  )
}
