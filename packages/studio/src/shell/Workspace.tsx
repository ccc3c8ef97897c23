import type { ReactNode } from 'react'
import { useProject } from '../projects/use-project.js'
import type { StudioRoute } from './route.js'
import { SECTIONS } from './sections.js'

interface Props {
  route: StudioRoute & { project: string }
  navigate: (route: StudioRoute) => void
}

/** An open project: the sections on the left, the chosen section's panel on the right. */
export function Workspace({ route, navigate }: Props): ReactNode {
  const { state, reload } = useProject(route.project)
  const section = SECTIONS.find((s) => s.id === route.section) ?? SECTIONS[0]
  if (!section) return null
  const contents = state.status === 'ready' ? state.contents : null

  return (
    <div className="workspace">
      <nav className="sidebar" aria-label="Project sections">
        <div className="sidebar-project">
          <span className="muted small">Project</span>
          <strong>{contents?.project.title || route.project}</strong>
          <a
            className="app-link small"
            href={`/apps/${encodeURIComponent(route.project)}/`}
            target="_blank"
            rel="noreferrer"
          >
            Run app ↗
          </a>
        </div>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <a
                href={`#/${encodeURIComponent(route.project)}/${s.id}`}
                className={s.id === section.id ? 'nav-item active' : 'nav-item'}
                aria-current={s.id === section.id ? 'page' : undefined}
              >
                <span className="nav-icon" aria-hidden="true">
                  {s.icon}
                </span>
                <span>{s.label}</span>
                {contents && <span className="badge">{s.count(contents)}</span>}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="panel" id="main">
        {state.status === 'loading' && <p className="muted">Loading {route.project}…</p>}
        {state.status === 'failed' && (
          <div className="alert alert-error" role="alert">
            <p>{state.message}</p>
            <button type="button" className="button" onClick={() => void reload()}>
              Try again
            </button>
          </div>
        )}
        {contents &&
          section.render({
            project: route.project,
            contents,
            path: route.path,
            go: (path) => navigate({ project: route.project, section: section.id, path }),
            reload,
          })}
      </main>
    </div>
  )
}
