import { isTetherError } from '@tether/core'
import { Notifications } from '@tether/react'
import {
  defaultScriptFile,
  NotificationCenter,
  type PageDefinition,
  type PageRuntime,
  scriptFileOf,
  validatePage,
} from '@tether/runtime'
import { type ReactNode, useEffect, useMemo, useState } from 'react'
import { useEntities } from '../api/entities.js'
import { studioApi } from '../api/studio-api.js'
import { BindDialog, type BindingContext, datasetFields } from '../bind/index.js'
import { DraftBanner, draftKey, useDraft, useLeaveGuard } from '../drafts/index.js'
import type { SectionProps } from '../model/section.js'
import {
  appendHandler,
  type HandlerOwner,
  handlerName,
  handlerStub,
  ScriptDraft,
  ScriptPanel,
  useScriptFile,
} from '../scripts/index.js'
import { eventTargets } from '../variables/project-context.js'
import { Canvas } from './Canvas.js'
import { columnsFromFields } from './ColumnsEditor.js'
import { chartAxesFromFields } from './chart-defaults.js'
import { type Arrange, arrange, drop, type EditResult, insertNew, renameWidget } from './commands.js'
import { DesignerToolbar, type PageProblem } from './DesignerToolbar.js'
import { handleDesignerShortcut } from './designer-shortcuts.js'
import type { DragItem } from './drag.js'
import { HelpPanel } from './HelpPanel.js'
import { injectCanvasCss, useCanvasApp } from './live-canvas.js'
import { Outline, type OutlineCommands } from './Outline.js'
import { PageVariables } from './PageVariables.js'
import { Palette } from './Palette.js'
import { PreviewSendsBar } from './PreviewSendsBar.js'
import { PropertiesPanel } from './PropertiesPanel.js'
import { findWidget, flattenWidgets, insertionPoint, updateWidget } from './page-tree.js'
import { PreviewSends } from './preview-sends.js'
import { useDesigner } from './use-designer.js'
import type { PropertySpec } from './widget-catalog.js'
import './designer.css'

interface Props extends Omit<SectionProps, 'path' | 'go'> {
  pageName: string
  back: () => void
}

