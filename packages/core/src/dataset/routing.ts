import { ErrorCodes, TetherError } from '../errors.js'
import { isForbiddenKey } from '../expressions/safe-access.js'
import { LiveDataset, type LiveDatasetOptions, validateDatasetOptions } from './LiveDataset.js'

/** Policy of one routed dataset. `onNewData` defaults to `'addAsLast'` (a list is what routes are for). */
export type RouteDatasetOptions = Pick<LiveDatasetOptions, 'onNewData' | 'dataLimit' | 'keyField'>

/**
 * Feeds several named datasets from one stream: a message whose `field` equals a dataset's name goes to
 * that dataset. Without `field`, a message goes to the dataset named like its channel (a service with a
 * protocol: event, destination, topic filter, subscription). Messages without a matching value are not
 * routed (they still reach the variable's own `dataSet`).
 *
 * @example
 * routes: { field: 'type', datasets: { trade: { dataLimit: 100 }, quote: { onNewData: 'upsert', keyField: 'symbol' } } }
 * routes: { datasets: { tick: { dataLimit: 100 } } } // by channel
 */
export interface RoutesOptions {
  /** The discriminator field. Defaults to none: route by channel. */
  field?: string
  datasets: Record<string, RouteDatasetOptions>
}

/** The longest routed dataset name: the discriminator's value as text (`trade`, `price-update`). */
export const MAX_DATASET_NAME_LENGTH = 100

/**
 * Why `name` cannot name a routed dataset, or null. Any text of 1 to 100 characters is bound as
 * `datasets.trade` or `datasets['price-update']`, except keys expressions refuse to read.
 */
export function datasetNameProblem(name: string): string | null {
  if (name === '' || name.length > MAX_DATASET_NAME_LENGTH) {
    return `A message type is 1 to ${MAX_DATASET_NAME_LENGTH} characters.`
  }
  if (isForbiddenKey(name)) return `"${name}" is reserved: expressions cannot read it, so it could never be bound.`
  return null
}

export class DatasetRouter {
  /** The discriminator field, or undefined when messages are routed by channel. */
  readonly field: string | undefined
  private readonly byName = new Map<string, LiveDataset>()
  private version = 0
  private cached: { version: number; lists: Readonly<Record<string, readonly unknown[]>> } | undefined

  constructor(options: RoutesOptions) {
    if (options.field !== undefined && (typeof options.field !== 'string' || options.field === '')) {
      throw new TetherError(
        ErrorCodes.INVALID_VARIABLE_OPTIONS,
        'routes.field must name the discriminator field, e.g. "type", or be left out to route by channel.',
        { details: [{ path: 'routes.field', message: 'Name a field, or leave it out.' }] },
      )
    }
    this.field = options.field
    for (const [name, policy] of Object.entries(options.datasets ?? {})) {
      const resolved = { onNewData: 'addAsLast' as const, ...policy }
      validateDatasetOptions(resolved, `routes.datasets.${name}.`)
      this.byName.set(name, new LiveDataset(resolved))
    }
  }

  /** Adds the message to the dataset its discriminator (or its channel) names; false when none matched. */
  route(message: unknown, channel?: string, now?: number): boolean {
    const key = this.field === undefined ? channel : discriminatorOf(message, this.field)
    if (key === undefined) return false
    const dataset = this.byName.get(key)
    if (dataset === undefined) return false
    dataset.add(message, now)
    this.version++
    return true
  }

  dataset(name: string): LiveDataset | undefined {
    return this.byName.get(name)
  }

  /** Every routed dataset as a list (refresh routes give `[latest]`); same object until a change. */
  lists(): Readonly<Record<string, readonly unknown[]>> {
    if (this.cached?.version === this.version) return this.cached.lists
    const lists: Record<string, readonly unknown[]> = {}
    for (const [name, dataset] of this.byName) lists[name] = dataset.list()
    const frozen = Object.freeze(lists)
    this.cached = { version: this.version, lists: frozen }
    return frozen
  }
}

function discriminatorOf(message: unknown, field: string): string | undefined {
  if (typeof message !== 'object' || message === null) return undefined
  const value = (message as Record<string, unknown>)[field]
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : undefined
}
