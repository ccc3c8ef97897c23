import type { ServiceProtocol } from '@tether/core'
import type { ReactNode } from 'react'
import { PROTOCOL_LABELS } from '../form/protocol-draft.js'
import type { DetectionState } from './use-protocol-detection.js'

interface Props {
  detection: DetectionState | null
  /** The protocol chosen now. */
  chosen: ServiceProtocol
  /** The user picked the protocol themselves: detection no longer changes it. */
  overridden: boolean
  /** Goes back to the detected protocol. */
  onUseDetected: (protocol: ServiceProtocol) => void
}

/** What detection found, under the protocol choice: "Detected Socket.IO because the URL is an Engine.IO URL." */
export function DetectionNote(props: Props): ReactNode {
  // One live region, present before its text changes, so screen readers announce each finding.
  return (
    <div className="detection" aria-live="polite" data-testid="detection">
      <Finding {...props} />
    </div>
  )
}

function Finding({ detection, chosen, overridden, onUseDetected }: Props): ReactNode {
  if (detection === null) return null
  if (detection.status === 'detecting') return <p className="muted small">Detecting the protocol…</p>
  if (detection.status === 'failed')
    return <p className="muted small">Could not detect the protocol: {detection.message} Choose it here.</p>
  const { protocol, reason } = detection.result
  if (protocol === null) return <p className="muted small">Could not tell the protocol: {reason}. Choose it here.</p>
  return (
    <p className="small">
      Detected <strong>{PROTOCOL_LABELS[protocol]}</strong> because {reason}.
      {overridden && chosen !== protocol && (
        <>
          {' '}
          You chose {PROTOCOL_LABELS[chosen]} instead.{' '}
          <button type="button" className="button ghost small" onClick={() => onUseDetected(protocol)}>
            Use {PROTOCOL_LABELS[protocol]}
          </button>
        </>
      )}
    </p>
  )
}
