import { isTetherError } from '@tether/core'
import {
  NotificationCenter,
  Notifications,
  type PageDefinition,
  type VariableDefinition,
  validatePage,
} from '@tether/react'
import { type KeyboardEvent, type ReactNode, useEffect, useMemo, useState } from 'react'
import { type PageFile, studioApi } from '../api/studio-api.js'
import { BindDialog, type BindingContext, datasetFields } from '../bind/index.js'
import type { SectionProps } from '../shell/section.js'
import { eventTargets } from '../variables/project-context.js'
import { renameReferences } from '../variables/rename-references.js'
import { VariableDialog } from '../variables/VariableDialog.js'
import { Canvas } from './Canvas.js'
import { columnsFromFields } from './ColumnsEditor.js'
import { type Arrange, arrange, drop, type EditResult, insertNew, renameWidget } from './commands.js'
import type { DragItem } from './drag.js'
import { HelpPanel } from './HelpPanel.js'
import { injectCanvasCss, useCanvasApp } from './live-canvas.js'
import { Outline, type OutlineCommands } from './Outline.js'
import { Palette } from './Palette.js'
import { PropertiesPanel } from './PropertiesPanel.js'
import { findWidget, flattenWidgets, insertionPoint, updateWidget } from './page-tree.js'
import { useDesigner } from './use-designer.js'
import type { PropertySpec } from './widget-catalog.js'
import './designer.css'

interface Props extends Omit<SectionProps, 'path' | 'go'> {
  pageName: string
  back: () => void
}

const isTyping = (target: EventTarget) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))

