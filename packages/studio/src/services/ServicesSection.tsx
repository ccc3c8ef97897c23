import type { ReactNode } from 'react'
import type { SectionProps } from '../model/section.js'
import { ImportWizard } from './import/ImportWizard.js'
import { ServiceList } from './ServiceList.js'
import { ServiceSettings } from './ServiceSettings.js'

/** Web Services: the list (`[]`), the import wizard (`['new']`) and a service's settings (`[name]`). */
export function ServicesSection(props: SectionProps): ReactNode {
  const [first] = props.path
  if (first === undefined) return <ServiceList {...props} />
  if (first === 'new') return <ImportWizard {...props} />
  // Own names only: `#/x/services/__proto__` must not find the object's prototype.
  const definition = Object.hasOwn(props.contents.services, first) ? props.contents.services[first] : undefined
  if (!definition) {
    return (
      <div className="alert alert-error" role="alert">
        <p>This project has no service named “{first}”.</p>
        <button type="button" className="button" onClick={() => props.go([])}>
          Back to services
        </button>
      </div>
    )
  }
  // Keyed by name so switching services (or renaming) starts from the saved file.
  return <ServiceSettings key={first} {...props} definition={definition} />
}
