import { BINDING_PREFIX, BoundValues, type PageRuntime } from '@tether/runtime'

/** Longest preview text; a whole dataSet streaming in would otherwise fill the dialog. */
export const PREVIEW_LIMIT = 240

/** What the preview shows: the value as text, or why it could not be read. */
export type LivePreview = { ok: true; text: string } | { ok: false; message: string }

/** The value as one line of text, cut at `limit` characters: strings as they are, the rest as JSON. */
export function formatPreview(value: unknown, limit = PREVIEW_LIMIT): string {
  let text: string
  if (value === undefined) text = 'undefined'
  else if (typeof value === 'string') text = value
  else if (typeof value === 'bigint') text = `${value}n`
  else if (typeof value === 'function') text = '[function]'
  else {
    try {
      text = JSON.stringify(value) ?? String(value)
    } catch {
      text = String(value) // cyclic: its tag is all there is to show
    }
    if (Array.isArray(value)) text = `${value.length} item${value.length === 1 ? '' : 's'}: ${text}`
  }
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text
}

/**
 * A preview is one bound value of the canvas's page: the runtime's own `BoundValues` (its evaluation
 * scope, dependency watching, compile cache and frame scheduler), so it shows what a widget would.
 */
export function watchPreview(
  runtime: PageRuntime,
  expression: string,
  show: (preview: LivePreview) => void,
  limit = PREVIEW_LIMIT,
): () => void {
  const bound = new BoundValues(runtime, { value: `${BINDING_PREFIX}${expression}` })
  const read = () => {
    const { values, errors } = bound.getSnapshot()
    const message = errors?.value
    show(message === undefined ? { ok: true, text: formatPreview(values.value, limit) } : { ok: false, message })
  }
  read()
  return bound.subscribe(read)
}