/** The page designer: palette, live canvas, outline, properties; save and run. */
export function PageDesigner({ project, contents, reload, pageName, back }: Props): ReactNode {
  const initial = useMemo(() => validatePage(contents.pages[pageName]), [contents.pages, pageName])
  const designer = useDesigner(initial)
  const { page, state } = designer
  const [dragging, setDragging] = useState<DragItem | null>(null)
  const [bindFor, setBindFor] = useState<{ widget: string; spec: PropertySpec } | null>(null)
  const [variableDialog, setVariableDialog] = useState<{ name: string | null } | null>(null)
  const [help, setHelp] = useState(false)
  const [problems, setProblems] = useState<{ path: string; message: string }[]>([])
  const notifications = useMemo(() => new NotificationCenter(), [])
  useEffect(() => injectCanvasCss(), [])
  const app = useCanvasApp({
    project,
    title: contents.project.title ?? project,
    appVariables: (contents.project.variables ?? {}) as Record<string, VariableDefinition>,
    services: contents.services,
    notifications,
  })

  const selectedNode = state.selected === null ? null : (findWidget(page.widgets, state.selected)?.node ?? null)
  const context: BindingContext = useMemo(
    () => ({
      pageVariables: page.variables,
      appVariables: (contents.project.variables ?? {}) as Record<string, VariableDefinition>,
      services: contents.services,
      widgets: page.widgets,
    }),
    [page.variables, page.widgets, contents.project.variables, contents.services],
  )
  const targets = {
    ...eventTargets(contents, pageName),
    variables: [...Object.keys(page.variables), ...Object.keys(contents.project.variables ?? {})],
    widgets: flattenWidgets(page.widgets).map((e) => e.node.name),
  }

  const apply = (result: EditResult) => {
    if ('problem' in result) designer.tell(result.problem, 'error')
    else designer.change(result.page, result.select, result.notice)
  }
  const insert = (type: string) => {
    const target = insertionPoint(page.widgets, state.selected, type)
    if (!target) designer.tell(`A ${type} cannot go there: select a container that takes it.`, 'error')
    else apply(insertNew(page, type, target))
  }
  const arrangeSelected = (how: Arrange) =>
    state.selected === null
      ? designer.tell('Select a widget first.', 'error')
      : apply(arrange(page, state.selected, how))
  const commands: OutlineCommands = {
    select: designer.select,
    moveStep: (step) => arrangeSelected(step < 0 ? 'up' : 'down'),
    moveIn: () => arrangeSelected('in'),
    moveOut: () => arrangeSelected('out'),
    remove: () => arrangeSelected('delete'),
    edit: () =>
      document.querySelector<HTMLElement>('#properties input, #properties select, #properties button')?.focus(),
  }
  const setProps = (patch: Record<string, unknown>) => {
    if (state.selected === null) return
    const widgets = updateWidget(page.widgets, state.selected, (node) => {
      const props = { ...node.props }
      for (const [name, value] of Object.entries(patch)) {
        if (value === undefined) delete props[name]
        else props[name] = value
      }
      return { ...node, props }
    })
    designer.change({ ...page, widgets })
  }
  const setProp = (name: string, value: unknown) => setProps({ [name]: value })

  const save = async () => {
    let checked: PageDefinition
    try {
      checked = validatePage(page)
    } catch (error) {
      setProblems(isTetherError(error) ? [...error.details] : [{ path: '', message: String(error) }])
      designer.tell('The page has problems; nothing was saved.', 'error')
      return false
    }
    try {
      const saved = (await studioApi.savePage(project, checked as unknown as PageFile)) as unknown as PageDefinition
      setProblems([])
      designer.saved(saved)
      designer.tell(`Saved pages/${pageName}.page.json.`)
      void reload()
      return true
    } catch (error) {
      const details = (error as { details?: { path: string; message: string }[] }).details ?? []
      setProblems(details)
      designer.tell((error as Error).message, 'error')
      return false
    }
  }
  const runUrl = `/apps/${encodeURIComponent(project)}/#/${encodeURIComponent(pageName)}`

  const onKeyDown = (event: KeyboardEvent) => {
    const mod = event.ctrlKey || event.metaKey
    const key = event.key.toLowerCase()
    if (mod && key === 's') {
      event.preventDefault()
      void save()
    } else if (mod && key === 'z' && !isTyping(event.target)) {
      event.preventDefault()
      if (event.shiftKey) designer.redo()
      else designer.undo()
    } else if (mod && key === 'y' && !isTyping(event.target)) {
      event.preventDefault()
      designer.redo()
    } else if (event.key === 'F1' || (event.key === '?' && !isTyping(event.target))) {
      event.preventDefault()
      setHelp((open) => !open)
    } else if (event.key === 'Delete' && !isTyping(event.target) && state.selected !== null) {
      event.preventDefault()
      commands.remove()
    }
  }

  const bindNode = bindFor ? findWidget(page.widgets, bindFor.widget)?.node : null
  const pickField = bindFor && (bindFor.spec.kind === 'field' || bindFor.spec.kind === 'fields')

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: designer-wide shortcuts (listed in the help panel)
    <div className="designer" onKeyDown={onKeyDown}>
      <header className="designer-toolbar">
        <button type="button" className="button ghost small" onClick={back}>
          ← Pages
        </button>
        <h1 className="designer-title">
          <span className="mono">{pageName}</span>
          {designer.dirty && <span className="tag tag-unsaved">unsaved</span>}
        </h1>
        <span className="topbar-spacer" />
        <button
          type="button"
          className="button small"
          title="Ctrl+Z"
          disabled={state.history.past.length === 0}
          onClick={designer.undo}
        >
          ↶ Undo
        </button>
        <button
          type="button"
          className="button small"
          title="Ctrl+Shift+Z"
          disabled={state.history.future.length === 0}
          onClick={designer.redo}
        >
          ↷ Redo
        </button>
        <button type="button" className="button small" onClick={() => setHelp((open) => !open)} aria-expanded={help}>
          ? Help
        </button>
        <button type="button" className="button small primary" title="Ctrl+S" onClick={() => void save()}>
          Save
        </button>
        <a
          className="button small"
          href={runUrl}
          target="_blank"
          rel="noreferrer"
          title={designer.dirty ? 'Save first: the app runs the saved page' : 'Open the app in a new tab'}
        >
          ▶ Run
        </a>
      </header>
      <p
        className={state.notice?.tone === 'error' ? 'designer-notice error' : 'designer-notice'}
        role="status"
        aria-live="polite"
      >
        {state.notice?.text ?? ' '}
      </p>
      {problems.length > 0 && (
        <div className="alert alert-error" role="alert">
          <p>Fix these before saving:</p>
          <ul>
            {problems.map((p) => (
              <li key={`${p.path}:${p.message}`}>
                <code>{p.path || '(page)'}</code>: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="designer-body">
        <div className="designer-left">
          <Palette onInsert={insert} onDrag={setDragging} />
          <div className="page-variables">
            <h2 className="designer-heading">Page variables</h2>
            <ul>
              {Object.entries(page.variables).map(([name, v]) => (
                <li key={name}>
                  <button type="button" className="link-button mono" onClick={() => setVariableDialog({ name })}>
                    {name}
                  </button>
                  <span className="muted small"> {v.category}</span>
                </li>
              ))}
            </ul>
            <button type="button" className="button small" onClick={() => setVariableDialog({ name: null })}>
              + Variable
            </button>
          </div>
        </div>
        <Canvas
          page={page}
          app={app}
          selected={state.selected}
          onSelect={designer.select}
          dragging={dragging}
          onDrop={(item, target) => {
            setDragging(null)
            apply(drop(page, item, target))
          }}
        />
        <div className="designer-right">
          {help && <HelpPanel onClose={() => setHelp(false)} />}
          <Outline page={page} selected={state.selected} commands={commands} onDrag={setDragging} />
          <PropertiesPanel
            node={selectedNode}
            context={context}
            targets={targets}
            commands={commands}
            setProp={setProp}
            setEvents={(events) =>
              state.selected !== null &&
              designer.change({
                ...page,
                widgets: updateWidget(page.widgets, state.selected, (n) => ({ ...n, events })),
              })
            }
            rename={(to) => {
              if (state.selected === null) return null
              const result = renameWidget(page, state.selected, to)
              if ('problem' in result) return result.problem
              apply(result)
              return null
            }}
            onBind={(spec) => state.selected !== null && setBindFor({ widget: state.selected, spec })}
          />
        </div>
      </div>
      {bindFor && bindNode && (
        <BindDialog
          target={`${bindFor.widget}.${bindFor.spec.name}`}
          mode={pickField ? 'field' : 'expression'}
          value={bindNode.props[bindFor.spec.name]}
          context={context}
          forWidget={bindFor.widget}
          fields={datasetFields(bindNode.props.dataset, context)}
          onApply={(value) => {
            // A table bound to a dataset for the first time gets a column per field, timestamps formatted.
            const columns =
              bindNode.type === 'DataTable' && bindFor.spec.name === 'dataset' && !Array.isArray(bindNode.props.columns)
                ? columnsFromFields(datasetFields(value, context))
                : undefined
            setProps({ [bindFor.spec.name]: value, ...(columns ? { columns } : {}) })
            setBindFor(null)
          }}
          onClose={() => setBindFor(null)}
        />
      )}
      {variableDialog && (
        <VariableDialog
          editing={
            variableDialog.name !== null && page.variables[variableDialog.name]
              ? {
                  name: variableDialog.name,
                  scope: 'page',
                  page: pageName,
                  definition: page.variables[variableDialog.name] as VariableDefinition,
                }
              : null
          }
          pages={[pageName]}
          fixedPage={pageName}
          services={contents.services}
          takenNames={() => Object.keys(page.variables).filter((n) => n !== variableDialog.name)}
          bindingContext={() => context}
          targets={targets}
          onSave={(change) => {
            const previous = change.previous?.name
            const entries = Object.entries(page.variables).map(([k, v]): [string, VariableDefinition] =>
              k === previous ? [change.name, change.definition] : [k, v],
            )
            if (!previous) entries.push([change.name, change.definition])
            let next: PageDefinition = { ...page, variables: Object.fromEntries(entries) }
            if (previous && previous !== change.name) next = renameReferences(next, 'variable', previous, change.name)
            designer.change(
              next,
              undefined,
              `Variable ${change.name} ${previous ? 'updated' : 'added'}; save the page to keep it.`,
            )
            setVariableDialog(null)
          }}
          {...(variableDialog.name !== null
            ? {
                onDelete: () => {
                  const { [variableDialog.name ?? '']: _removed, ...rest } = page.variables
                  designer.change({ ...page, variables: rest }, undefined, `Variable ${variableDialog.name} removed.`)
                  setVariableDialog(null)
                },
              }
            : {})}
          onClose={() => setVariableDialog(null)}
        />
      )}
      <Notifications center={notifications} />
    </div>
  )
}
