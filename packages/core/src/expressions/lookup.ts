import { EvaluationFault } from './expression-errors.js'
import { assertAllowedKey, readMember } from './safe-access.js'

/**
 * One index per list and key field, built on the first lookup and kept as long as the list itself is
 * alive. Datasets are replaced, not mutated, when data arrives (variable snapshots are immutable), so a new
 * list gets a new index; a list mutated in place would keep answering from its first index.
 */
const indexes = new WeakMap<readonly unknown[], Map<string, Map<unknown, unknown>>>()

/**
 * `item.username | lookup:Variables.employeeData.dataSet:'username':'picurl'` — the `picurl` of the first
 * record whose `username` equals (SameValueZero, so 5 and '5' differ) the value; the whole record when no
 * value field is given. O(list length) the first time for a list, O(1) afterwards. A list that is not an
 * array yet (still loading), a null/undefined value or no match gives undefined.
 */
export function lookup(value: unknown, list: unknown, keyField: unknown, valueField?: unknown): unknown {
  if (typeof keyField !== 'string' || (valueField !== undefined && typeof valueField !== 'string')) {
    throw new EvaluationFault("lookup needs field names as text, e.g. value | lookup:list:'username':'picurl'")
  }
  // Checked up front so a forbidden field fails the same way whether or not the list has loaded.
  assertAllowedKey(keyField)
  if (valueField !== undefined) assertAllowedKey(valueField)
  if (!Array.isArray(list) || value === null || value === undefined) return undefined
  const index = indexFor(list, keyField)
  if (!index.has(value)) return undefined
  const record = index.get(value)
  return valueField === undefined ? record : readMember(record, valueField)
}

function indexFor(list: readonly unknown[], keyField: string): Map<unknown, unknown> {
  let byField = indexes.get(list)
  if (byField === undefined) {
    byField = new Map()
    indexes.set(list, byField)
  }
  let index = byField.get(keyField)
  if (index === undefined) {
    index = new Map()
    for (const record of list) {
      const key = readMember(record, keyField)
      if (key !== undefined && !index.has(key)) index.set(key, record)
    }
    byField.set(keyField, index)
  }
  return index
}
