import { describe, expect, it } from 'vitest'
import { paramToSegment, renamePathParam, segmentToParam, splitPath, suggestParamName } from './path-params.js'

describe('splitPath', () => {
  it('separates origin, segments (placeholders marked) and the query suffix', () => {
    expect(splitPath('ws://h:8/rooms/{roomId}/feed?x=1')).toEqual({
      origin: 'ws://h:8',
      segments: [
        { text: 'rooms', param: null },
        { text: '{roomId}', param: 'roomId' },
        { text: 'feed', param: null },
      ],
      suffix: '?x=1',
    })
  })

  it('has no segments without a path', () => {
    expect(splitPath('ws://h:8')).toEqual({ origin: 'ws://h:8', segments: [], suffix: '' })
  })
})

describe('segmentToParam', () => {
  it('replaces the segment with a placeholder and keeps its text as default', () => {
    expect(segmentToParam('ws://h/rooms/lobby/feed?u=', 1, [])).toEqual({
      url: 'ws://h/rooms/{lobby}/feed?u=',
      param: { name: 'lobby', default: 'lobby' },
    })
  })

  it('names numeric and odd segments with identifiers, avoiding taken names', () => {
    expect(segmentToParam('ws://h/users/42', 1, [])?.param.name).toBe('id')
    expect(segmentToParam('ws://h/users/42', 1, ['id'])?.param.name).toBe('id_2')
    expect(segmentToParam('ws://h/a/room-1', 1, [])?.url).toBe('ws://h/a/{room_1}')
  })

  it('refuses placeholders, empty segments and indexes out of range', () => {
    expect(segmentToParam('ws://h/{a}', 0, [])).toBeNull()
    expect(segmentToParam('ws://h/a//b', 1, [])).toBeNull()
    expect(segmentToParam('ws://h/a', 3, [])).toBeNull()
  })
})

describe('paramToSegment and renamePathParam', () => {
  it('turns a placeholder back into text', () => {
    expect(paramToSegment('ws://h/rooms/{roomId}?q', 1, 'lobby')).toBe('ws://h/rooms/lobby?q')
  })

  it('renames a placeholder', () => {
    expect(renamePathParam('ws://h/{a}/x/{a}', 'a', 'room')).toBe('ws://h/{room}/x/{room}')
  })
})

describe('suggestParamName', () => {
  it('prefixes names that start with a digit', () => {
    expect(suggestParamName('2fa', [])).toBe('_2fa')
  })
})
