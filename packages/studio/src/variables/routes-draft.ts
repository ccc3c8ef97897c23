import {
  datasetNameProblem,
  datasetOptionProblems,
  normalizeChannels,
  type OnNewData,
  type WebSocketServiceDefinition,
} from '@tether/core'
import type { RoutesDefinition } from '@tether/runtime'
import { messageKinds } from '../bind/index.js'

/** One message type's (or channel's) row in the form; numbers stay text while being typed. */
export interface RouteRow {
  /** The discriminator's value, e.g. `trade`, or the channel, e.g. `plant/+/temperature`; it names the dataset. */
  kind: string
  onNewData: OnNewData
  /** '' = the default (20). */
  dataLimit: string
  keyField: string
}

/** The "Route by message type" (or "One dataset per channel") section's form state. */
export interface RoutesDraft {
  enabled: boolean
  /** One dataset per channel of a protocol service (core's `routes` without `field`); `field` is unused. */
  byChannel?: boolean
  field: string
  rows: RouteRow[]
}

/** Where a problem is: the field, the row list, or a cell of one row. */
export interface RouteProblem {
  row: number | null
  at: 'field' | 'rows' | 'kind' | 'dataLimit' | 'keyField'
  message: string
}

/** Core's default for a routed dataset: a list is what routes are for. */
const ROUTE_DEFAULT: OnNewData = 'addAsLast'

export const NO_ROUTES: RoutesDraft = { enabled: false, field: '', rows: [] }

export const routeRow = (kind = ''): RouteRow => ({ kind, onNewData: ROUTE_DEFAULT, dataLimit: '', keyField: '' })

/** The form state of a saved `routes` option (none → routing off). */
export function routesDraft(routes: RoutesDefinition | undefined): RoutesDraft {
  if (!routes) return NO_ROUTES
  return {
    enabled: true,
    // Routes without a field route by channel (a protocol service).
    ...(routes.field === undefined ? { byChannel: true } : {}),
    field: routes.field ?? '',
    rows: Object.entries(routes.datasets).map(([kind, policy]) => ({
      kind,
      onNewData: policy.onNewData ?? ROUTE_DEFAULT,
      dataLimit: policy.dataLimit === undefined ? '' : String(policy.dataLimit),
      keyField: policy.keyField ?? '',
    })),
  }
}

/**
 * Routing switched on for a service: the discriminator core inferred from its samples (when they differ
 * in shape) and one row per message type seen; otherwise an empty field and one empty row.
 */
export function proposeRoutes(service: WebSocketServiceDefinition | undefined): RoutesDraft {
  const channels = normalizeChannels(service?.channels)
  if (channels.length > 0) {
    return { enabled: true, byChannel: true, field: '', rows: channels.map((channel) => routeRow(channel.name)) }
  }
  const { discriminator, kinds } = messageKinds(service)
  if (discriminator === undefined || kinds.length === 0) return { enabled: true, field: '', rows: [routeRow()] }
  return { enabled: true, field: discriminator, rows: kinds.map((kind) => routeRow(kind.value)) }
}

function rowProblems(row: RouteRow, index: number, seen: Set<string>, byChannel: boolean): RouteProblem[] {
  const problems: RouteProblem[] = []
  const problem = (at: RouteProblem['at'], message: string) => problems.push({ row: index, at, message })
  const kindProblem =
    row.kind === ''
      ? byChannel
        ? 'Enter the channel, as the service names it.'
        : 'Enter the message type, as the field holds it (e.g. trade).'
      : (datasetNameProblem(row.kind) ?? (seen.has(row.kind) ? `"${row.kind}" is listed twice.` : null))
  if (kindProblem !== null) problem('kind', kindProblem)
  seen.add(row.kind)
  const limitText = row.dataLimit.trim()
  const dataLimit = limitText === '' ? undefined : /^\d+$/.test(limitText) ? Number(limitText) : Number.NaN
  // The rules are core's, so the form refuses exactly what a variable would.
  for (const { path, message } of datasetOptionProblems({
    onNewData: row.onNewData,
    dataLimit,
    keyField: row.keyField.trim(),
  })) {
    if (path === 'dataLimit' || path === 'keyField') problem(path, message)
  }
  return problems
}

/**
 * The `routes` option the form describes, or the problems that keep it from being saved (with the row
 * and cell they are in). Routing switched off gives `routes: undefined` and no problems.
 */
export function routesFromDraft(draft: RoutesDraft): {
  routes: RoutesDefinition | undefined
  problems: RouteProblem[]
} {
  if (!draft.enabled) return { routes: undefined, problems: [] }
  const problems: RouteProblem[] = []
  const byChannel = draft.byChannel === true
  const field = draft.field.trim()
  if (field === '' && !byChannel)
    problems.push({ row: null, at: 'field', message: 'Name the field that tells message types apart.' })
  if (draft.rows.length === 0)
    problems.push({
      row: null,
      at: 'rows',
      message: byChannel ? 'Add at least one channel.' : 'Add at least one message type.',
    })
  const seen = new Set<string>()
  for (const [i, row] of draft.rows.entries()) problems.push(...rowProblems(row, i, seen, byChannel))
  if (problems.length > 0) return { routes: undefined, problems }
  const datasets: RoutesDefinition['datasets'] = {}
  for (const row of draft.rows) {
    const dataLimit = row.dataLimit.trim()
    datasets[row.kind] = {
      onNewData: row.onNewData,
      ...(dataLimit === '' ? {} : { dataLimit: Number(dataLimit) }),
      ...(row.onNewData === 'upsert' ? { keyField: row.keyField.trim() } : {}),
    }
  }
  return { routes: byChannel ? { datasets } : { field, datasets }, problems }
}
