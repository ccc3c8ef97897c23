/** Field names that usually tell message kinds apart, tried first. */
const USUAL_NAMES = [
  'type',
  'kind',
  'event',
  'op',
  'action',
  'messageType',
  'msgType',
  'eventType',
  't',
  'channel',
  'topic',
]

export type Sample = Record<string, unknown>

export function isRecord(value: unknown): value is Sample {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
}

/** `key:kind` for every field, so two groups differ when they have different fields or field kinds. */
function signature(samples: readonly Sample[]): string {
  const parts = new Set<string>()
  for (const sample of samples) {
    for (const [key, value] of Object.entries(sample)) {
      if (value === undefined || value === null) continue // a null does not make a different shape
      parts.add(`${key}:${Array.isArray(value) ? 'array' : typeof value}`)
    }
  }
  return [...parts].sort().join(',')
}

/**
 * The field that splits object samples into kinds of different shape, e.g. `type` in
 * `{type:'join', user}` / `{type:'message', user, text}`: a string field present in every sample, with few
 * distinct values, whose groups differ in shape. Usual names (type, kind, event, op…) may have as many
 * values as samples; other fields must repeat their values (at most one value per two samples).
 */
export function findDiscriminator(
  samples: readonly unknown[],
): { field: string; groups: Map<string, Sample[]> } | undefined {
  if (samples.length < 2 || !samples.every(isRecord)) return undefined
  const records = samples as Sample[]
  const first = records[0] ?? {}
  const candidates = Object.keys(first).filter((key) => records.every((s) => typeof s[key] === 'string'))
  candidates.sort((a, b) => rank(a) - rank(b))
  for (const field of candidates) {
    const usual = USUAL_NAMES.includes(field)
    const limit = usual ? Math.min(20, records.length) : Math.min(10, Math.floor(records.length / 2))
    const groups = new Map<string, Sample[]>()
    for (const sample of records) {
      const value = sample[field] as string
      const group = groups.get(value)
      if (group) group.push(sample)
      else groups.set(value, [sample])
      if (groups.size > limit) break
    }
    if (groups.size < 2 || groups.size > limit) continue
    const signatures = new Set([...groups.values()].map((group) => signature(group)))
    if (signatures.size > 1) return { field, groups }
  }
  return undefined
}

function rank(field: string): number {
  const index = USUAL_NAMES.indexOf(field)
  return index < 0 ? USUAL_NAMES.length : index
}

/**
 * Object samples split into groups that share no field (e.g. `{a}` and `{b}`), which are better described
 * as a union than as one object whose every field is optional. Empty objects join the first group.
 */
export function disjointGroups(samples: readonly unknown[]): Sample[][] | undefined {
  if (samples.length < 2 || !samples.every(isRecord)) return undefined
  const records = samples as Sample[]
  const parent = records.map((_, i) => i)
  const find = (i: number): number => {
    let root = i
    while (parent[root] !== root) root = parent[root] ?? root
    return root
  }
  const ownerOfKey = new Map<string, number>()
  records.forEach((sample, i) => {
    for (const key of Object.keys(sample)) {
      const owner = ownerOfKey.get(key)
      if (owner === undefined) ownerOfKey.set(key, i)
      else parent[find(i)] = find(owner)
    }
  })
  const groups = new Map<number, Sample[]>()
  const empties: Sample[] = []
  records.forEach((sample, i) => {
    if (Object.keys(sample).length === 0) {
      empties.push(sample)
      return
    }
    const root = find(i)
    const group = groups.get(root)
    if (group) group.push(sample)
    else groups.set(root, [sample])
  })
  const list = [...groups.values()]
  if (list.length < 2) return undefined
  list[0]?.push(...empties)
  return list
}
