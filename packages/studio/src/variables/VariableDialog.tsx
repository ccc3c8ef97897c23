import type { WebSocketServiceDefinition } from '@tether/core'
import type { PageRuntime, VariableDefinition } from '@tether/runtime'
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react'
import type { EntityCatalog } from '../api/entities.js'
import { BindDialog, type BindingContext, Modal } from '../bind/index.js'
import { DraftBanner, useDraft, useLeaveGuard } from '../drafts/index.js'
import { DataTab } from './DataTab.js'
import { EventsEditor, type EventTargets } from './EventsEditor.js'
import { PropertiesTab } from './PropertiesTab.js'
import { resumeProblem } from './ResumeFields.js'
import { NO_ROUTES, routesDraft, routesFromDraft } from './routes-draft.js'
import type { VariableChange, VariablePlace } from './save-variable.js'
import {
  CATEGORY_LABELS,
  type Category,
  cleanDefinition,
  nameProblem,
  newDefinition,
  type Scope,
  VARIABLE_EVENTS,
} from './variable-draft.js'
import './variables.css'

export interface VariableDialogProps {
  /** The variable being edited; null creates one. */
  editing: (VariablePlace & { definition: VariableDefinition }) | null
  pages: string[]
  /** Fixes the place of a new variable (the page designer creates page variables of its page). */
  fixedPage?: string
  /**
   * The variable is part of a page being designed: the dialog applies it to the page, and the page's
   * one Save writes both (so there is no second, separate save). Defaults to false (saved at once).
   */
  savedWithPage?: boolean
  services: Record<string, WebSocketServiceDefinition>
  /** Names already used in a scope (excluding the variable being edited). */
  takenNames: (scope: Scope, page: string | null) => string[]
  /** What the Data tab's bind dialog lists, for the chosen scope. */
  bindingContext: (scope: Scope, page: string | null) => BindingContext
  targets: EventTargets
  /**
   * Writes a handler stub for one of the variable's events into the page's script (the page designer
   * only); returns the handler's name or a problem. Defaults to none: JavaScript is not offered.
   */
  onJavaScript?: (variable: string, event: string) => { handler: string } | { problem: string }
  /** The designer canvas's live page, for the bind dialog's preview of current values. */
  live?: PageRuntime | null
  onSave: (change: VariableChange) => Promise<void> | void
  onDelete?: () => Promise<void> | void
  onClose: () => void
  /**
   * Where the dialog keeps its unsaved changes in the browser (`draftKey(project, …)`), so a reload or a
   * closed tab loses nothing. Defaults to none (the designer's page draft covers its variables).
   */
  draftKey?: string
}

const TABS = ['Properties', 'Data', 'Events'] as const
type Tab = (typeof TABS)[number]

