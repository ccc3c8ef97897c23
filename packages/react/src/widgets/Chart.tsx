import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react'
import uPlot from 'uplot'
import type { WidgetProps } from '../page-view/widget-types.js'
import {
  type ChartSeriesData,
  type ChartType,
  chartTypes,
  MAX_CHART_SERIES,
  toChartData,
  toSeriesChartData,
  yFieldsOf,
} from './chart-data.js'
import { DataStateMessage, useDataSourceStatus } from './data-status.js'
import { formatValue } from './format.js'
import { PALETTE, PieChart } from './PieChart.js'
import { TIME_STEPS, timeTickLabels, timeValueLabel } from './time-axis.js'

interface Structure {
  type: Exclude<ChartType, 'pie'>
  xKind: ChartSeriesData['xKind']
  /** The legend name of each series: the y fields, or the series field's values. */
  seriesLabels: string[]
  /** Each x holds one series only (a series field): lines span the other series' gaps. */
  spanGaps: boolean
  xTitle: string
  yTitle: string
  xFormat: unknown
  yFormat: unknown
  height: number
}

function axisValues(format: unknown, categories?: { current: string[] }): uPlot.Axis.DynamicValues | undefined {
  if (categories) return (_u, splits) => splits.map((v) => categories.current[Math.round(v)] ?? '')
  if (typeof format !== 'string') return undefined
  return (_u, splits) => splits.map((v) => formatValue(v, format))
}

/** The x axis labels: an explicit xFormat wins; a time axis without one reads as clock times. */
function xAxisValues(s: Structure, categories: { current: string[] }): uPlot.Axis.DynamicValues | undefined {
  if (s.xKind === 'time' && typeof s.xFormat !== 'string')
    return (_u, splits, _axis, _space, step) => timeTickLabels(splits, step)
  return axisValues(s.xFormat, s.xKind === 'category' ? categories : undefined)
}

/** The x value the cursor and legend show, formatted like the axis. */
function xCursorValue(s: Structure, categories: { current: string[] }): uPlot.Series.Value | undefined {
  if (s.xKind === 'category')
    return (_u, value) => (typeof value === 'number' ? (categories.current[Math.round(value)] ?? '') : '')
  if (typeof s.xFormat === 'string') {
    const format = s.xFormat
    return (_u, value) => formatValue(value, format)
  }
  if (s.xKind !== 'time') return undefined
  return (u, value) => {
    if (typeof value !== 'number') return ''
    const range = (u.scales.x?.max ?? value) - (u.scales.x?.min ?? value)
    return timeValueLabel(value, range)
  }
}

/** The value axis of a bar chart: from 0 (or the lowest negative value) to a little above the highest value. */
export function barValueRange(_u: uPlot, min: number | null, max: number | null): [number, number] {
  const low = Math.min(0, min ?? 0)
  const high = Math.max(0, max ?? 0)
  const room = (high - low || 1) * 0.05
  return [low < 0 ? low - room : 0, high + room]
}

export function buildOptions(s: Structure, width: number, categories: { current: string[] }): uPlot.Options {
  const bars = s.type === 'column' || s.type === 'bar'
  const horizontal = s.type === 'bar'
  const xValues = xAxisValues(s, categories)
  const yValues = axisValues(s.yFormat)
  const xValue = xCursorValue(s, categories)
  // Whole-second steps at the finest, unless an explicit format shows milliseconds (`S`): finer steps
  // would print the same label twice ("08:46:58 08:46:58") while only a few readings are in.
  const wholeSeconds = s.xKind === 'time' && !(typeof s.xFormat === 'string' && s.xFormat.includes('S'))
  return {
    width,
    height: s.height,
    ms: 1, // timestamps are epoch milliseconds, as the streams send them
    legend: { show: s.seriesLabels.length > 1 },
    scales: {
      x: {
        time: s.xKind === 'time',
        ...(horizontal ? { ori: 1, dir: -1 } : {}),
        // Bars sit on the points 0…n-1: half a step of room either side, so the first and last are whole.
        ...(bars ? { distr: 2, range: (_u: uPlot, min: number, max: number) => [min - 0.5, max + 0.5] } : {}),
      },
      y: {
        ...(horizontal ? { ori: 0, dir: 1 } : {}),
        // A bar's length is its value: the value axis starts at 0 (or goes below it for negatives).
        ...(bars ? { range: barValueRange } : {}),
      },
    },
    axes: [
      {
        label: s.xTitle,
        ...(horizontal ? { side: 3 } : {}),
        ...(xValues ? { values: xValues } : {}),
        ...(wholeSeconds ? { incrs: TIME_STEPS } : {}),
      },
      { label: s.yTitle, ...(horizontal ? { side: 2 } : {}), ...(yValues ? { values: yValues } : {}) },
    ],
    series: [
      xValue ? { value: xValue } : {},
      ...s.seriesLabels.map((label, i) => {
        const color = PALETTE[i % PALETTE.length] ?? '#3b82f6'
        return {
          label,
          spanGaps: s.spanGaps,
          stroke: color,
          width: 2,
          ...(s.type === 'area' || bars ? { fill: bars ? color : `${color}33` } : {}),
          ...(bars ? { paths: uPlot.paths.bars?.({ size: [0.6, 64] }) } : {}),
          points: { show: false },
        }
      }),
    ],
  }
}

/**
 * The canvas hides the x tick labels from tests and tools: the chart's figure carries them as
 * `data-x-ticks` (joined by " | "), updated when they change.
 */
