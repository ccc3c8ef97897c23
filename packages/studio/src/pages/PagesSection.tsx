import type { ReactNode } from 'react'
import type { SectionProps } from '../shell/section.js'

/** The project's pages, read-only for now (the page designer comes with part 2). */
export function PagesSection({ project, contents }: SectionProps): ReactNode {
  const pages = Object.entries(contents.pages)
  return (
    <section aria-labelledby="pages-title">
      <header className="panel-header">
        <div>
          <h1 id="pages-title">Pages</h1>
          <p className="muted">The app's pages. Read-only here for now.</p>
        </div>
      </header>
      {pages.length === 0 ? (
        <p className="empty">No pages yet.</p>
      ) : (
        <ul className="item-list">
          {pages.map(([name, page]) => (
            <li key={name} className="item">
              <div>
                <strong className="mono">{name}</strong>
                {name === contents.project.homePage && <span className="tag">home</span>}
                <div className="muted small">
                  {page.title ?? 'Untitled'} · {Object.keys(page.variables ?? {}).length} variables
                </div>
              </div>
              <a
                className="button ghost small"
                href={`/apps/${encodeURIComponent(project)}/#/${encodeURIComponent(name)}`}
                target="_blank"
                rel="noreferrer"
              >
                Open ↗
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
