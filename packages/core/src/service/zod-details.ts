import type * as z from 'zod'
import type { ErrorDetail } from '../errors.js'

/** `['queryParams', 1, 'name']` → `queryParams[1].name` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out === '' ? String(key) : `.${String(key)}`
  }
  return out
}

/** zod's issues as Tether's `{ path, message }` details; an unknown key is one detail per key. */
export function zodDetails(issues: readonly z.core.$ZodIssue[]): ErrorDetail[] {
  return issues.flatMap((issue): ErrorDetail[] => {
    const path = formatPath(issue.path)
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: path === '' ? key : `${path}.${key}`,
        message: `Unknown field '${key}'; remove it or check its spelling.`,
      }))
    }
    return [{ path, message: issue.message }]
  })
}
