import type { ReactNode } from 'react'
import { formatValue, readField } from './format.js'

export const PALETTE = ['#3b82f6', '#ef4444', '#10b981', '#f59e0b', '#8b5cf6', '#ec4899', '#14b8a6', '#64748b']

/** A pie as plain SVG: one slice per record, sized by `yField`, labelled by `xField`. */
export function PieChart({
  dataset,
  xField,
  yField,
  format,
  size = 220,
}: {
  dataset: unknown[]
  xField: string
  yField: string
  format?: unknown
  size?: number
}): ReactNode {
  const slices = dataset
    .map((row) => ({ label: String(readField(row, xField) ?? ''), value: Number(readField(row, yField)) }))
    .filter((s) => Number.isFinite(s.value) && s.value > 0)
  const total = slices.reduce((sum, s) => sum + s.value, 0)
  const r = size / 2
  let angle = -Math.PI / 2
  return (
    <div className="tether-pie">
      <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} role="img" aria-label="pie chart">
        {slices.map((slice, i) => {
          const color = PALETTE[i % PALETTE.length]
          if (slices.length === 1) return <circle key={slice.label} cx={r} cy={r} r={r} fill={color} />
          const sweep = (slice.value / total) * Math.PI * 2
          const start = angle
          angle += sweep
          const [x1, y1] = [r + r * Math.cos(start), r + r * Math.sin(start)]
          const [x2, y2] = [r + r * Math.cos(angle), r + r * Math.sin(angle)]
          const large = sweep > Math.PI ? 1 : 0
          return (
            <path
              // biome-ignore lint/suspicious/noArrayIndexKey: labels may repeat; slices are positional
              key={`${slice.label}-${i}`}
              d={`M${r},${r} L${x1},${y1} A${r},${r} 0 ${large} 1 ${x2},${y2} Z`}
              fill={color}
            />
          )
        })}
      </svg>
      <ul className="tether-pie-legend">
        {slices.map((slice, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: labels may repeat; slices are positional
          <li key={`${slice.label}-${i}`}>
            <span className="tether-pie-swatch" style={{ background: PALETTE[i % PALETTE.length] }} />
            {slice.label}: {formatValue(slice.value, format)}
          </li>
        ))}
      </ul>
    </div>
  )
}
