import type { WidgetRegistry } from '../page-view/widget-types.js'
import { Button } from './Button.js'
import { ConnectionStatus } from './ConnectionStatus.js'
import { Text, Textarea } from './inputs.js'
import { Label } from './Label.js'
import { List } from './List.js'
import { GridColumn, GridRow, Layout, Panel, PanelSlot } from './layout.js'
import { lazyWidget } from './lazy-widget.js'
import { Navbar } from './Navbar.js'
import { Picture } from './Picture.js'

// Loaded with the first page that shows one: most pages have no chart or table.
const Chart = lazyWidget('chart', async () => (await import('./Chart.js')).Chart)
const DataTable = lazyWidget('table', async () => (await import('./DataTable.js')).DataTable)

/** Widget types a page file can use, by the `type` name it writes. */
export const builtInWidgets: WidgetRegistry = {
  Layout,
  Navbar,
  Panel,
  PanelHeader: PanelSlot,
  PanelFooter: PanelSlot,
  GridRow,
  GridColumn,
  Label,
  Picture,
  Text,
  Textarea,
  Button,
  List,
  DataTable,
  Chart,
  ConnectionStatus,
}

export type { DataTableColumn } from './DataTable.js'
export { formatValue } from './format.js'
export { Icon, iconNames } from './icons.js'
export { sanitizeUrl } from './sanitize-url.js'
export { injectTetherCss, tetherCss } from './styles.js'
