export { PageDesigner } from './PageDesigner.js'
export { PagesEditor } from './PagesEditor.js'
export {
  canContain,
  createWidget,
  type PropertySpec,
  WIDGET_CATALOG,
  type WidgetSpec,
  widgetSpec,
} from './widget-catalog.js'
