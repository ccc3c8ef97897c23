import type { WidgetNode } from '@tether/runtime'

/**
 * How the properties panel edits a property:
 * - `text` / `number` / `boolean` / `select`: a literal (text and number may also be bound);
 * - `dataset`: a list, normally bound to `Variables.<name>.dataSet`;
 * - `field` / `fields`: a field name (or several) of the records of the widget's `dataset`;
 * - `format`: a display format (`date:hh:mm:ss a`, `number:1`);
 * - `variable`: the name of a WebSocket variable (ConnectionStatus);
 * - `columns`: the DataTable's column list.
 */
export type PropertyKind =
  | 'text'
  | 'number'
  | 'boolean'
  | 'select'
  | 'dataset'
  | 'field'
  | 'fields'
  | 'format'
  | 'variable'
  | 'columns'

export interface PropertySpec {
  name: string
  label: string
  kind: PropertyKind
  /** The value a newly dropped widget starts with; absent = not written. */
  default?: unknown
  /** Choices of a `select`. */
  options?: readonly string[]
  /** Offer the bind dialog. Defaults to true for text, number, dataset. */
  bindable?: boolean
  help?: string
}

export interface WidgetSpec {
  type: string
  label: string
  /** A short glyph for the palette. */
  icon: string
  description: string
  group: 'Layout' | 'Display' | 'Input' | 'Data'
  /** Widget types it holds; absent = not a container, `'any'` = every type except the slot-only ones. */
  accepts?: readonly string[] | 'any'
  /** Types it may only be dropped into (GridColumn → GridRow). */
  parents?: readonly string[]
  props: readonly PropertySpec[]
  events: readonly string[]
  /** Children a new widget starts with (a GridRow starts with two half-width columns). */
  starter?: (name: (base: string) => string) => WidgetNode[]
}

const FORMAT_HELP = 'date:hh:mm:ss a, number, number:1'
const caption: PropertySpec = { name: 'caption', label: 'Caption', kind: 'text' }
const height: PropertySpec = { name: 'height', label: 'Height (px)', kind: 'number', bindable: false }
const emptyMessage: PropertySpec = { name: 'emptyMessage', label: 'Empty message', kind: 'text' }
const dataset: PropertySpec = { name: 'dataset', label: 'Dataset', kind: 'dataset' }
const disabled: PropertySpec = { name: 'disabled', label: 'Disabled', kind: 'boolean' }

