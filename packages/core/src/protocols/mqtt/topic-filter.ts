/**
 * Whether an MQTT topic filter matches a topic name (MQTT 3.1.1 §4.7): `+` stands for exactly one
 * level, a final `#` for any number of levels, none included (`alerts/#` matches `alerts`); a filter
 * starting with a wildcard does not match topics starting with `$` (`$SYS/…`).
 *
 * @example
 * topicMatches('sensors/+/heartrate', 'sensors/ann/heartrate') // true
 */
export function topicMatches(filter: string, topic: string): boolean {
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false
  const wanted = filter.split('/')
  const given = topic.split('/')
  for (let index = 0; index < wanted.length; index++) {
    const level = wanted[index]
    if (level === '#') return true
    if (index >= given.length) return false
    if (level !== '+' && level !== given[index]) return false
  }
  return wanted.length === given.length
}

/** The first of `filters` that matches `topic`: the channel a message belongs to (declaration order decides overlaps). */
export function matchingFilter<T extends { name: string }>(filters: readonly T[], topic: string): T | undefined {
  return filters.find((filter) => topicMatches(filter.name, topic))
}
