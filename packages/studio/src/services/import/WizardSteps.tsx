import type { ReactNode } from 'react'

export const WIZARD_STEPS = ['Test connection', 'Configure'] as const

/** The step indicator: where the user is and what comes next. */
export function WizardSteps({ current }: { current: number }): ReactNode {
  return (
    <ol className="wizard-steps" aria-label="Import steps">
      {WIZARD_STEPS.map((label, index) => (
        <li
          key={label}
          className={index === current ? 'current' : index < current ? 'done' : ''}
          aria-current={index === current ? 'step' : undefined}
        >
          <span className="step-number" aria-hidden="true">
            {index < current ? '✓' : index + 1}
          </span>
          {label}
        </li>
      ))}
    </ol>
  )
}
