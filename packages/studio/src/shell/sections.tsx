import { pageAccessRule } from '@tether/runtime'
import { PagesEditor } from '../designer/index.js'
import type { StudioSection } from '../model/section.js'
import { findProblems, ProblemsPanel } from '../problems/index.js'
import { SecuritySection } from '../security/index.js'
import { ServicesSection } from '../services/ServicesSection.js'
import { VariablesEditor } from '../variables/index.js'
import { listVariables } from '../variables/list-variables.js'

/** The left navigation, in order. Variables and Pages are part 2's editors (variables dialog, page designer). */
export const SECTIONS: readonly StudioSection[] = [
  {
    id: 'services',
    label: 'Services',
    icon: '⇄',
    count: (contents) => Object.keys(contents.services).length,
    render: (props) => <ServicesSection {...props} />,
  },
  {
    id: 'variables',
    label: 'Variables',
    icon: '𝑥',
    count: (contents) => listVariables(contents).length,
    render: (props) => <VariablesEditor {...props} />,
  },
  {
    id: 'pages',
    label: 'Pages',
    icon: '▤',
    count: (contents) => Object.keys(contents.pages).length,
    render: (props) => <PagesEditor {...props} />,
  },
  {
    id: 'security',
    label: 'Security',
    icon: '⚷',
    // The pages that ask for a sign-in.
    count: ({ project }) =>
      project.security.enabled
        ? project.pages.filter((page) => pageAccessRule(project.security, page).access !== 'everyone').length
        : 0,
    render: (props) => <SecuritySection {...props} />,
  },
  {
    id: 'problems',
    label: 'Problems',
    icon: '⚠',
    count: (contents) => findProblems(contents).length,
    render: (props) => <ProblemsPanel project={props.project} contents={props.contents} />,
  },
]
