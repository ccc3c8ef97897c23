import { ErrorCodes, TetherError } from '../errors.js'
import { Deque } from './Deque.js'

/** How a new message changes a dataset. */
export type OnNewData = 'refresh' | 'addAsLast' | 'addAsFirst' | 'upsert'

/** Every `onNewData` value, in the order a form offers them. */
export const ON_NEW_DATA = ['refresh', 'addAsLast', 'addAsFirst', 'upsert'] as const satisfies readonly OnNewData[]

export interface LiveDatasetOptions {
  /**
   * `refresh`: the dataset is the latest message. `addAsLast` / `addAsFirst`: a list, newest at the end /
   * start. `upsert`: a list where a record whose `keyField` matches an existing record replaces it in
   * place; new keys are added as last. Defaults to `'refresh'`.
   */
  onNewData?: OnNewData
  /**
   * Maximum records kept (ignored by `refresh`), at most MAX_DATA_LIMIT; 0 keeps up to MAX_DATA_LIMIT.
   * The OLDEST record is evicted. Defaults to 20.
   */
  dataLimit?: number
  /** Field that identifies a record for `upsert` (required there). */
  keyField?: string
  /** Keep only records newer than this many ms (by `timeField`, else arrival time). Defaults to no window. */
  timeWindowMs?: number
  /** Field holding the record's time (epoch ms or an ISO string). Defaults to the arrival time. */
  timeField?: string
}

/** What bindings read: `dataSet`, and its first and last records (null when there is none). */
export interface DatasetView {
  readonly dataSet: unknown
  readonly firstRecord: unknown
  readonly lastRecord: unknown
}

export const DEFAULT_DATA_LIMIT = 20

/**
 * The most records one dataset keeps, whatever `dataLimit` says (`0` means this many): every buffer in
 * Tether is bounded, and a list this long is already more than a widget can show.
 */
export const MAX_DATA_LIMIT = 100_000

/**
 * Every problem with dataset options, located by path (`where` prefixes it): the one statement of
 * these rules, used by variables here, by page validation and by the studio's forms.
 */
export function datasetOptionProblems(options: LiveDatasetOptions, where = ''): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = []
  const { onNewData, dataLimit, keyField, timeWindowMs } = options
  if (onNewData !== undefined && !(ON_NEW_DATA as readonly unknown[]).includes(onNewData)) {
    problems.push({ path: `${where}onNewData`, message: `Use one of ${ON_NEW_DATA.join(', ')}.` })
  }
  if (dataLimit !== undefined && !(Number.isInteger(dataLimit) && dataLimit >= 0 && dataLimit <= MAX_DATA_LIMIT)) {
    const max = MAX_DATA_LIMIT.toLocaleString('en-US')
    problems.push({ path: `${where}dataLimit`, message: `Use a whole number from 0 to ${max} (0 keeps up to ${max}).` })
  }
  if (onNewData === 'upsert' && (typeof keyField !== 'string' || keyField === '')) {
    problems.push({ path: `${where}keyField`, message: "onNewData 'upsert' needs the key field's name (e.g. symbol)." })
  }
  if (timeWindowMs !== undefined && !(typeof timeWindowMs === 'number' && timeWindowMs > 0)) {
    problems.push({ path: `${where}timeWindowMs`, message: 'Use a positive number of milliseconds.' })
  }
  return problems
}

/** Throws INVALID_VARIABLE_OPTIONS for an option a dataset cannot honour; `where` prefixes the paths. */
export function validateDatasetOptions(options: LiveDatasetOptions, where = ''): void {
  const problems = datasetOptionProblems(options, where)
  if (problems.length > 0) {
    const list = problems.map((p) => `${p.path}: ${p.message}`).join(' ')
    throw new TetherError(ErrorCodes.INVALID_VARIABLE_OPTIONS, `Invalid dataset options. ${list}`, {
      details: problems,
    })
  }
}

function timeOf(record: unknown, timeField: string | undefined, now: number): number {
  if (timeField === undefined || typeof record !== 'object' || record === null) return now
  const value = (record as Record<string, unknown>)[timeField]
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string') {
    const parsed = Date.parse(value)
    if (!Number.isNaN(parsed)) return parsed
  }
  return now
}

function keyOf(record: unknown, keyField: string): unknown {
  return typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[keyField] : undefined
}

/**
 * A live dataset fed one message at a time. Inserting is O(1) whatever the limit (a ring buffer plus, for
 * upsert, a key index); the list handed to bindings is built lazily, once per change, by `view()`.
 *
 * @example
 * const d = new LiveDataset({ onNewData: 'addAsLast', dataLimit: 2 })
 * d.add({ value: 1 }); d.add({ value: 2 }); d.add({ value: 3 })
 * d.view().dataSet // [{ value: 2 }, { value: 3 }]
 */
export class LiveDataset {
  readonly onNewData: OnNewData
  private limit: number
  private readonly keyField: string | undefined
  private readonly timeWindowMs: number | undefined
  private readonly timeField: string | undefined
  private readonly records = new Deque<unknown>()
  /** Times parallel to `records`, kept only when there is a time window. */
  private readonly times: Deque<number> | undefined
  /** upsert: key → sequence number of its record; position = seq - frontSeq. */
  private readonly keys = new Map<unknown, number>()
  private frontSeq = 0
  private latest: unknown = null
  private hasLatest = false
  private version = 0
  private cachedVersion = -1
  private cachedView: DatasetView | undefined

