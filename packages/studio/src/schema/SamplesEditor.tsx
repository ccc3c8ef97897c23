import { type ReactNode, useId } from 'react'
import { ChannelSchemas } from './ChannelSchemas.js'
import type { ParsedChannelSamples } from './channel-samples.js'
import { SchemaPreview } from './SchemaPreview.js'
import type { ParsedSamples } from './samples-text.js'

interface Props {
  text: string
  onTextChange: (text: string) => void
  parsed: ParsedSamples
  name: string
  /** A protocol service's samples, per channel: one schema and type per channel. Omit for a bare WebSocket. */
  channels?: ParsedChannelSamples | null
}

/** The chosen sample messages as editable JSON, with the inferred fields and types next to them. */
export function SamplesEditor({ text, onTextChange, parsed, name, channels }: Props): ReactNode {
  const id = useId()
  return (
    <div className="samples-editor">
      <label className="field">
        <span>
          {channels
            ? 'Sample messages per channel (a JSON object of arrays; tick messages or edit here)'
            : 'Sample responses (JSON array; tick messages above or edit here)'}
        </span>
        <textarea
          name="samples"
          className="mono"
          rows={8}
          value={text}
          onChange={(e) => onTextChange(e.target.value)}
          aria-invalid={!parsed.ok}
          aria-describedby={`${id}-problem`}
          spellCheck={false}
          placeholder={
            channels
              ? '{ "prices": [{ "symbol": "ACME", "price": 12.5 }] }'
              : '[{ "time": 1513152655902, "value": 95 }]'
          }
        />
      </label>
      <p id={`${id}-problem`} className="field-problem" role={parsed.ok ? undefined : 'alert'}>
        {parsed.ok ? '' : parsed.error}
      </p>
      {channels
        ? channels.ok && <ChannelSchemas byChannel={channels.byChannel} />
        : parsed.ok && <SchemaPreview samples={parsed.samples} name={name} />}
    </div>
  )
}
