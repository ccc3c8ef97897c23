import { format } from 'date-fns'
import { describe, expect, it } from 'vitest'
import { formatDate, toDateFnsPattern } from './format-date.js'

// Built from local fields, so the expected texts hold in every time zone.
const afternoon = new Date(2024, 0, 5, 13, 4, 5, 67) // Friday 5 January 2024, 13:04:05.067 local
const morning = new Date(2017, 9, 12, 9, 2, 1)
const epoch = afternoon.getTime()

describe('formatDate', () => {
  it.each([
    ['hh:mm:ss a', '01:04:05 PM'],
    ['h:mm a', '1:04 PM'],
    ['HH:mm', '13:04'],
    ['H:m:s', '13:4:5'],
    ['dd-MM-yyyy', '05-01-2024'],
    ['d/M/yy', '5/1/24'],
    ['MMM d, y', 'Jan 5, 2024'],
    ['MMMM d, y', 'January 5, 2024'],
    ['EEE', 'Fri'],
    ['E', 'Fri'],
    ['EEEE', 'Friday'],
    ['yyyy-MM-dd HH:mm:ss', '2024-01-05 13:04:05'],
    ['yyyy-MM-dd HH:mm:ss.SSS', '2024-01-05 13:04:05.067'],
    ['HH:mm:ss.sss', '13:04:05.067'], // AngularJS milliseconds
    ['aaa', 'PM'], // Angular a–aaa are all "PM" (date-fns aaa would be "pm")
    ['YYYY-MM-DD', '2024-01-05'], // moment.js habit: calendar year and day of month
    ["'Today is' EEEE", 'Today is Friday'],
    ["h 'o''clock'", "1 o'clock"],
    ["''h''", "'1'"],
    ["'''h'", "'h"],
    ["h''''", "1'"], // as in Angular: a quoted section holding one escaped quote
    ["'x'' 'h", "x' 1"],
    ['yyyy年M月d日', '2024年1月5日'],
    ['Q T x', 'Q T x'], // not Angular tokens: literal text, never a date-fns RangeError
    ["'unterminated", 'unterminated'],
    ['', ''],
  ])('%s → %s', (pattern, expected) => {
    expect(formatDate(afternoon, pattern)).toBe(expected)
  })

  it("formats the chat example's time in the morning", () => {
    expect(formatDate(morning, 'hh:mm:ss a')).toBe('09:02:01 AM')
  })

  it('accepts epoch milliseconds, numeric strings, ISO strings and Dates alike', () => {
    const expected = '2024-01-05 13:04:05'
    const pattern = 'yyyy-MM-dd HH:mm:ss'
    expect(formatDate(epoch, pattern)).toBe(expected)
    expect(formatDate(String(epoch), pattern)).toBe(expected)
    expect(formatDate(` ${epoch} `, pattern)).toBe(expected)
    expect(formatDate(afternoon.toISOString(), pattern)).toBe(expected)
    expect(formatDate('2024-01-05T13:04:05', pattern)).toBe(expected) // no offset: local time
    expect(formatDate('2024-01-05', 'dd/MM/yyyy HH:mm')).toBe('05/01/2024 00:00') // date only: local midnight
  })

  it('matches date-fns for a sample epoch value in any time zone', () => {
    const sent = 1507809721548
    expect(formatDate(sent, 'hh:mm:ss a')).toBe(format(new Date(sent), 'hh:mm:ss a'))
    expect(formatDate(sent, 'dd-MM-yyyy HH:mm')).toBe(format(new Date(sent), 'dd-MM-yyyy HH:mm'))
    expect(formatDate(sent, 'ZZZZZ')).toBe(format(new Date(sent), 'xxx'))
  })

  it('supports the named Angular formats and timestamp', () => {
    expect(formatDate(afternoon, 'short')).toBe('1/5/24, 1:04 PM')
    expect(formatDate(afternoon, 'medium')).toBe('Jan 5, 2024, 1:04:05 PM')
    expect(formatDate(afternoon)).toBe('Jan 5, 2024, 1:04:05 PM')
    expect(formatDate(afternoon, 'shortDate')).toBe('1/5/24')
    expect(formatDate(afternoon, 'fullDate')).toBe('Friday, January 5, 2024')
    expect(formatDate(afternoon, 'mediumTime')).toBe('1:04:05 PM')
    expect(formatDate(afternoon, 'timestamp')).toBe(String(epoch))
    expect(formatDate(afternoon.toISOString(), 'timestamp')).toBe(String(epoch))
  })

  it.each([
    null,
    undefined,
    '',
    '   ',
    'not a date',
    '2024-13-45',
    Number.NaN,
    Number.POSITIVE_INFINITY,
    8.64e15 + 1,
    new Date(Number.NaN),
    {},
    [],
    true,
  ])('returns an empty text for %j instead of throwing', (value) => {
    expect(formatDate(value, 'hh:mm:ss a')).toBe('')
  })
})

describe('toDateFnsPattern', () => {
  it('quotes literal text and translates Angular-only tokens', () => {
    expect(toDateFnsPattern('hh:mm:ss a')).toBe("hh':'mm':'ss' 'a")
    expect(toDateFnsPattern('y')).toBe('y')
    expect(toDateFnsPattern('ZZZ')).toBe('xx')
    expect(toDateFnsPattern('w')).toBe('I')
    expect(toDateFnsPattern("'it''s'")).toBe("'it''s'")
  })
})
