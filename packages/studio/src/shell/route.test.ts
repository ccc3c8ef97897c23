import { describe, expect, it } from 'vitest'
import { formatRoute, parseRoute } from './route.js'

describe('studio routes', () => {
  it('reads project, section and path from the hash', () => {
    expect(parseRoute('#/heartrate/services/new')).toEqual({ project: 'heartrate', section: 'services', path: ['new'] })
  })

  it('defaults to no project and the services section', () => {
    expect(parseRoute('')).toEqual({ project: null, section: 'services', path: [] })
    expect(parseRoute('#/demo')).toEqual({ project: 'demo', section: 'services', path: [] })
  })

  it('round-trips names that need encoding', () => {
    const route = { project: 'my app', section: 'pages', path: ['Main/1'] }
    expect(parseRoute(formatRoute(route))).toEqual(route)
  })
})