/** Every widget of `@tether/react`'s `builtInWidgets`, with the properties the designer edits. */
export const WIDGET_CATALOG: readonly WidgetSpec[] = [
  {
    type: 'Layout',
    label: 'Layout',
    icon: '▥',
    group: 'Layout',
    description: 'One centred column; Navbar children form the top bar.',
    accepts: 'any',
    props: [],
    events: [],
  },
  {
    type: 'Navbar',
    label: 'Navbar',
    icon: '▔',
    group: 'Layout',
    description: 'The top bar with a title, an image and any children.',
    accepts: 'any',
    props: [
      { name: 'title', label: 'Title', kind: 'text', default: 'My app' },
      { name: 'image', label: 'Image URL', kind: 'text' },
      { name: 'imageAlt', label: 'Image description', kind: 'text' },
    ],
    events: [],
  },
  {
    type: 'Panel',
    label: 'Panel',
    icon: '▣',
    group: 'Layout',
    description: 'A card with a title; drop PanelHeader / PanelFooter in for slots.',
    accepts: 'any',
    props: [{ name: 'title', label: 'Title', kind: 'text', default: 'Panel' }],
    events: [],
  },
  {
    type: 'PanelHeader',
    label: 'Panel header',
    icon: '▀',
    group: 'Layout',
    description: "A panel's header slot.",
    accepts: 'any',
    parents: ['Panel'],
    props: [],
    events: [],
  },
  {
    type: 'PanelFooter',
    label: 'Panel footer',
    icon: '▄',
    group: 'Layout',
    description: "A panel's footer slot.",
    accepts: 'any',
    parents: ['Panel'],
    props: [],
    events: [],
  },
  {
    type: 'GridRow',
    label: 'Grid row',
    icon: '☷',
    group: 'Layout',
    description: 'A row on the 12-column grid; holds grid columns.',
    accepts: ['GridColumn'],
    props: [],
    events: [],
    starter: (name) => [
      { type: 'GridColumn', name: name('gridColumn'), props: { width: 6 }, children: [] },
      { type: 'GridColumn', name: name('gridColumn'), props: { width: 6 }, children: [] },
    ],
  },
  {
    type: 'GridColumn',
    label: 'Grid column',
    icon: '┃',
    group: 'Layout',
    description: 'A column of a grid row, 1–12 units wide.',
    accepts: 'any',
    parents: ['GridRow'],
    props: [{ name: 'width', label: 'Width (1–12 columns)', kind: 'number', default: 6, bindable: false }],
    events: [],
  },
  {
    type: 'Label',
    label: 'Label',
    icon: 'T',
    group: 'Display',
    description: 'Text, optionally formatted.',
    props: [
      { ...caption, default: 'Label' },
      { name: 'format', label: 'Format', kind: 'format', help: FORMAT_HELP },
      { name: 'variant', label: 'Variant', kind: 'select', options: ['', 'heading', 'muted'] },
    ],
    events: [],
  },
  {
    type: 'Picture',
    label: 'Picture',
    icon: '◪',
    group: 'Display',
    description: 'An image from a URL (http, https, relative or data:image).',
    props: [
      { name: 'source', label: 'Source URL', kind: 'text' },
      { name: 'alt', label: 'Description (alt)', kind: 'text' },
      { name: 'width', label: 'Width (px)', kind: 'number' },
      { name: 'height', label: 'Height (px)', kind: 'number' },
      { name: 'shape', label: 'Shape', kind: 'select', options: ['', 'circle'] },
    ],
    events: [],
  },
  {
    type: 'Text',
    label: 'Text input',
    icon: '⌶',
    group: 'Input',
    description: 'A one-line input; its text is Widgets.<name>.datavalue.',
    props: [
      { name: 'placeholder', label: 'Placeholder', kind: 'text' },
      { name: 'datavalue', label: 'Initial value', kind: 'text' },
      { name: 'type', label: 'Input type', kind: 'select', options: ['text', 'number', 'email', 'password'] },
      disabled,
    ],
    events: ['onChange', 'onSubmit'],
  },
  {
    type: 'Textarea',
    label: 'Text area',
    icon: '¶',
    group: 'Input',
    description: 'A multi-line input; Enter submits, Shift+Enter is a new line.',
    props: [
      { name: 'placeholder', label: 'Placeholder', kind: 'text' },
      { name: 'datavalue', label: 'Initial value', kind: 'text' },
      { name: 'rows', label: 'Rows', kind: 'number', bindable: false },
      disabled,
    ],
    events: ['onChange', 'onSubmit'],
  },
  {
    type: 'Button',
    label: 'Button',
    icon: '◉',
    group: 'Input',
    description: 'Runs its onClick actions.',
    props: [
      { ...caption, default: 'Button' },
      {
        name: 'icon',
        label: 'Icon',
        kind: 'select',
        options: ['', 'paper-plane', 'send', 'refresh', 'plus', 'check', 'close', 'sign-out', 'user'],
      },
      { name: 'title', label: 'Tooltip', kind: 'text' },
      disabled,
    ],
    events: ['onClick'],
  },
  {
    type: 'List',
    label: 'List',
    icon: '☰',
    group: 'Data',
    description: 'Repeats its children for each record; inside, bind to item or Widgets.<list>.currentItem.',
    accepts: 'any',
    props: [dataset, { name: 'keyField', label: 'Key field', kind: 'field' }, height, emptyMessage],
    events: [],
  },
  {
    type: 'DataTable',
    label: 'Data table',
    icon: '▦',
    group: 'Data',
    description: 'Rows of a dataset, sortable, paged or virtualized.',
    props: [
      dataset,
      { name: 'columns', label: 'Columns', kind: 'columns', help: 'Empty = one column per field of the first row.' },
      { name: 'pageSize', label: 'Page size (0 = scroll)', kind: 'number', default: 20, bindable: false },
      height,
      emptyMessage,
    ],
    events: [],
  },
  {
    type: 'Chart',
    label: 'Chart',
    icon: '∿',
    group: 'Data',
    description: 'Line, area, column, bar or pie chart of a dataset.',
    props: [
      {
        name: 'type',
        label: 'Chart type',
        kind: 'select',
        options: ['line', 'area', 'column', 'bar', 'pie'],
        default: 'line',
      },
      dataset,
      { name: 'xField', label: 'X axis field', kind: 'field' },
      { name: 'yField', label: 'Y axis field(s)', kind: 'fields' },
      { name: 'title', label: 'Title', kind: 'text' },
      { name: 'xTitle', label: 'X axis title', kind: 'text' },
      { name: 'yTitle', label: 'Y axis title', kind: 'text' },
      { name: 'xFormat', label: 'X axis format', kind: 'format', help: FORMAT_HELP },
      { name: 'yFormat', label: 'Y axis format', kind: 'format', help: FORMAT_HELP },
      { ...height, default: 260 },
      emptyMessage,
    ],
    events: [],
  },
  {
    type: 'ConnectionStatus',
    label: 'Connection status',
    icon: '●',
    group: 'Data',
    description: "A WebSocket variable's state, attempts and last error.",
    props: [{ name: 'variable', label: 'Variable', kind: 'variable' }],
    events: [],
  },
]

const byType = new Map(WIDGET_CATALOG.map((spec) => [spec.type, spec]))

export function widgetSpec(type: string): WidgetSpec | undefined {
  return byType.get(type)
}

/** May a widget of `childType` go into `parentType` (null = the page's top level)? */
export function canContain(parentType: string | null, childType: string): boolean {
  const child = byType.get(childType)
  if (!child) return false
  if (parentType === null) return child.parents === undefined
  const parent = byType.get(parentType)
  if (!parent?.accepts) return false
  if (child.parents && !child.parents.includes(parentType)) return false
  return parent.accepts === 'any' || parent.accepts.includes(childType)
}

export function isContainer(type: string): boolean {
  return byType.get(type)?.accepts !== undefined
}

/** Whether the property panel offers the bind dialog for this property. */
export function isBindable(spec: PropertySpec): boolean {
  if (spec.bindable !== undefined) return spec.bindable
  return spec.kind === 'text' || spec.kind === 'number' || spec.kind === 'dataset'
}

/** A new node of `type` with its default props (and starter children), named by `name`. */
export function createWidget(type: string, name: (base: string) => string): WidgetNode {
  const spec = byType.get(type)
  if (!spec) throw new Error(`Unknown widget type "${type}"`)
  const props: Record<string, unknown> = {}
  for (const prop of spec.props) if (prop.default !== undefined) props[prop.name] = prop.default
  const node: WidgetNode = { type, name: name(type.charAt(0).toLowerCase() + type.slice(1)), props }
  if (spec.accepts) node.children = spec.starter ? spec.starter(name) : []
  return node
}
