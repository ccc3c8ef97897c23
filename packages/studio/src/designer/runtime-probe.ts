import { builtInWidgets, type PageRuntime, type WidgetNode, type WidgetProps, type WidgetRegistry } from '@tether/react'
import { createContext, type ReactNode, useContext, useEffect } from 'react'

/** Receives the canvas page's runtime when it starts, and null when it stops. */
export type RuntimeListener = (runtime: PageRuntime | null) => void

export const RuntimeProbeContext = createContext<RuntimeListener | null>(null)

const PROBE_TYPE = 'StudioRuntimeProbe'

/**
 * An invisible node appended to the canvas's widgets. PageView creates the page's runtime (its live
 * variables) inside itself and hands it only to widgets, so this widget reports it to the designer,
 * whose bind dialog previews values from it. (Asked of @tether/react: an `onRuntime` prop on PageView.)
 */
export const RUNTIME_PROBE: WidgetNode = { type: PROBE_TYPE, name: '__studioRuntimeProbe', props: {} }

function RuntimeProbe({ runtime }: WidgetProps): ReactNode {
  const report = useContext(RuntimeProbeContext)
  useEffect(() => {
    report?.(runtime)
    return () => report?.(null)
  }, [report, runtime])
  return null
}

/** The runtime's widgets plus the probe. */
export const canvasWidgets: WidgetRegistry = { ...builtInWidgets, [PROBE_TYPE]: RuntimeProbe }
