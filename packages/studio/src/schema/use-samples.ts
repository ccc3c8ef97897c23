import { useCallback, useMemo, useState } from 'react'
import { messageSample } from '../connection/format-message.js'
import type { LiveMessage } from '../connection/message-log.js'
import { formatChannelSamples, type ParsedChannelSamples, parseChannelSamplesText } from './channel-samples.js'
import { formatSamples, type ParsedSamples, parseSamplesText } from './samples-text.js'

/** A picked message: its channel (undefined for a bare WebSocket) and its value as a sample. */
interface Picked {
  channel: string | undefined
  value: unknown
}

/**
 * The samples being picked: messages ticked in the live list (kept even after the list drops them)
 * and the hand-editable JSON text, which is what counts once edited. With `byChannel` (a service with a
 * protocol) every sample keeps the channel it came on and the text is `{ "channel": [samples] }`.
 */
export function useSamples(initial: readonly unknown[] | Readonly<Record<string, unknown[]>> = [], byChannel = false) {
  const [picked, setPicked] = useState<ReadonlyMap<number, Picked>>(new Map())
  const format = useCallback(
    (values: readonly Picked[]) => {
      if (!byChannel) return formatSamples(values.map((p) => p.value))
      const grouped: Record<string, unknown[]> = {}
      for (const { channel, value } of values) {
        const key = channel ?? 'message'
        grouped[key] = [...(grouped[key] ?? []), value]
      }
      return formatChannelSamples(grouped)
    },
    [byChannel],
  )
  const [text, setText] = useState(() =>
    Array.isArray(initial)
      ? formatSamples(initial)
      : formatChannelSamples(initial as Readonly<Record<string, unknown[]>>),
  )
  const parsed: ParsedSamples = useMemo(() => {
    if (!byChannel) return parseSamplesText(text)
    const channels = parseChannelSamplesText(text)
    return channels.ok ? { ok: true, samples: Object.values(channels.byChannel).flat() } : channels
  }, [text, byChannel])
  const channels: ParsedChannelSamples | null = useMemo(
    () => (byChannel ? parseChannelSamplesText(text) : null),
    [text, byChannel],
  )

  const toggle = useCallback(
    (message: LiveMessage) => {
      const sample = messageSample(message)
      if (!sample.ok) return
      setPicked((current) => {
        const next = new Map(current)
        if (next.has(message.id)) next.delete(message.id)
        else next.set(message.id, { channel: message.channel, value: sample.value })
        setText(format([...next.values()]))
        return next
      })
    },
    [format],
  )

  const reset = useCallback(() => {
    setPicked(new Map())
    setText('')
  }, [])

  const selected = useMemo(() => new Set(picked.keys()), [picked])
  return { selected, toggle, text, setText, parsed, channels, reset }
}
