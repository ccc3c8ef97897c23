import type { ReactNode } from 'react'
import type { SectionProps } from '../model/section.js'

/** The project's services with their URLs; "+ Import service" opens the wizard. */
export function ServiceList({ project, contents, go }: SectionProps): ReactNode {
  const services = Object.values(contents.services).sort((a, b) => a.name.localeCompare(b.name))
  return (
    <section aria-labelledby="services-title">
      <header className="panel-header">
        <div>
          <h1 id="services-title">Web Services</h1>
          <p className="muted">WebSocket services this project's variables connect to.</p>
        </div>
        <button type="button" className="button primary" onClick={() => go(['new'])}>
          <span aria-hidden="true">+</span> Import service
        </button>
      </header>
      {services.length === 0 ? (
        <div className="empty">
          <p>No services yet.</p>
          <p className="muted">Import one: test its URL, pick sample messages, and Tether infers their fields.</p>
        </div>
      ) : (
        <ul className="item-list" aria-label="Services">
          {services.map((service) => (
            <li key={service.name} className="item">
              <a
                className="item-link"
                href={`#/${encodeURIComponent(project)}/services/${encodeURIComponent(service.name)}`}
              >
                <strong className="mono">{service.name}</strong>
                <span className="muted mono small">{service.url}</span>
                {service.description && <span className="muted small">{service.description}</span>}
              </a>
              <span className="item-tags">
                {service.useProxy && <span className="tag">proxy</span>}
                {service.shared !== undefined && service.shared !== false && <span className="tag">shared</span>}
                <span className="tag">{service.samples?.responses.length ?? 0} samples</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