function exposeXTicks(options: uPlot.Options, element: HTMLElement): void {
  const axis = options.axes?.[0]
  const values = axis?.values
  if (!axis || typeof values !== 'function') return
  axis.values = (u, splits, axisIndex, space, step) => {
    const labels = values(u, splits, axisIndex, space, step)
    const text = labels.join(' | ')
    const figure = element.parentElement
    if (figure && figure.getAttribute('data-x-ticks') !== text) figure.setAttribute('data-x-ticks', text)
    return labels
  }
}

/**
 * Line, area, column (vertical bars), bar (horizontal bars) with uPlot, or pie as SVG. The uPlot
 * chart is created once per structure (type, fields, titles, formats) and streamed into with
 * `setData`, so a new reading does not rebuild the chart.
 */
export function Chart({ node, props, runtime }: WidgetProps): ReactNode {
  const status = useDataSourceStatus(runtime, node.props.dataset)
  const dataset = Array.isArray(props.dataset) ? (props.dataset as unknown[]) : []
  const type: ChartType = chartTypes.includes(props.type as ChartType) ? (props.type as ChartType) : 'line'
  const xField = typeof props.xField === 'string' ? props.xField : 'x'
  const yFields = yFieldsOf(props.yField)
  const yKey = yFields.join(',')
  const seriesField = typeof props.seriesField === 'string' && props.seriesField !== '' ? props.seriesField : null
  const data = useMemo(
    () =>
      seriesField === null
        ? toChartData(dataset, xField, yKey.split(','), props.xFormat)
        : toSeriesChartData(dataset, xField, yKey.split(',')[0] ?? '', seriesField, props.xFormat),
    [dataset, xField, yKey, seriesField, props.xFormat],
  )
  const seriesLabels = data.seriesNames ?? yFields
  const labelsKey = seriesLabels.join('\u0000')
  const height = typeof props.height === 'number' ? props.height : 260
  const container = useRef<HTMLDivElement>(null)
  const chart = useRef<uPlot | null>(null)
  const categories = useRef<string[]>([])
  categories.current = data.categories
  const [failure, setFailure] = useState<string | null>(null)

  const structureKey = JSON.stringify([
    type,
    data.xKind,
    labelsKey,
    seriesField,
    props.xTitle,
    props.yTitle,
    props.xFormat,
    props.yFormat,
    height,
  ])
  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is rebuilt only when its structure (structureKey) changes
  useEffect(() => {
    const element = container.current
    if (type === 'pie' || !element) return
    const structure: Structure = {
      type,
      xKind: data.xKind,
      seriesLabels: labelsKey.split('\u0000'),
      spanGaps: seriesField !== null,
      xTitle: String(props.xTitle ?? ''),
      yTitle: String(props.yTitle ?? ''),
      xFormat: props.xFormat,
      yFormat: props.yFormat,
      height,
    }
    let plot: uPlot
    try {
      // Without a 2D canvas uPlot constructs fine and then throws on its first draw, outside this try.
      if (!element.ownerDocument.createElement('canvas').getContext('2d')) throw new Error('no 2D canvas context')
      const options = buildOptions(structure, element.clientWidth || 600, categories)
      exposeXTicks(options, element)
      plot = new uPlot(options, [data.x, ...data.ys] as uPlot.AlignedData, element)
    } catch (error) {
      console.error(`[tether] chart "${node.name}" could not be drawn`, error)
      setFailure('This chart could not be drawn here (the browser has no canvas support).')
      return
    }
    chart.current = plot
    setFailure(null)
    const observer =
      typeof ResizeObserver === 'function'
        ? new ResizeObserver(() => plot.setSize({ width: element.clientWidth || 600, height }))
        : null
    observer?.observe(element)
    return () => {
      observer?.disconnect()
      plot.destroy()
      chart.current = null
    }
  }, [structureKey])

  // Streaming: new data goes into the existing chart.
  useEffect(() => {
    chart.current?.setData([data.x, ...data.ys] as uPlot.AlignedData)
  }, [data])

  // x is ascending (toChartData sorts it), so its ends are the range shown; tests and tools read it
  // to see the chart scroll once the dataset is full.
  const xMin = data.x.length > 0 ? data.x[0] : undefined
  const xMax = data.x.length > 0 ? data.x[data.x.length - 1] : undefined
  return (
    <figure
      className="tether-chart"
      data-widget={node.name}
      data-points={data.x.length}
      data-series={seriesLabels.length}
      data-x-min={xMin}
      data-x-max={xMax}
    >
      {typeof props.title === 'string' && <figcaption>{props.title}</figcaption>}
      <DataStateMessage status={status} empty={dataset.length === 0} emptyMessage={props.emptyMessage} />
      {failure && <div className="tether-state tether-state-error">{failure}</div>}
      {yFields.length === 0 && <div className="tether-state tether-state-error">Set the chart's yField.</div>}
      {data.seriesCapped && (
        <div className="tether-state tether-state-error">
          Showing the first {MAX_CHART_SERIES} series of {seriesField}: the others are left out.
        </div>
      )}
      {type === 'pie' ? (
        <PieChart dataset={dataset} xField={xField} yField={yFields[0] ?? ''} format={props.yFormat} />
      ) : (
        <div ref={container} className="tether-chart-canvas" style={{ minHeight: height }} />
      )}
    </figure>
  )
}
