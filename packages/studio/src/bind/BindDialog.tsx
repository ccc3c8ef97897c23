import type { InferredField } from '@tether/core'
import type { PageRuntime } from '@tether/runtime'
import { type ReactNode, useId, useMemo, useState } from 'react'
import { type BindingContext, bindingSources } from './binding-sources.js'
import { FilterBar } from './FilterBar.js'
import { LivePreview } from './LivePreview.js'
import { Modal } from './Modal.js'
import { SourceTree } from './SourceTree.js'
import { checkExpression } from './validate-expression.js'

export interface BindDialogProps {
  /** What is being bound, e.g. `chart1.dataset`. */
  target: string
  /**
   * `expression`: pick a value (variable field, widget value…) → `bind:<expression>`.
   * `field`: pick a field of the records of the widget's dataset → its name (Chart x/y, key field).
   */
  mode: 'expression' | 'field'
  value: unknown
  context: BindingContext
  /** The widget being edited (its enclosing List offers `item`); null for variable inputs. */
  forWidget: string | null
  /** The dataset's record fields (field mode). */
  fields?: readonly InferredField[]
  /** The canvas's live page, for the current value of the expression (none outside the designer). */
  live?: PageRuntime | null
  onApply: (value: unknown) => void
  onClose: () => void
}

const initialExpression = (value: unknown) =>
  typeof value === 'string' && value.startsWith('bind:') ? value.slice(5).trim() : ''

/**
 * Binds a property to a value by clicks; the expression is checked with core's compiler as it changes
 * and, in the designer, its current value is read from the canvas's live data.
 */
export function BindDialog(props: BindDialogProps): ReactNode {
  return props.mode === 'field' ? <FieldPicker {...props} /> : <ExpressionPicker {...props} />
}

function ExpressionPicker({ target, value, context, forWidget, live, onApply, onClose }: BindDialogProps): ReactNode {
  const [expression, setExpression] = useState(() => initialExpression(value))
  const [search, setSearch] = useState('')
  const checkId = useId()
  const sources = useMemo(() => bindingSources(context, forWidget), [context, forWidget])
  const check = checkExpression(expression)
  const apply = () => check.ok && onApply(`bind:${expression.trim()}`)

  return (
    <Modal
      title={
        <>
          Bind <span className="mono">{target}</span>
        </>
      }
      wide
      onClose={onClose}
      footer={
        <>
          {initialExpression(value) !== '' && (
            <button type="button" className="button danger" onClick={() => onApply(undefined)}>
              Remove binding
            </button>
          )}
          <span className="topbar-spacer" />
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button primary" disabled={!check.ok} onClick={apply}>
            Bind
          </button>
        </>
      }
    >
      <div className="bind-layout">
        <div className="bind-sources">
          <input
            type="search"
            aria-label="Filter values"
            placeholder="Filter values…"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <SourceTree sources={sources} selected={expression} onPick={setExpression} filter={search} />
        </div>
        <div className="bind-editor">
          <label className="field">
            <span>Expression</span>
            <textarea
              className="mono"
              rows={3}
              value={expression}
              aria-invalid={!check.ok && expression !== ''}
              aria-describedby={checkId}
              onChange={(e) => setExpression(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) apply()
              }}
            />
          </label>
          <p id={checkId} className={check.ok ? 'bind-ok small' : 'field-problem'} role="status">
            {check.ok
              ? `✓ Valid. Reads ${check.dependencies.join(', ') || 'nothing that changes'}.`
              : expression && check.message}
          </p>
          <LivePreview expression={expression} runtime={live ?? null} />
          <FilterBar expression={expression} context={context} onChange={setExpression} />
        </div>
      </div>
    </Modal>
  )
}

function FieldPicker({ target, value, fields = [], onApply, onClose }: BindDialogProps): ReactNode {
  const [field, setField] = useState(typeof value === 'string' && !value.startsWith('bind:') ? value : '')
  return (
    <Modal
      title={
        <>
          Choose the field for <span className="mono">{target}</span>
        </>
      }
      onClose={onClose}
      footer={
        <>
          <span className="topbar-spacer" />
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button primary" disabled={field === ''} onClick={() => onApply(field)}>
            Use field
          </button>
        </>
      }
    >
      {fields.length === 0 ? (
        <p className="muted">Bind the widget's dataset to a variable first; its fields are listed here.</p>
      ) : (
        <ul className="source-tree" aria-label="Fields of the dataset">
          {fields.map((f) => (
            <li key={f.path}>
              <button
                type="button"
                className="source-pick"
                aria-pressed={field === f.path}
                data-field={f.path}
                onClick={() => setField(f.path)}
                onDoubleClick={() => onApply(f.path)}
              >
                <span className="source-label">{f.path}</span>
                <span className="source-type">{f.type}</span>
                {f.description && <span className="source-description">{f.description}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      <label className="field">
        <span>Field name</span>
        <input className="mono" value={field} onChange={(e) => setField(e.target.value)} />
      </label>
    </Modal>
  )
}