  constructor(options: LiveDatasetOptions = {}) {
    validateDatasetOptions(options)
    this.onNewData = options.onNewData ?? 'refresh'
    this.limit = options.dataLimit ?? DEFAULT_DATA_LIMIT
    this.keyField = options.keyField
    this.timeWindowMs = options.timeWindowMs
    this.timeField = options.timeField
    if (this.timeWindowMs !== undefined) this.times = new Deque<number>()
  }

  get dataLimit(): number {
    return this.limit
  }

  /** Number of records held (1 or 0 for refresh). */
  get size(): number {
    return this.onNewData === 'refresh' ? (this.hasLatest ? 1 : 0) : this.records.size
  }

  /**
   * Adds one message according to the policy, evicting the oldest records beyond the limit/window. `now` is
   * the arrival time; without it the clock is read, and only when there is a time window (a hot path).
   */
  add(record: unknown, now?: number): void {
    this.version++
    if (this.onNewData === 'refresh') {
      this.latest = record
      this.hasLatest = true
      return
    }
    const at = this.times === undefined ? 0 : (now ?? Date.now())
    const time = this.times === undefined ? 0 : timeOf(record, this.timeField, at)
    if (this.onNewData === 'addAsFirst') {
      this.records.pushFront(record)
      this.times?.pushFront(time)
    } else if (this.onNewData === 'upsert' && !this.replaceByKey(record, time)) {
      this.pushBackIndexed(record, time)
    } else if (this.onNewData === 'addAsLast') {
      this.records.pushBack(record)
      this.times?.pushBack(time)
    }
    this.evictOverLimit()
    if (this.times !== undefined) this.evictOutsideWindow(at)
  }

  /** Changes the limit; lowering it evicts the oldest records at once. 0 keeps up to MAX_DATA_LIMIT. */
  setDataLimit(limit: number): void {
    validateDatasetOptions({ dataLimit: limit })
    this.limit = limit
    if (this.onNewData !== 'refresh' && this.evictOverLimit()) this.version++
  }

  /** Evicts records that left the time window; true when something was evicted. */
  prune(now = Date.now()): boolean {
    const before = this.records.size
    this.evictOutsideWindow(now)
    if (this.records.size === before) return false
    this.version++
    return true
  }

  clear(): void {
    this.records.clear()
    this.times?.clear()
    this.keys.clear()
    this.latest = null
    this.hasLatest = false
    this.version++
  }

  /** The dataset as bindings see it; the same frozen object until the next change. */
  view(): DatasetView {
    if (this.cachedVersion === this.version && this.cachedView !== undefined) return this.cachedView
    let view: DatasetView
    if (this.onNewData === 'refresh') {
      view = Object.freeze({ dataSet: this.latest, firstRecord: this.latest, lastRecord: this.latest })
    } else {
      const list = Object.freeze(this.records.toArray())
      view = Object.freeze({ dataSet: list, firstRecord: list[0] ?? null, lastRecord: list[list.length - 1] ?? null })
    }
    this.cachedVersion = this.version
    this.cachedView = view
    return view
  }

  /** The records as a list whatever the policy (refresh: `[latest]` or `[]`). */
  list(): readonly unknown[] {
    const { dataSet } = this.view()
    if (this.onNewData !== 'refresh') return dataSet as readonly unknown[]
    return this.hasLatest ? [dataSet] : []
  }

  private replaceByKey(record: unknown, time: number): boolean {
    const key = keyOf(record, this.keyField as string)
    if (key === undefined) return false
    const seq = this.keys.get(key)
    if (seq === undefined) return false
    this.records.set(seq - this.frontSeq, record)
    this.times?.set(seq - this.frontSeq, time)
    return true
  }

  private pushBackIndexed(record: unknown, time: number): void {
    const key = keyOf(record, this.keyField as string)
    if (key !== undefined) this.keys.set(key, this.frontSeq + this.records.size)
    this.records.pushBack(record)
    this.times?.pushBack(time)
  }

  private evictOverLimit(): boolean {
    const limit = this.limit === 0 ? MAX_DATA_LIMIT : this.limit
    if (this.records.size <= limit) return false
    while (this.records.size > limit) this.evictOldest()
    return true
  }

  /** Stops at the first record inside the window: records are assumed to arrive roughly in time order. */
  private evictOutsideWindow(now: number): void {
    if (this.times === undefined || this.timeWindowMs === undefined) return
    const oldest = (): number | undefined =>
      this.onNewData === 'addAsFirst' ? this.times?.at(this.times.size - 1) : this.times?.at(0)
    let time = oldest()
    while (time !== undefined && time < now - this.timeWindowMs) {
      this.evictOldest()
      time = oldest()
    }
  }

  /** The oldest record is at the back for addAsFirst and at the front otherwise. */
  private evictOldest(): void {
    if (this.onNewData === 'addAsFirst') {
      this.records.popBack()
      this.times?.popBack()
      return
    }
    const record = this.records.popFront()
    this.times?.popFront()
    if (this.onNewData === 'upsert') {
      const key = keyOf(record, this.keyField as string)
      if (key !== undefined && this.keys.get(key) === this.frontSeq) this.keys.delete(key)
    }
    this.frontSeq++
  }
}
