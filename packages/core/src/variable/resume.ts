import { Deque } from '../dataset/Deque.js'
import { ErrorCodes, TetherError } from '../errors.js'

/**
 * Resume a stream where it stopped. On a reconnect after at least one record was received, the query
 * parameter `param` is set to the `field` value of the newest record received, so the service can send
 * what was missed (e.g. Tether's chat: `{ param: 'since', field: 'id' }` → `?since=42`).
 */
export interface ResumeOptions {
  /** Query parameter that carries the resume point, e.g. `since`. */
  param: string
  /** Record field whose value is the resume point, e.g. `id`. Numbers are compared; strings are keys. */
  field: string
}

/**
 * String keys remembered for de-duplication. A resumed backlog overlaps the newest records, not old
 * ones, so a bounded window of recent keys is enough.
 */
export const RESUME_KEY_MEMORY = 1_000

/** Throws INVALID_VARIABLE_OPTIONS unless `resume` names a parameter and a field. */
export function validateResumeOptions(resume: ResumeOptions | undefined): void {
  if (resume === undefined) return
  const problems: { path: string; message: string }[] = []
  if (typeof resume?.param !== 'string' || resume.param === '' || resume.param === 'RequestBody')
    problems.push({ path: 'resume.param', message: "Name the query parameter, e.g. 'since'." })
  if (typeof resume?.field !== 'string' || resume.field === '')
    problems.push({ path: 'resume.field', message: "Name the record field, e.g. 'id'." })
  if (problems.length > 0) {
    throw new TetherError(
      ErrorCodes.INVALID_VARIABLE_OPTIONS,
      `Invalid resume option: ${problems.map((p) => `${p.path}: ${p.message}`).join(' ')}`,
      { details: problems },
    )
  }
}

/**
 * Tracks the newest record's resume value and drops duplicates. Numeric values: a record at or below
 * the newest seen is a duplicate (ids grow). String values: a record whose key was seen among the last
 * RESUME_KEY_MEMORY keys is a duplicate, and the newest is the last one received. Records without the
 * field are neither checked nor remembered.
 */
export class ResumeCursor {
  private newest: number | string | undefined
  private readonly recentKeys = new Set<string>()
  private readonly keyOrder = new Deque<string>()

  constructor(readonly options: ResumeOptions) {}

  /** The value to send as `param` on the next reconnect, if any record was received. */
  get position(): number | string | undefined {
    return this.newest
  }

  /** False for a duplicate; otherwise remembers the record as the newest and returns true. */
  accept(record: unknown): boolean {
    if (typeof record !== 'object' || record === null) return true
    const value = (record as Record<string, unknown>)[this.options.field]
    if (typeof value === 'number' && Number.isFinite(value)) {
      if (typeof this.newest === 'number' && value <= this.newest) return false
      this.newest = value
      return true
    }
    if (typeof value === 'string' && value !== '') {
      if (this.recentKeys.has(value)) return false
      this.remember(value)
      this.newest = value
      return true
    }
    return true
  }

  /** A different stream (the bindings changed the URL): its ids say nothing about the old one. */
  reset(): void {
    this.newest = undefined
    this.recentKeys.clear()
    this.keyOrder.clear()
  }

  private remember(key: string): void {
    this.recentKeys.add(key)
    this.keyOrder.pushBack(key)
    if (this.keyOrder.size > RESUME_KEY_MEMORY) this.recentKeys.delete(this.keyOrder.popFront() as string)
  }
}
