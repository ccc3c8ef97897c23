import { type ReactNode, useId } from 'react'
import { SchemaPreview } from './SchemaPreview.js'
import type { ParsedSamples } from './samples-text.js'

interface Props {
  text: string
  onTextChange: (text: string) => void
  parsed: ParsedSamples
  name: string
}

/** The chosen sample messages as editable JSON, with the inferred fields and types next to them. */
export function SamplesEditor({ text, onTextChange, parsed, name }: Props): ReactNode {
  const id = useId()
  return (
    <div className="samples-editor">
      <label className="field">
        <span>Sample responses (JSON array; tick messages above or edit here)</span>
        <textarea
          name="samples"
          className="mono"
          rows={8}
          value={text}
          onChange={(e) => onTextChange(e.target.value)}
          aria-invalid={!parsed.ok}
          aria-describedby={`${id}-problem`}
          spellCheck={false}
          placeholder='[{ "time": 1513152655902, "value": 95 }]'
        />
      </label>
      <p id={`${id}-problem`} className="field-problem" role={parsed.ok ? undefined : 'alert'}>
        {parsed.ok ? '' : parsed.error}
      </p>
      {parsed.ok && <SchemaPreview samples={parsed.samples} name={name} />}
    </div>
  )
}
