import { format, isSameDay } from 'date-fns'

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/**
 * Tick steps for a time axis, from one second up to a year. Sub-second steps are left out on purpose:
 * streams send a reading every few hundred milliseconds, and ticks at ":34.250 :34.500" read as noise;
 * a sub-second range shows one whole-second tick and the cursor gives the exact time.
 */
export const TIME_STEPS: number[] = [
  ...[1, 2, 5, 10, 15, 30].map((n) => n * SECOND),
  ...[1, 2, 5, 10, 15, 30].map((n) => n * MINUTE),
  ...[1, 2, 3, 6, 12].map((n) => n * HOUR),
  ...[1, 2, 7, 14, 30, 91, 182, 365].map((n) => n * DAY),
]

/**
 * The date-fns pattern for tick labels `step` ms apart: clock times with seconds while ticks are
 * seconds apart, minutes while they are minutes or hours apart, the day added when the ticks fall on
 * more than one day, dates alone for day steps and months for month steps.
 */
export function timeTickPattern(step: number, severalDays: boolean): string {
  if (step >= 28 * DAY) return 'MMM yyyy'
  if (step >= DAY) return 'MMM d'
  const clock = step < SECOND ? 'HH:mm:ss.SSS' : step < MINUTE ? 'HH:mm:ss' : 'HH:mm'
  return severalDays ? `MMM d ${clock}` : clock
}

/** Tick labels for epoch-ms `splits` that are `step` ms apart. */
export function timeTickLabels(splits: number[], step: number): string[] {
  const first = splits[0]
  const last = splits[splits.length - 1]
  const pattern = timeTickPattern(step, first !== undefined && last !== undefined && !isSameDay(first, last))
  return splits.map((ms) => format(ms, pattern))
}

/**
 * One instant on a time axis showing `range` ms, as the cursor and legend read it: always to the
 * second, with milliseconds when the range is under two seconds and the date when it spans a day or more.
 */
export function timeValueLabel(ms: number, range: number): string {
  if (range >= DAY) return format(ms, 'yyyy-MM-dd HH:mm:ss')
  return format(ms, range < 2 * SECOND ? 'HH:mm:ss.SSS' : 'HH:mm:ss')
}
