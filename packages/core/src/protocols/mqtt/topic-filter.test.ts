import { describe, expect, it } from 'vitest'
import { matchingFilter, topicMatches } from './topic-filter.js'

describe('topicMatches', () => {
  it.each([
    ['sensors/+/heartrate', 'sensors/ann/heartrate', true],
    ['sensors/+/heartrate', 'sensors/ann/bob/heartrate', false],
    ['sensors/+/heartrate', 'sensors//heartrate', true],
    ['sensors/#', 'sensors', true],
    ['sensors/#', 'sensors/a/b/c', true],
    ['#', 'anything/at/all', true],
    ['#', '$SYS/broker/load', false],
    ['+/load', '$SYS/load', false],
    ['$SYS/#', '$SYS/broker/load', true],
    ['a/b', 'a/b', true],
    ['a/b', 'a/b/c', false],
    ['a/b/c', 'a/b', false],
    ['+', 'a', true],
    ['+', 'a/b', false],
  ])('%s against %s is %s', (filter, topic, expected) => {
    expect(topicMatches(filter, topic)).toBe(expected)
  })

  it('routes to the first declared filter that matches', () => {
    const channels = [{ name: 'alerts/fire' }, { name: 'alerts/#' }, { name: 'sensors/+/bpm' }]
    expect(matchingFilter(channels, 'alerts/fire')?.name).toBe('alerts/fire')
    expect(matchingFilter(channels, 'alerts/flood')?.name).toBe('alerts/#')
    expect(matchingFilter(channels, 'sensors/ann/bpm')?.name).toBe('sensors/+/bpm')
    expect(matchingFilter(channels, 'other')).toBeUndefined()
  })
})
