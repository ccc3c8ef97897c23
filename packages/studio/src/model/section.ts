import type { ReactNode } from 'react'
import type { ProjectContents } from '../api/studio-api.js'

/** What every section panel receives from the shell. */
export interface SectionProps {
  project: string
  contents: ProjectContents
  /** The route inside the section, e.g. `['new']`. */
  path: string[]
  /** Moves within this section (`go([])` returns to its list). */
  go: (path: string[]) => void
  /** Reloads the project's files after a save. */
  reload: () => Promise<void>
}

/**
 * One entry of the studio's left navigation. To add a section (or give one an editor), write a
 * component taking {@link SectionProps} and list it in `sections.ts`; the shell does the rest.
 */
export interface StudioSection {
  id: string
  label: string
  /** A short glyph shown before the label. */
  icon: string
  /** How many items the section holds, shown as a badge. */
  count: (contents: ProjectContents) => number
  render: (props: SectionProps) => ReactNode
}
