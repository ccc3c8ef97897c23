import { useRef } from 'react'

interface Keyed<Row> {
  rows: readonly Row[]
  keys: number[]
  next: number
}

/**
 * Keys for rows that have no identity of their own (a query parameter whose name is being typed, an
 * action in a list). A row keeps its key while it is the same object (others removed or added around
 * it) or when it was edited in place (a new object at the same position); only a row that is really
 * new gets a new key. So React keeps each input with its row, where index keys move the focus and the
 * typed text to the next row after a removal.
 */
export function nextRowKeys<Row>(previous: Keyed<Row>, rows: readonly Row[]): Keyed<Row> {
  let next = previous.next
  const taken = new Set<number>()
  const keys: (number | undefined)[] = rows.map((row) => {
    const at = previous.rows.findIndex((old, i) => old === row && !taken.has(i))
    if (at < 0) return undefined
    taken.add(at)
    return previous.keys[at]
  })
  return {
    rows,
    keys: keys.map((key, i) => {
      if (key !== undefined) return key
      // A new object where an old one was replaced: the same row, edited in place.
      if (i < previous.keys.length && !taken.has(i)) {
        taken.add(i)
        return previous.keys[i] as number
      }
      return next++
    }),
    next,
  }
}

/** {@link nextRowKeys}, remembered between renders. */
export function useRowKeys<Row>(rows: readonly Row[]): readonly number[] {
  const keyed = useRef<Keyed<Row>>({ rows: [], keys: [], next: 0 })
  if (keyed.current.rows !== rows) keyed.current = nextRowKeys(keyed.current, rows)
  return keyed.current.keys
}
