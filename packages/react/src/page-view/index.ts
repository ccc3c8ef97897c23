export { Notifications } from './Notifications.js'
export { PageView, type PageViewProps } from './PageView.js'
export type { WidgetComponent, WidgetProps, WidgetRegistry } from './widget-types.js'
