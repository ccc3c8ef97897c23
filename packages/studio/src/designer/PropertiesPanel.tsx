import type { EventHandlers, WidgetNode } from '@tether/runtime'
import { type ReactNode, useEffect, useState } from 'react'
import { type BindingContext, datasetFields } from '../bind/index.js'
import { EventsEditor, type EventTargets } from '../variables/EventsEditor.js'
import { ColumnsEditor } from './ColumnsEditor.js'
import type { OutlineCommands } from './Outline.js'
import { PropertyField } from './PropertyField.js'
import { type PropertySpec, widgetSpec } from './widget-catalog.js'

interface Props {
  node: WidgetNode | null
  context: BindingContext
  targets: EventTargets
  commands: OutlineCommands
  setProp: (name: string, value: unknown) => void
  setEvents: (events: EventHandlers | undefined) => void
  /** Renames the widget (and what refers to it); returns a problem to show, or null. */
  rename: (name: string) => string | null
  onBind: (spec: PropertySpec) => void
  /** Writes a handler stub for the widget's event into the page's script (see EventsEditor). */
  onJavaScript: (widget: string, event: string) => { handler: string } | { problem: string }
}

function NameField({ node, rename }: { node: WidgetNode; rename: Props['rename'] }) {
  const [text, setText] = useState(node.name)
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => {
    setText(node.name)
    setProblem(null)
  }, [node.name])
  const commit = () => {
    if (text !== node.name) setProblem(rename(text))
  }
  return (
    <div className="property">
      <label className="property-label" htmlFor="widget-name">
        Name
      </label>
      <input
        id="widget-name"
        className="mono"
        value={text}
        aria-invalid={problem !== null}
        aria-describedby="widget-name-problem"
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      <p id="widget-name-problem" className="field-problem">
        {problem}
      </p>
    </div>
  )
}

/** The selected widget's name, properties (typed, bindable) and events, plus move/delete buttons. */
export function PropertiesPanel({
  node,
  context,
  targets,
  commands,
  setProp,
  setEvents,
  rename,
  onBind,
  onJavaScript,
}: Props): ReactNode {
  if (!node) {
    return (
      <div className="properties">
        <h2 className="designer-heading">Properties</h2>
        <p className="muted small">Select a widget on the canvas or in the outline to edit it.</p>
      </div>
    )
  }
  const spec = widgetSpec(node.type)
  const fields = datasetFields(node.props.dataset, context)
  const wsVariables = Object.entries({ ...context.appVariables, ...context.pageVariables })
    .filter(([, v]) => v.category === 'websocket')
    .map(([name]) => name)

  return (
    <section className="properties" aria-labelledby="properties-title" id="properties">
      <h2 className="designer-heading" id="properties-title">
        {spec?.icon} {spec?.label ?? node.type} <span className="mono muted">{node.name}</span>
      </h2>
      <div className="properties-actions" role="toolbar" aria-label="Arrange the widget">
        <button type="button" className="button small" title="Alt+↑" onClick={() => commands.moveStep(-1)}>
          ↑ Up
        </button>
        <button type="button" className="button small" title="Alt+↓" onClick={() => commands.moveStep(1)}>
          ↓ Down
        </button>
        <button
          type="button"
          className="button small"
          title="Alt+→: into the container above"
          onClick={commands.moveIn}
        >
          → Into
        </button>
        <button type="button" className="button small" title="Alt+←: out of its container" onClick={commands.moveOut}>
          ← Out
        </button>
        <button type="button" className="button small danger" title="Delete" onClick={commands.remove}>
          Delete
        </button>
      </div>
      <NameField node={node} rename={rename} />
      {spec?.props.map((prop) =>
        prop.kind === 'columns' ? (
          <ColumnsEditor
            key={prop.name}
            value={node.props[prop.name]}
            fields={fields}
            onChange={(v) => setProp(prop.name, v)}
          />
        ) : (
          <PropertyField
            key={prop.name}
            spec={prop}
            value={node.props[prop.name]}
            fields={fields}
            variables={wsVariables}
            onChange={(v) => setProp(prop.name, v)}
            onBind={() => onBind(prop)}
          />
        ),
      )}
      {spec && spec.events.length > 0 && (
        <>
          <h3 className="designer-subheading">Events</h3>
          <EventsEditor
            events={node.events}
            eventNames={spec.events}
            targets={targets}
            onChange={setEvents}
            onJavaScript={(event) => onJavaScript(node.name, event)}
          />
        </>
      )}
    </section>
  )
}
