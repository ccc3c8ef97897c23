import { PagesSection } from '../pages/PagesSection.js'
import { ServicesSection } from '../services/ServicesSection.js'
import { listVariables } from '../variables/list-variables.js'
import { VariablesSection } from '../variables/VariablesSection.js'
import type { StudioSection } from './section.js'

/** The left navigation, in order. Part 2 replaces the read-only Variables and Pages panels with editors. */
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
    render: (props) => <VariablesSection {...props} />,
  },
  {
    id: 'pages',
    label: 'Pages',
    icon: '▤',
    count: (contents) => Object.keys(contents.pages).length,
    render: (props) => <PagesSection {...props} />,
  },
]
