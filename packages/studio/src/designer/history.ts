/** Undo steps kept; older ones are dropped (a long session must not grow memory without bound). */
export const HISTORY_LIMIT = 100

/** An undo/redo history of immutable states: `present` plus bounded `past` and `future` stacks. */
export interface History<T> {
  past: readonly T[]
  present: T
  future: readonly T[]
}

export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] }
}

/** Records a new state; clears the redo stack. Keeps at most `limit` undo steps. */
export function record<T>(history: History<T>, next: T, limit = HISTORY_LIMIT): History<T> {
  if (Object.is(next, history.present)) return history
  const past = [...history.past, history.present]
  return { past: past.length > limit ? past.slice(past.length - limit) : past, present: next, future: [] }
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past[history.past.length - 1]
  if (history.past.length === 0) return history
  return { past: history.past.slice(0, -1), present: previous as T, future: [history.present, ...history.future] }
}

export function redo<T>(history: History<T>): History<T> {
  if (history.future.length === 0) return history
  const [next, ...future] = history.future
  return { past: [...history.past, history.present], present: next as T, future }
}
