import { useCallback, useMemo, useState } from 'react'
import { messageSample } from '../connection/format-message.js'
import type { LiveMessage } from '../connection/message-log.js'
import { formatSamples, parseSamplesText } from './samples-text.js'

/**
 * The samples being picked: messages ticked in the live list (kept even after the list drops them)
 * and the hand-editable JSON text, which is what counts once edited.
 */
export function useSamples(initial: readonly unknown[] = []) {
  const [picked, setPicked] = useState<ReadonlyMap<number, unknown>>(new Map())
  const [text, setText] = useState(() => formatSamples(initial))
  const parsed = useMemo(() => parseSamplesText(text), [text])

  const toggle = useCallback((message: LiveMessage) => {
    const sample = messageSample(message)
    if (!sample.ok) return
    setPicked((current) => {
      const next = new Map(current)
      if (next.has(message.id)) next.delete(message.id)
      else next.set(message.id, sample.value)
      setText(formatSamples([...next.values()]))
      return next
    })
  }, [])

  const reset = useCallback(() => {
    setPicked(new Map())
    setText(formatSamples([]))
  }, [])

  const selected = useMemo(() => new Set(picked.keys()), [picked])
  return { selected, toggle, text, setText, parsed, reset }
}
