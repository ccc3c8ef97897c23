import { Component, type ErrorInfo, type ReactNode } from 'react'

interface Props {
  name: string
  children: ReactNode
}

/** One per widget: a widget that throws shows its error in place; the rest of the page keeps working. */
export class WidgetErrorBoundary extends Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null }

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`[tether] widget "${this.props.name}" failed to render`, error, info.componentStack)
  }

  override render(): ReactNode {
    if (this.state.error) {
      return (
        <div className="tether-widget-error" role="alert">
          {this.props.name}: {this.state.error.message}
        </div>
      )
    }
    return this.props.children
  }
}
