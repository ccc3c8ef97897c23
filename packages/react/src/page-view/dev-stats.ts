/**
 * A development counter for measuring the runtime in a real browser (bench/browser-render.mjs):
 * open an app with `?stats=1` and `window.__tetherStats` counts widget renders, in total and per
 * widget name. Decided once at load, so without the flag the only cost is a null check per render.
 */
export interface TetherStats {
  /** Widget renders (WidgetHost function calls) since load. */
  renders: number
  /** Renders per widget name. */
  byWidget: Record<string, number>
}

function statsEnabled(): boolean {
  const search = (globalThis as { location?: { search?: string } }).location?.search
  return typeof search === 'string' && new URLSearchParams(search).has('stats')
}

export const devStats: TetherStats | null = statsEnabled() ? createStats() : null

function createStats(): TetherStats {
  const stats: TetherStats = { renders: 0, byWidget: Object.create(null) as Record<string, number> }
  ;(globalThis as { __tetherStats?: TetherStats }).__tetherStats = stats
  return stats
}

/** Counts one render of `widget` (no-op unless `?stats=1`). */
export function countRender(widget: string): void {
  if (devStats === null) return
  devStats.renders++
  devStats.byWidget[widget] = (devStats.byWidget[widget] ?? 0) + 1
}
