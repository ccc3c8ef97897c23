import { IDENTIFIER_RULE, isIdentifier } from '@tether/core'
import type { PageDefinition } from '@tether/runtime'
import { type FormEvent, type ReactNode, useState } from 'react'
import { studioApi } from '../api/studio-api.js'
import type { SectionProps } from '../model/section.js'
import { withoutPageRule } from '../security/index.js'
import { PageDesigner } from './PageDesigner.js'
import { PAGE_TEMPLATES } from './page-templates.js'

/** The project's pages: open one in the designer (`#/<project>/pages/<Page>`), add or delete pages. */
export function PagesEditor(props: SectionProps): ReactNode {
  const { project, contents, path, go, reload } = props
  const [name, setName] = useState('')
  const [templateId, setTemplateId] = useState('one-column')
  const [problem, setProblem] = useState<string | null>(null)
  const open = path[0]
  // Own names only: a link to `#/x/pages/__proto__` must not open the object's prototype as a page.
  if (open !== undefined && Object.hasOwn(contents.pages, open)) {
    return (
      <PageDesigner
        key={open}
        project={project}
        contents={contents}
        reload={reload}
        pageName={open}
        back={() => go([])}
      />
    )
  }

  const pages = Object.entries(contents.pages)
  const create = async (event: FormEvent) => {
    event.preventDefault()
    if (!isIdentifier(name)) return setProblem(`${IDENTIFIER_RULE} (It is part of the URL.)`)
    if (Object.hasOwn(contents.pages, name)) return setProblem(`"${name}" exists already.`)
    try {
      const template = PAGE_TEMPLATES.find((t) => t.id === templateId) ?? PAGE_TEMPLATES[0]
      const widgets = (template?.widgets(name) ?? []) as PageDefinition['widgets']
      await studioApi.savePage(project, { name, title: name, variables: {}, widgets })
      const file = contents.project
      await studioApi.saveProjectFile(project, { ...file, pages: [...file.pages, name] })
      setName('')
      setProblem(null)
      await reload()
      go([name])
    } catch (error) {
      setProblem((error as Error).message)
    }
  }
  const remove = async (page: string) => {
    if (!window.confirm(`Delete the page "${page}"?`)) return
    try {
      const file = contents.project
      // Its security rule goes with it: a rule for a page the project lacks is refused.
      const security = withoutPageRule(file.security, page)
      await studioApi.saveProjectFile(project, { ...file, security, pages: file.pages.filter((p) => p !== page) })
      await studioApi.deletePage(project, page)
      await reload()
    } catch (error) {
      setProblem((error as Error).message)
    }
  }

  return (
    <section aria-labelledby="pages-title">
      <header className="panel-header">
        <div>
          <h1 id="pages-title">Pages</h1>
          <p className="muted">Design a page: drop widgets, bind them to variables, save and run.</p>
        </div>
      </header>
      <ul className="item-list">
        {pages.map(([page, definition]) => (
          <li key={page} className="item">
            <div>
              <strong className="mono">{page}</strong>
              {page === contents.project.homePage && <span className="tag">home</span>}
              <div className="muted small">
                {definition.title ?? 'Untitled'} · {Object.keys(definition.variables ?? {}).length} variables ·{' '}
                {Array.isArray(definition.widgets) ? definition.widgets.length : 0} top-level widgets
              </div>
            </div>
            <div className="variable-actions">
              <a
                className="button small primary"
                href={`#/${encodeURIComponent(project)}/pages/${encodeURIComponent(page)}`}
                aria-label={`Design ${page}`}
              >
                Design
              </a>
              <a
                className="button ghost small"
                href={`/apps/${encodeURIComponent(project)}/#/${encodeURIComponent(page)}`}
                target="_blank"
                rel="noreferrer"
              >
                Run ↗
              </a>
              {page !== contents.project.homePage && (
                <button
                  type="button"
                  className="button ghost small danger"
                  aria-label={`Delete page ${page}`}
                  onClick={() => void remove(page)}
                >
                  Delete
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      <form className="inline-form card" onSubmit={(e) => void create(e)}>
        <label className="field">
          <span>New page name</span>
          <input
            className="mono"
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-describedby="new-page-problem"
          />
        </label>
        <label className="field">
          <span>Template</span>
          <select value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
            {PAGE_TEMPLATES.map((template) => (
              <option key={template.id} value={template.id}>
                {template.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button">
          Add page
        </button>
        <p id="new-page-problem" className="field-problem" role="alert">
          {problem}
        </p>
      </form>
    </section>
  )
}
