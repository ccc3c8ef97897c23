/** One reason a value is not plain JSON, located by its path segments relative to the value. */
export interface JsonValueProblem {
  path: (string | number)[]
  message: string
}

/** Deeper nesting than this is reported rather than walked (and would not be a sensible sample anyway). */
const MAX_DEPTH = 200

/**
 * Problems that would stop `value` from surviving JSON.stringify/parse unchanged: undefined, functions,
 * symbols, bigint, NaN/Infinity, class instances (Date, Map…), cycles. Each is located by its path.
 */
export function jsonValueProblems(value: unknown): JsonValueProblem[] {
  const problems: JsonValueProblem[] = []
  walk(value, [], new Set(), 0, problems)
  return problems
}

function walk(
  value: unknown,
  path: (string | number)[],
  ancestors: Set<object>,
  depth: number,
  problems: JsonValueProblem[],
): void {
  if (problems.length >= 20) return
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      problems.push({ path, message: `${value} is not a JSON number; use null or a string.` })
    return
  }
  if (typeof value !== 'object') {
    problems.push({
      path,
      message: `${typeof value} is not a JSON value; use a string, number, boolean, null, array or object.`,
    })
    return
  }
  if (ancestors.has(value)) {
    problems.push({ path, message: 'The value contains a cycle (it refers to itself); JSON cannot represent it.' })
    return
  }
  if (depth >= MAX_DEPTH) {
    problems.push({ path, message: `Nested more than ${MAX_DEPTH} levels deep.` })
    return
  }
  ancestors.add(value)
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) walk(value[i], [...path, i], ancestors, depth + 1, problems)
  } else {
    const proto = Object.getPrototypeOf(value)
    if (proto !== Object.prototype && proto !== null) {
      problems.push({ path, message: 'Only plain objects are JSON values (a Date, Map or class instance is not).' })
    } else {
      for (const [key, child] of Object.entries(value)) walk(child, [...path, key], ancestors, depth + 1, problems)
    }
  }
  ancestors.delete(value)
}
