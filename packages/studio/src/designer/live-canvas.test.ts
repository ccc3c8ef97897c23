import { tetherCss } from '@tether/react'
import { describe, expect, it } from 'vitest'
import { prepareCanvasService } from './live-canvas.js'

const at = (protocol: string) => ({ protocol, host: 'studio.test:8080' }) as Location

describe('live canvas services', () => {
  it('resolves relative URLs against the studio server, like the running app', () => {
    expect(prepareCanvasService({ name: 'h', url: '/websocket/heartrate' }, 'p', at('http:'))).toEqual({
      service: { name: 'h', url: '/websocket/heartrate' },
      baseUrl: 'ws://studio.test:8080',
    })
    expect(prepareCanvasService({ name: 'h', url: '/x' }, 'p', at('https:')).baseUrl).toBe('wss://studio.test:8080')
  })

  it('sends useProxy services through the proxy by project and service (secret headers stay on the server)', () => {
    const prepared = prepareCanvasService(
      { name: 'feed', url: 'wss://example.test', useProxy: true },
      'my_app',
      at('https:'),
    )
    expect(prepared.proxyUrl).toBe('wss://studio.test:8080/api/proxy?project=my_app&service=feed')
  })

  it("can scope the runtime stylesheet's body rule to the canvas", () => {
    expect(tetherCss).toMatch(/(^|\n)body \{/)
  })
})
