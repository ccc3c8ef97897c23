import { type ReactNode, useEffect, useId, useRef } from 'react'
import './bind.css'

interface Props {
  title: ReactNode
  /** Escape, the close button and Cancel all call it. */
  onClose: () => void
  children: ReactNode
  footer: ReactNode
  wide?: boolean
}

/**
 * A modal on the native `<dialog>` element: the browser traps focus inside it, Escape closes it and
 * focus returns to the control that opened it.
 */
export function Modal({ title, onClose, children, footer, wide }: Props): ReactNode {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const close = useRef(onClose)
  close.current = onClose

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    if (!dialog.open) dialog.showModal()
    const onCancel = (event: Event) => {
      event.preventDefault()
      close.current()
    }
    dialog.addEventListener('cancel', onCancel)
    return () => {
      dialog.removeEventListener('cancel', onCancel)
      if (dialog.open) dialog.close()
      opener?.focus()
    }
  }, [])

  return (
    <dialog ref={ref} className={wide ? 'modal modal-wide' : 'modal'} aria-labelledby={titleId}>
      <header className="modal-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="button ghost small" aria-label="Close" onClick={onClose}>
          ✕
        </button>
      </header>
      <div className="modal-body">{children}</div>
      <footer className="modal-footer">{footer}</footer>
    </dialog>
  )
}
