import { type Action, CALLABLE_METHODS, type EventHandlers } from '@tether/runtime'
import { type ReactNode, useState } from 'react'
import { EditableRows } from '../form/index.js'

export interface EventTargets {
  variables: string[]
  widgets: string[]
  pages: string[]
}

interface Props {
  events: EventHandlers | undefined
  /** The events this thing fires, e.g. onOpen, onMessageReceive, onClick. */
  eventNames: readonly string[]
  targets: EventTargets
  onChange: (events: EventHandlers | undefined) => void
  /**
   * Writes a handler stub for `event` into the page's script and opens the editor at it; returns the
   * handler's name, or a problem to show. Absent outside the page designer: JavaScript is not offered.
   */
  onJavaScript?: ((event: string) => { handler: string } | { problem: string }) | undefined
}

/** The "Add action" choice that writes a JavaScript handler instead of adding a no-code action. */
const JAVASCRIPT = 'javascript'

const KINDS = {
  call: 'Call a variable method',
  setWidget: 'Set a widget value',
  navigate: 'Navigate to a page',
  notify: 'Show a notification',
  script: 'Run a page-script handler',
  logout: 'Sign out',
} as const
type Kind = keyof typeof KINDS

const kindOf = (action: Action): Kind => Object.keys(KINDS).find((k) => k in action) as Kind

function newAction(kind: Kind, targets: EventTargets): Action {
  switch (kind) {
    case 'call':
      return { call: `${targets.variables[0] ?? 'variable'}.open` }
    case 'setWidget':
      return { setWidget: targets.widgets[0] ?? 'widget', property: 'datavalue', value: '' }
    case 'navigate':
      return { navigate: targets.pages[0] ?? 'Main' }
    case 'notify':
      return { notify: 'Done', level: 'info' }
    case 'script':
      return { script: 'handler' }
    case 'logout':
      return { logout: true }
  }
}

function Choice({
  label,
  value,
  options,
  onChange,
}: {
  label: string
  value: string
  options: readonly string[]
  onChange: (v: string) => void
}) {
  const all = options.includes(value) ? options : [value, ...options]
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      {all.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  )
}

function ActionFields({
  action,
  targets,
  onChange,
}: {
  action: Action
  targets: EventTargets
  onChange: (a: Action) => void
}) {
  if ('call' in action) {
    const [variable = '', method = 'open'] = action.call.split('.')
    return (
      <>
        <Choice
          label="Variable"
          value={variable}
          options={targets.variables}
          onChange={(v) => onChange({ call: `${v}.${method}` })}
        />
        <Choice
          label="Method"
          value={method}
          options={CALLABLE_METHODS}
          onChange={(m) => onChange({ call: `${variable}.${m}` })}
        />
      </>
    )
  }
  if ('setWidget' in action) {
    return (
      <>
        <Choice
          label="Widget"
          value={action.setWidget}
          options={targets.widgets}
          onChange={(w) => onChange({ ...action, setWidget: w })}
        />
        <input
          aria-label="Property"
          className="mono"
          value={action.property}
          onChange={(e) => onChange({ ...action, property: e.target.value })}
        />
        <input
          aria-label="Value"
          className="mono"
          placeholder="value or bind:expression"
          value={typeof action.value === 'string' ? action.value : JSON.stringify(action.value ?? '')}
          onChange={(e) => onChange({ ...action, value: e.target.value })}
        />
      </>
    )
  }
  if ('navigate' in action)
    return (
      <Choice
        label="Page"
        value={action.navigate}
        options={targets.pages}
        onChange={(p) => onChange({ navigate: p })}
      />
    )
  if ('notify' in action) {
    return (
      <>
        <input
          aria-label="Message"
          value={action.notify}
          onChange={(e) => onChange({ ...action, notify: e.target.value })}
        />
        <Choice
          label="Level"
          value={action.level ?? 'info'}
          options={['info', 'success', 'warning', 'error']}
          onChange={(level) => onChange({ ...action, level: level as 'info' })}
        />
      </>
    )
  }
  if ('script' in action)
    return (
      <input
        aria-label="Handler name"
        className="mono"
        value={action.script}
        onChange={(e) => onChange({ script: e.target.value })}
      />
    )
  return <span className="muted small">Signs the user out.</span>
}

/** Event → actions, run in order when the event fires (the page file's `events`). */
export function EventsEditor({ events, eventNames, targets, onChange, onJavaScript }: Props): ReactNode {
  const [problem, setProblem] = useState<{ event: string; text: string } | null>(null)
  const set = (event: string, actions: Action[]) => {
    const next: EventHandlers = { ...events, [event]: actions }
    if (actions.length === 0) delete next[event]
    onChange(Object.keys(next).length === 0 ? undefined : next)
  }
  return (
    <div className="events-editor">
      {!onJavaScript && (
        <p className="muted small">
          To run JavaScript on an event, open the page in the page designer and choose JavaScript there.
        </p>
      )}
      {eventNames.map((event) => {
        const actions = events?.[event] ?? []
        return (
          <fieldset key={event} className="fieldset event-block">
            <legend className="mono">{event}</legend>
            <EditableRows
              rows={actions}
              onChange={(next) => set(event, next)}
              row={(action, i, { rowRef, remove }) => (
                <li ref={rowRef} className="action-row">
                  <span className="action-kind small">{KINDS[kindOf(action)]}</span>
                  <ActionFields
                    action={action}
                    targets={targets}
                    onChange={(a) =>
                      set(
                        event,
                        actions.map((x, j) => (j === i ? a : x)),
                      )
                    }
                  />
                  <button
                    type="button"
                    className="button ghost small danger"
                    aria-label={`Remove action ${i + 1} of ${event}`}
                    onClick={remove}
                  >
                    ✕
                  </button>
                </li>
              )}
            >
              {(rendered, add) => (
                <>
                  {actions.length === 0 && <p className="muted small">No actions.</p>}
                  <ol className="action-list">{rendered}</ol>
                  <label className="inline-field small">
                    <span>Add action</span>
                    <select
                      aria-label={`Add action to ${event}`}
                      value=""
                      onChange={(e) => {
                        const kind = e.target.value
                        setProblem(null)
                        if (kind === JAVASCRIPT && onJavaScript) {
                          const written = onJavaScript(event)
                          if ('handler' in written) add({ script: written.handler })
                          else setProblem({ event, text: written.problem })
                        } else if (kind) add(newAction(kind as Kind, targets))
                      }}
                    >
                      <option value="">Choose…</option>
                      {onJavaScript && <option value={JAVASCRIPT}>JavaScript (write a handler)</option>}
                      {Object.entries(KINDS).map(([kind, label]) => (
                        <option key={kind} value={kind}>
                          {label}
                        </option>
                      ))}
                    </select>
                  </label>
                  {problem?.event === event && (
                    <p className="field-problem" role="alert">
                      {problem.text}
                    </p>
                  )}
                </>
              )}
            </EditableRows>
          </fieldset>
        )
      })}
    </div>
  )
}
