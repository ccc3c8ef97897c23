import type { PageRuntime } from '@tether/runtime'
import { type ReactNode, useEffect, useState } from 'react'
import { type LivePreview as Preview, watchPreview } from './live-value.js'
import { checkExpression } from './validate-expression.js'

interface Props {
  expression: string
  /** The canvas's live page (its variables stream while the dialog is open); null when there is none. */
  runtime: PageRuntime | null
}

const readsListItem = (dependencies: readonly string[]) =>
  dependencies.some((d) => d === 'item' || d.startsWith('item.') || /^Widgets\.[^.]+\.currentItem/.test(d))

/**
 * The current value of the expression being built, read from the canvas's live data and updated as it
 * streams (at most once per frame, as the runtime's own bindings do).
 */
export function LivePreview({ expression, runtime }: Props): ReactNode {
  const check = checkExpression(expression)
  const source = check.ok ? expression : null
  const [preview, setPreview] = useState<Preview | null>(null)

  useEffect(() => {
    if (!runtime || source === null) {
      setPreview(null)
      return
    }
    return watchPreview(runtime, source, setPreview)
  }, [runtime, source])

  if (source === null) return null
  if (!runtime) {
    return <p className="muted small live-preview">Live values show when you bind from the page designer's canvas.</p>
  }
  return (
    // Not a live region: streaming data would be read out on every frame.
    <div className="live-preview">
      <span className="live-preview-label">Current value</span>
      {preview === null ? null : preview.ok ? (
        <output className="mono live-preview-value" data-testid="live-preview">
          {preview.text}
        </output>
      ) : (
        <output className="field-problem live-preview-value" data-testid="live-preview">
          {preview.message}
        </output>
      )}
      {check.ok && readsListItem(check.dependencies) && (
        <span className="muted small">Inside a list, each row shows its own item; here there is none.</span>
      )}
    </div>
  )
}
