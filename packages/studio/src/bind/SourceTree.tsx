import type { ReactNode } from 'react'
import type { BindingSource } from './binding-sources.js'

interface Props {
  sources: BindingSource[]
  selected: string
  onPick: (expression: string) => void
  filter: string
}

function matches(source: BindingSource, filter: string): boolean {
  if (filter === '') return true
  const needle = filter.toLowerCase()
  return (
    source.label.toLowerCase().includes(needle) ||
    (source.expression ?? '').toLowerCase().includes(needle) ||
    (source.children ?? []).some((child) => matches(child, filter))
  )
}

function Entry({
  source,
  selected,
  onPick,
  filter,
  depth,
}: Omit<Props, 'sources'> & { source: BindingSource; depth: number }) {
  const children = (source.children ?? []).filter((child) => matches(child, filter))
  const pick = source.expression ? (
    <button
      type="button"
      className="source-pick"
      aria-pressed={selected === source.expression}
      data-expression={source.expression}
      title={source.expression}
      onClick={() => source.expression && onPick(source.expression)}
    >
      <span className="source-label">{source.label}</span>
      {source.type && <span className="source-type">{source.type}</span>}
      {source.description && <span className="source-description">{source.description}</span>}
    </button>
  ) : (
    <span className="source-group">
      <span className="source-label">{source.label}</span>
      {source.type && <span className="source-type">{source.type}</span>}
      {source.description && <span className="source-description">{source.description}</span>}
    </span>
  )
  return (
    <li>
      {pick}
      {children.length > 0 && (
        <ul className="source-children">
          {children.map((child) => (
            <Entry
              key={child.label}
              source={child}
              selected={selected}
              onPick={onPick}
              filter={filter}
              depth={depth + 1}
            />
          ))}
        </ul>
      )}
      {depth === 0 && children.length === 0 && !source.expression && (
        <p className="muted small source-none">Nothing here yet.</p>
      )}
    </li>
  )
}

/** The bindable values as a nested list of buttons: one click picks an expression. */
export function SourceTree({ sources, selected, onPick, filter }: Props): ReactNode {
  return (
    <ul className="source-tree" aria-label="Values to bind to">
      {sources
        .filter((source) => matches(source, filter))
        .map((source) => (
          <Entry key={source.label} source={source} selected={selected} onPick={onPick} filter={filter} depth={0} />
        ))}
    </ul>
  )
}
