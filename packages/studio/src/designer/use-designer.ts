import type { PageDefinition } from '@tether/runtime'
import { useCallback, useMemo, useReducer } from 'react'
import { type History, record, redo, startHistory, undo } from './history.js'
import { findWidget } from './page-tree.js'

export interface DesignerState {
  history: History<PageDefinition>
  /** The selected widget's name; null = the page itself. */
  selected: string | null
  /** The page as last saved (or loaded), to tell whether there are unsaved changes. */
  saved: PageDefinition
  /** Announced to screen readers and shown in the status bar. */
  notice: { text: string; tone: 'info' | 'error' } | null
}

type DesignerAction =
  | { type: 'change'; page: PageDefinition; select?: string | null; notice?: string }
  | { type: 'select'; name: string | null }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'saved'; page: PageDefinition }
  | { type: 'notice'; text: string; tone: 'info' | 'error' }

function keepSelection(page: PageDefinition, selected: string | null): string | null {
  return selected !== null && findWidget(page.widgets, selected) ? selected : null
}

function reducer(state: DesignerState, action: DesignerAction): DesignerState {
  switch (action.type) {
    case 'change': {
      const selected = action.select === undefined ? state.selected : action.select
      return {
        ...state,
        history: record(state.history, action.page),
        selected: keepSelection(action.page, selected),
        notice: action.notice ? { text: action.notice, tone: 'info' } : null,
      }
    }
    case 'select':
      return { ...state, selected: action.name }
    case 'undo':
    case 'redo': {
      const history = action.type === 'undo' ? undo(state.history) : redo(state.history)
      if (history === state.history) return { ...state, notice: { text: `Nothing to ${action.type}.`, tone: 'info' } }
      const label = action.type === 'undo' ? 'Undone' : 'Redone'
      return {
        ...state,
        history,
        selected: keepSelection(history.present, state.selected),
        notice: { text: `${label}.`, tone: 'info' },
      }
    }
    case 'saved':
      // The server's answer (defaults applied) becomes the present state without an undo step.
      return { ...state, saved: action.page, history: { ...state.history, present: action.page }, notice: null }
    case 'notice':
      return { ...state, notice: { text: action.text, tone: action.tone } }
  }
}

/** The designer's state: the page with bounded undo/redo, the selection, the last saved page. */
export function useDesigner(initial: PageDefinition) {
  const [state, dispatch] = useReducer(reducer, initial, (page) => ({
    history: startHistory(page),
    selected: null,
    saved: page,
    notice: null,
  }))
  const page = state.history.present
  const actions = useMemo(
    () => ({
      change: (next: PageDefinition, select?: string | null, notice?: string) =>
        dispatch({
          type: 'change',
          page: next,
          ...(select === undefined ? {} : { select }),
          ...(notice ? { notice } : {}),
        }),
      select: (name: string | null) => dispatch({ type: 'select', name }),
      undo: () => dispatch({ type: 'undo' }),
      redo: () => dispatch({ type: 'redo' }),
      saved: (saved: PageDefinition) => dispatch({ type: 'saved', page: saved }),
      tell: (text: string, tone: 'info' | 'error' = 'info') => dispatch({ type: 'notice', text, tone }),
    }),
    [],
  )
  const dirty = useCallback(() => page !== state.saved, [page, state.saved])
  return { state, page, dirty: dirty(), ...actions }
}

export type Designer = ReturnType<typeof useDesigner>
