import type { ReactNode } from 'react'
import { useEntities } from '../api/entities.js'
import type { ProjectContents } from '../api/studio-api.js'
import { findProblems } from './find-problems.js'

interface Props {
  project: string
  contents: ProjectContents
}

const SECTION_LABEL = {
  services: 'Web Services',
  variables: 'Variables',
  pages: 'the page designer',
  security: 'Security',
} as const

/** The project's problems, each with a link to where it is fixed. */
export function ProblemsPanel({ project, contents }: Props): ReactNode {
  const catalog = useEntities()
  const problems = findProblems(contents, catalog.state === 'ready' ? catalog.entities : [])
  return (
    <section aria-labelledby="problems-title">
      <header className="panel-header">
        <div>
          <h1 id="problems-title">Problems</h1>
          <p className="muted">
            What will not work when the app runs: broken bindings, missing services or variables, invalid keys.
          </p>
        </div>
      </header>
      {problems.length === 0 ? (
        <p className="muted">No problems found.</p>
      ) : (
        <ul className="item-list" aria-label="Problems">
          {problems.map((problem) => (
            <li key={problem.message} className="item problem">
              <span>{problem.message}</span>
              <a
                className="button small"
                href={`#/${[project, problem.fix.section, ...problem.fix.path].map(encodeURIComponent).join('/')}`}
              >
                Fix in {SECTION_LABEL[problem.fix.section]}
                {problem.fix.section === 'pages' ? ` (${problem.fix.path[0]})` : ''}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
