/** A widget as a page file stores it (what the templates are made of). */
interface TemplateWidget {
  type: string
  name: string
  props: Record<string, unknown>
  children?: TemplateWidget[]
}

const w = (type: string, name: string, props: Record<string, unknown> = {}, children?: TemplateWidget[]) =>
  children ? { type, name, props, children } : { type, name, props }
const column = (name: string, width: number, children: TemplateWidget[] = []) =>
  w('GridColumn', name, { width }, children)
const panel = (name: string, title: string) => w('Panel', name, { title }, [])

/** A new page's starting widgets, as the reference offers them. */
export interface PageTemplate {
  id: string
  label: string
  widgets: (title: string) => TemplateWidget[]
}

export const PAGE_TEMPLATES: readonly PageTemplate[] = [
  { id: 'blank', label: 'Blank page', widgets: () => [] },
  {
    id: 'one-column',
    label: 'One column layout with top navbar',
    widgets: (title) => [w('Layout', 'layout', {}, [w('Navbar', 'navbar', { title }, [])])],
  },
  {
    id: 'two-columns',
    label: 'Two columns with top navbar',
    widgets: (title) => [
      w('Layout', 'layout', {}, [
        w('Navbar', 'navbar', { title }, []),
        w('GridRow', 'mainRow', {}, [column('leftColumn', 6), column('rightColumn', 6)]),
      ]),
    ],
  },
  {
    id: 'dashboard',
    label: 'Dashboard grid with top navbar',
    widgets: (title) => [
      w('Layout', 'layout', {}, [
        w('Navbar', 'navbar', { title }, []),
        w('GridRow', 'summaryRow', {}, [
          column('summaryColumn1', 4, [panel('summaryPanel1', 'Summary 1')]),
          column('summaryColumn2', 4, [panel('summaryPanel2', 'Summary 2')]),
          column('summaryColumn3', 4, [panel('summaryPanel3', 'Summary 3')]),
        ]),
        w('GridRow', 'detailRow', {}, [
          column('chartColumn', 8, [panel('chartPanel', 'Chart')]),
          column('listColumn', 4, [panel('listPanel', 'Details')]),
        ]),
      ]),
    ],
  },
]