/** Create or edit a variable: name, kind, scope and the Properties / Data / Events tabs. */
export function VariableDialog(props: VariableDialogProps): ReactNode {
  const { editing, pages, fixedPage, services } = props
  const [name, setName] = useState(editing?.name ?? '')
  const [scope, setScope] = useState<Scope>(editing?.scope ?? 'page')
  const [page, setPage] = useState<string | null>(editing?.page ?? fixedPage ?? pages[0] ?? null)
  const [definition, setDefinition] = useState<VariableDefinition>(
    editing?.definition ?? newDefinition('websocket', services),
  )
  const [routes, setRoutes] = useState(() =>
    editing?.definition.category === 'websocket' ? routesDraft(editing.definition.routes) : NO_ROUTES,
  )
  const [tab, setTab] = useState<Tab>('Properties')
  const [binding, setBinding] = useState<{ input: string; value: unknown; apply: (v: unknown) => void } | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const place = { scope, page: scope === 'app' ? null : page }
  // Unsaved changes: kept in the browser (when a draft key is given), and closing or leaving asks first.
  const form = useMemo(() => ({ name, scope, page, definition, routes }), [name, scope, page, definition, routes])
  const opened = useRef(JSON.stringify(form)).current
  const dirty = JSON.stringify(form) !== opened
  const leave = useLeaveGuard(dirty ? `the variable ${name || '(new)'}` : null)
  const stored = useDraft(props.draftKey ?? '', form, dirty && props.draftKey !== undefined, opened)
  const onClose = () => {
    if (dirty && !window.confirm(`Discard the changes to the variable ${name || '(new)'}?`)) return
    stored.finish()
    leave.saved()
    props.onClose()
  }
  // The name first: it is what a new variable needs before anything else.
  useEffect(() => document.getElementById('variable-name')?.focus(), [])
  const nameError = nameProblem(name, props.takenNames(place.scope, place.page))
  const entities: EntityCatalog = props.bindingContext(place.scope, place.page).entities ?? { state: 'loading' }
  const entityNames = entities.state === 'ready' ? entities.entities.map((e) => e.name) : []

  const save = async () => {
    if (nameError) {
      setProblem(nameError)
      document.getElementById('variable-name')?.focus()
      return
    }
    if (definition.category === 'websocket' && !services[definition.service]) {
      setProblem('Choose the WebSocket service this variable connects to.')
      return
    }
    if (definition.category === 'crud' && definition.entity === '') {
      setProblem('Choose the entity this variable reads.')
      setTab('Properties')
      return
    }
    const resumeError = definition.category === 'websocket' ? resumeProblem(definition.resume) : null
    if (resumeError) {
      setProblem(resumeError)
      setTab('Properties')
      return
    }
    const routed = routesFromDraft(routes)
    const routeProblem = routed.problems[0]
    if (definition.category === 'websocket' && routeProblem) {
      setProblem(`Route by message type: ${routeProblem.message}`)
      setTab('Properties')
      return
    }
    setBusy(true)
    try {
      await props.onSave({
        name,
        ...place,
        definition: cleanDefinition(
          definition.category === 'websocket' ? { ...definition, routes: routed.routes } : definition,
        ),
        previous: editing ? { name: editing.name, scope: editing.scope, page: editing.page } : null,
      })
      stored.finish()
      leave.saved()
    } catch (error) {
      setProblem((error as Error).message)
      setBusy(false)
    }
  }

  const category = definition.category
  return (
    <Modal
      title={editing ? `Variable ${editing.name}` : 'New variable'}
      wide
      onClose={onClose}
      footer={
        <>
          {editing && props.onDelete && (
            <button type="button" className="button danger" disabled={busy} onClick={() => void props.onDelete?.()}>
              Delete variable
            </button>
          )}
          <span className="topbar-spacer" />
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button primary" disabled={busy} onClick={() => void save()}>
            {props.savedWithPage
              ? editing
                ? 'Apply to page'
                : 'Add to page'
              : busy
                ? 'Saving…'
                : editing
                  ? 'Save variable'
                  : 'Create variable'}
          </button>
        </>
      }
    >
      {props.draftKey !== undefined && (
        <DraftBanner
          draft={stored}
          what="this variable"
          base={opened}
          onRestore={(restored) => {
            setName(restored.name)
            setScope(restored.scope)
            setPage(restored.page)
            setDefinition(restored.definition)
            setRoutes(restored.routes)
          }}
        />
      )}
      <div className="variable-head">
        <label className="field">
          <span>Name</span>
          <input
            id="variable-name"
            className="mono"
            value={name}
            aria-invalid={problem !== null && nameError !== null}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label className="field">
          <span>Kind</span>
          <select
            value={category}
            onChange={(e) => {
              const next = e.target.value as Category
              if (next === category) return
              setDefinition(newDefinition(next, services, entityNames))
              setRoutes(NO_ROUTES)
            }}
          >
            {Object.entries(CATEGORY_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="scope-choice">
          <legend>Scope</legend>
          <label className="check">
            <input type="radio" name="variable-scope" checked={scope === 'page'} onChange={() => setScope('page')} />
            Page
          </label>
          {fixedPage === undefined ? (
            <select
              aria-label="Page"
              disabled={scope !== 'page'}
              value={page ?? ''}
              onChange={(e) => setPage(e.target.value)}
            >
              {pages.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          ) : (
            <span className="mono small">{fixedPage}</span>
          )}
          <label className="check">
            <input
              type="radio"
              name="variable-scope"
              checked={scope === 'app'}
              disabled={fixedPage !== undefined}
              onChange={() => setScope('app')}
            />
            App (every page)
          </label>
        </fieldset>
      </div>
      {problem && (
        <p className="alert alert-error" role="alert">
          {problem}
        </p>
      )}
      <div role="tablist" aria-label="Variable settings" className="tabs">
        {TABS.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`variable-tab-${t}`}
            aria-selected={tab === t}
            aria-controls={`variable-panel-${t}`}
            tabIndex={tab === t ? 0 : -1}
            className="tab"
            onClick={() => setTab(t)}
            onKeyDown={(e) => {
              const i = TABS.indexOf(t)
              const next =
                e.key === 'ArrowRight'
                  ? TABS[(i + 1) % TABS.length]
                  : e.key === 'ArrowLeft'
                    ? TABS[(i + TABS.length - 1) % TABS.length]
                    : null
              if (next) {
                setTab(next)
                document.getElementById(`variable-tab-${next}`)?.focus()
              }
            }}
          >
            {t}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`variable-panel-${tab}`} aria-labelledby={`variable-tab-${tab}`} className="tab-panel">
        {tab === 'Properties' && (
          <PropertiesTab
            definition={definition}
            services={services}
            onChange={setDefinition}
            entities={entities}
            routes={routes}
            onRoutesChange={setRoutes}
            variableName={name}
          />
        )}
        {tab === 'Data' && (
          <DataTab
            definition={definition}
            services={services}
            entities={entities}
            onChange={setDefinition}
            onBind={(input, value, apply) => setBinding({ input, value, apply })}
          />
        )}
        {tab === 'Events' &&
          (category === 'static' ? (
            <p className="muted">A static variable fires no events.</p>
          ) : (
            <EventsEditor
              events={definition.events}
              eventNames={VARIABLE_EVENTS[category]}
              targets={props.targets}
              onChange={(events) => setDefinition({ ...definition, events } as VariableDefinition)}
              onJavaScript={
                props.onJavaScript &&
                ((event) =>
                  nameError === null
                    ? (props.onJavaScript?.(name, event) ?? { problem: '' })
                    : { problem: 'Give the variable a valid name first: the handler is named after it.' })
              }
            />
          ))}
      </div>
      {binding && (
        <BindDialog
          target={`${name || 'variable'}.${binding.input}`}
          mode="expression"
          value={binding.value}
          context={props.bindingContext(place.scope, place.page)}
          forWidget={null}
          live={props.live ?? null}
          onApply={(value) => {
            binding.apply(value)
            setBinding(null)
          }}
          onClose={() => setBinding(null)}
        />
      )}
    </Modal>
  )
}
