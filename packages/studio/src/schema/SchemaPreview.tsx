import { type InferredField, type InferredSchema, inferSchema } from '@tether/core'
import { type ReactNode, useMemo } from 'react'
import { CopyButton } from './CopyButton.js'

function FieldTable({ fields, caption }: { fields: readonly InferredField[]; caption: string }): ReactNode {
  return (
    <table className="table compact fields-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Type</th>
          <th scope="col">Notes</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => (
          <tr key={field.path} data-field={field.path}>
            <td className="mono">{field.path === '' ? '(message)' : field.path}</td>
            <td className="mono field-type">{field.type}</td>
            <td className="muted">
              {[field.optional && 'optional', field.nullable && 'nullable', field.description]
                .filter(Boolean)
                .join(' · ')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The fields, TypeScript type and (for mixed streams) the message kinds inferred from the samples. */
export function SchemaPreview({ samples, name }: { samples: readonly unknown[]; name: string }): ReactNode {
  const inferred: InferredSchema | null = useMemo(
    () => (samples.length === 0 ? null : inferSchema([...samples], { name: name || 'Message' })),
    [samples, name],
  )
  if (!inferred) return <p className="empty">Pick one or more messages (or type samples) to see the inferred fields.</p>
  return (
    <div className="schema-preview" aria-live="polite">
      {inferred.discriminator && inferred.kinds ? (
        <>
          <p className="alert">
            The samples differ in shape. Proposed discriminator: <code>{inferred.discriminator}</code> —{' '}
            {inferred.kinds.length} message kinds.
          </p>
          {inferred.kinds.map((kind) => (
            <FieldTable
              key={kind.value}
              fields={kind.fields}
              caption={`${inferred.discriminator} = ${JSON.stringify(kind.value)}`}
            />
          ))}
        </>
      ) : (
        <FieldTable
          fields={inferred.fields}
          caption={`Inferred from ${samples.length} sample${samples.length === 1 ? '' : 's'}`}
        />
      )}
      <div className="code-block">
        <div className="code-block-header">
          <span className="small muted">TypeScript</span>
          <CopyButton text={inferred.typescript} />
        </div>
        <pre className="mono" data-testid="typescript">
          {inferred.typescript}
        </pre>
      </div>
    </div>
  )
}
