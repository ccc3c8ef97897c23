import { type ReactNode, useContext } from 'react'
import { RuntimeContext } from '../page-view/context.js'

interface Props {
  /** The plain sentence the user reads (`plainErrorMessage`). */
  sentence: string
  /** The developer's line (`failureDetail`): shown only where the page asks for details (the studio). */
  detail: string | null
  className?: string
}

/** A failure as a widget shows it: the plain sentence, and in the studio's preview a collapsible "Details". */
export function FailureText({ sentence, detail, className }: Props): ReactNode {
  const showDetails = useContext(RuntimeContext)?.showErrorDetails === true
  return (
    <span className={className}>
      {sentence}
      {showDetails && detail !== null && (
        <details className="tether-failure-details">
          <summary>Details</summary>
          <code>{detail}</code>
        </details>
      )}
    </span>
  )
}
