import type { KeyboardEvent } from 'react'

/** What the designer's keyboard shortcuts do (they are listed in the help panel). */
export interface ShortcutActions {
  save: () => void
  undo: () => void
  redo: () => void
  toggleHelp: () => void
  /** Deletes the selected widget; called only when one is selected. */
  removeSelected: () => void
  hasSelection: boolean
}

// Typing in a field keeps the browser's own undo and the characters ? and Delete.
const isTyping = (target: EventTarget) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))

/** Ctrl/⌘+S save, Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z or Ctrl/⌘+Y redo, F1 or ? help, Delete removes. */
export function handleDesignerShortcut(event: KeyboardEvent, actions: ShortcutActions): void {
  const mod = event.ctrlKey || event.metaKey
  const key = event.key.toLowerCase()
  if (mod && key === 's') {
    event.preventDefault()
    actions.save()
  } else if (mod && key === 'z' && !isTyping(event.target)) {
    event.preventDefault()
    if (event.shiftKey) actions.redo()
    else actions.undo()
  } else if (mod && key === 'y' && !isTyping(event.target)) {
    event.preventDefault()
    actions.redo()
  } else if (event.key === 'F1' || (event.key === '?' && !isTyping(event.target))) {
    event.preventDefault()
    actions.toggleHelp()
  } else if (event.key === 'Delete' && !isTyping(event.target) && actions.hasSelection) {
    event.preventDefault()
    actions.removeSelected()
  }
}
