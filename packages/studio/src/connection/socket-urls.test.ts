import { describe, expect, it } from 'vitest'
import { mockReplayUrl, proxySocketUrl, resolveSocketUrl, savedServiceProxyUrl, testAsUserUrl } from './socket-urls.js'

const http = { protocol: 'http:', host: '127.0.0.1:8080' }
const https = { protocol: 'https:', host: 'studio.example.com' }

describe('socket URLs', () => {
  it('resolves server-relative URLs against the page, keeping absolute ones', () => {
    expect(resolveSocketUrl('/websocket/heartrate', http)).toBe('ws://127.0.0.1:8080/websocket/heartrate')
    expect(resolveSocketUrl('/websocket/heartrate', https)).toBe('wss://studio.example.com/websocket/heartrate')
    expect(resolveSocketUrl('ws://other:1/x', https)).toBe('ws://other:1/x')
  })

  it('builds proxy URLs with an encoded target on the page host, wss from https', () => {
    expect(proxySocketUrl('ws://10.0.0.5:9000/feed?a=1', https)).toBe(
      'wss://studio.example.com/api/proxy?url=ws%3A%2F%2F10.0.0.5%3A9000%2Ffeed%3Fa%3D1',
    )
  })

  it('builds saved-service proxy URLs with param.<name> values', () => {
    expect(savedServiceProxyUrl('demo', 'chat', { room: 'a b' }, http)).toBe(
      'ws://127.0.0.1:8080/api/proxy?project=demo&service=chat&param.room=a+b',
    )
  })

  it('builds mock replay URLs', () => {
    expect(mockReplayUrl('demo', 'calm', 2, true, http)).toBe(
      'ws://127.0.0.1:8080/websocket/mock/demo/calm?speed=2&loop=1',
    )
    expect(mockReplayUrl('demo', 'calm', 1, false, http)).toBe('ws://127.0.0.1:8080/websocket/mock/demo/calm?speed=1')
  })
})

describe('testAsUserUrl', () => {
  it("replaces the URL's username and marks the connection as a test", () => {
    expect(testAsUserUrl('ws://localhost:8080/websocket/chatroom?username=user1', 'admin')).toBe(
      'ws://localhost:8080/websocket/chatroom?username=admin&test=1',
    )
    expect(testAsUserUrl('wss://h/chat?room=a', 'admin')).toBe('wss://h/chat?room=a&username=admin&test=1')
  })
})