/** The page designer: palette, live canvas, outline, properties; save and run. */
export function PageDesigner({ project, contents, reload, pageName, back }: Props): ReactNode {
  const initial = useMemo(() => validatePage(contents.pages[pageName]), [contents.pages, pageName])
  const designer = useDesigner(initial)
  const { page, state } = designer
  // Unsaved work survives a reload or a closed tab, and leaving with it asks first.
  const savedJson = useMemo(() => JSON.stringify(contents.pages[pageName]), [contents.pages, pageName])
  const draft = useDraft(draftKey(project, `pages/${pageName}`), page, designer.dirty, savedJson)
  // The page's handlers: its script file, or the one it gets with its first handler.
  const script = useScriptFile(project, scriptFileOf(page.script ?? defaultScriptFile(pageName)))
  const [view, setView] = useState<'canvas' | 'script'>('canvas')
  const [saving, setSaving] = useState(false)
  const dirty = designer.dirty || script.dirty
  useLeaveGuard(dirty ? `the page ${pageName}` : null, { project, section: 'pages', path: [pageName] })
  const [dragging, setDragging] = useState<DragItem | null>(null)
  const [bindFor, setBindFor] = useState<{ widget: string; spec: PropertySpec } | null>(null)
  const [help, setHelp] = useState(false)
  const [problems, setProblems] = useState<PageProblem[]>([])
  const notifications = useMemo(() => new NotificationCenter(), [])
  const sends = useMemo(() => new PreviewSends(), [])
  const [sending, setSending] = useState(false)
  useEffect(() => injectCanvasCss(), [])
  const app = useCanvasApp({
    project,
    title: contents.project.title ?? project,
    appVariables: contents.project.variables,
    services: contents.services,
    notifications,
    sends,
    sending,
  })

  const entities = useEntities()
  const [liveRuntime, setLiveRuntime] = useState<PageRuntime | null>(null)

  const selectedNode = state.selected === null ? null : (findWidget(page.widgets, state.selected)?.node ?? null)
  const context: BindingContext = useMemo(
    () => ({
      pageVariables: page.variables,
      appVariables: contents.project.variables,
      services: contents.services,
      widgets: page.widgets,
      entities,
    }),
    [page.variables, page.widgets, contents.project.variables, contents.services, entities],
  )
  const targets = {
    ...eventTargets(contents, pageName),
    variables: [...Object.keys(page.variables), ...Object.keys(contents.project.variables)],
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

  // Choosing JavaScript for an event: a stub named after the variable or widget and the event, with the
  // reference's signature, goes at the end of the script, and the editor opens at its body.
  const writeHandler = (owner: HandlerOwner, ownerName: string, event: string) => {
    if (!script.ready) return { problem: 'The page script is still loading; try again in a moment.' }
    const handler = handlerName(ownerName, event, script.ready.text)
    const { source, cursor } = appendHandler(script.ready.text, handlerStub(handler, owner))
    script.setText(source)
    script.focusAt(cursor)
    setView('script')
    return { handler }
  }

  const save = async () => {
    if (script.syntaxError) {
      setView('script')
      designer.tell(`The script has a syntax error on line ${script.syntaxError.line}: fix it, then save.`, 'error')
      return false
    }
    // A page whose script file has handlers names it, so the app loads them.
    const withScript =
      page.script === undefined && script.ready && script.ready.text.trim() !== ''
        ? { ...page, script: defaultScriptFile(pageName) }
        : page
    let checked: PageDefinition
    try {
      checked = validatePage(withScript)
    } catch (error) {
      setProblems(isTetherError(error) ? [...error.details] : [{ path: '', message: String(error) }])
      designer.tell('The page has problems; nothing was saved.', 'error')
      return false
    }
    setSaving(true)
    try {
      // The script first: a page never runs a handler its saved script lacks.
      const scriptSaved = script.dirty
      if (scriptSaved) await script.save()
      const saved = await studioApi.savePage(project, checked)
      setProblems([])
      designer.saved(saved)
      designer.tell(`Saved pages/${pageName}.page.json${scriptSaved ? ` and ${script.path}` : ''}.`)
      void reload()
      return true
    } catch (error) {
      const details = (error as { details?: PageProblem[] }).details ?? []
      setProblems(details)
      designer.tell((error as Error).message, 'error')
      return false
    } finally {
      setSaving(false)
    }
  }
  const toggleHelp = () => setHelp((open) => !open)
  const runUrl = `/apps/${encodeURIComponent(project)}/#/${encodeURIComponent(pageName)}`
  // ▶ Run saves first, so the app never runs a stale page. The tab opens at once (while the click
  // still counts as the user's, so no popup blocker interferes) and goes to the app once saved.
  const run = async () => {
    if (!dirty) {
      window.open(runUrl, '_blank', 'noreferrer')
      return
    }
    const tab = window.open('', '_blank')
    if (!(await save())) {
      tab?.close()
      return
    }
    if (tab) {
      tab.opener = null
      tab.location.href = runUrl
    } else window.open(runUrl, '_blank', 'noreferrer')
  }

  const bindNode = bindFor ? findWidget(page.widgets, bindFor.widget)?.node : null
  const pickField = bindFor && (bindFor.spec.kind === 'field' || bindFor.spec.kind === 'fields')

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: designer-wide shortcuts (listed in the help panel)
    <div
      className="designer"
      onKeyDown={(event) =>
        handleDesignerShortcut(event, {
          save: () => void save(),
          undo: designer.undo,
          redo: designer.redo,
          toggleHelp,
          removeSelected: commands.remove,
          hasSelection: state.selected !== null,
        })
      }
    >
      <DesignerToolbar
        designer={designer}
        pageName={pageName}
        runUrl={runUrl}
        help={help}
        onToggleHelp={toggleHelp}
        onSave={() => void save()}
        onRun={() => void run()}
        onBack={back}
        problems={problems}
      />
      <DraftBanner
        draft={draft}
        what="this page"
        base={savedJson}
        onRestore={(restored) => designer.change(restored, null, 'Draft restored: save to keep it.')}
      />
      {script.ready && <ScriptDraft key={script.path} project={project} script={script} />}
      <div className="designer-body">
        <div className="designer-left">
          <Palette onInsert={insert} onDrag={setDragging} />
          <PageVariables
            designer={designer}
            pageName={pageName}
            services={contents.services}
            context={context}
            targets={targets}
            live={liveRuntime}
            onJavaScript={(variable, event) => writeHandler('variable', variable, event)}
          />
        </div>
        <div className="designer-center">
          <div role="tablist" aria-label="Page view" className="tabs designer-views">
            {(['canvas', 'script'] as const).map((v) => (
              <button
                key={v}
                type="button"
                role="tab"
                className="tab"
                aria-selected={view === v}
                onClick={() => setView(v)}
              >
                {v === 'canvas' ? 'Canvas' : `Script${script.dirty ? ' •' : ''}`}
              </button>
            ))}
          </div>
          {view === 'script' && (
            <ScriptPanel script={script} pageName={pageName} saving={saving} onSave={() => void save()} />
          )}
          <div className="designer-canvas-view" hidden={view !== 'canvas'}>
            <PreviewSendsBar sends={sends} sending={sending} onSendingChange={setSending} />
            <Canvas
              page={page}
              app={app}
              selected={state.selected}
              onSelect={designer.select}
              dragging={dragging}
              onRuntime={setLiveRuntime}
              onDrop={(item, target) => {
                setDragging(null)
                apply(drop(page, item, target))
              }}
            />
          </div>
        </div>
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
            onJavaScript={(widget, event) => writeHandler('widget', widget, event)}
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
          live={liveRuntime}
          fields={datasetFields(bindNode.props.dataset, context)}
          onApply={(value) => {
            // A table bound to a dataset for the first time gets a column per field, timestamps formatted.
            const columns =
              bindNode.type === 'DataTable' && bindFor.spec.name === 'dataset' && !Array.isArray(bindNode.props.columns)
                ? columnsFromFields(datasetFields(value, context))
                : undefined
            // A chart bound to a dataset for the first time plots time on x and the numbers on y.
            const axes =
              bindNode.type === 'Chart' &&
              bindFor.spec.name === 'dataset' &&
              bindNode.props.xField === undefined &&
              bindNode.props.yField === undefined
                ? chartAxesFromFields(datasetFields(value, context))
                : null
            setProps({ [bindFor.spec.name]: value, ...(columns ? { columns } : {}), ...(axes ?? {}) })
            setBindFor(null)
          }}
          onClose={() => setBindFor(null)}
        />
      )}
      <Notifications center={notifications} />
    </div>
  )
}
