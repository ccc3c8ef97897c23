import { validatePage } from '@tether/runtime'
import { describe, expect, it } from 'vitest'
import { NO_ROUTES, proposeRoutes, type RoutesDraft, routeRow, routesDraft, routesFromDraft } from './routes-draft.js'

const market = {
  name: 'market',
  url: 'ws://x/market',
  samples: {
    responses: [
      { type: 'trade', id: 't1', price: 10.5 },
      { type: 'price-update', symbol: 'A', bid: 1 },
    ],
  },
}

describe('route by message type: form ↔ routes option', () => {
  it('turns rows into routes that the page schema accepts, and back', () => {
    const draft: RoutesDraft = {
      enabled: true,
      field: ' type ',
      rows: [
        { kind: 'trade', onNewData: 'addAsLast', dataLimit: '100', keyField: 'ignored unless upsert' },
        { kind: 'price-update', onNewData: 'upsert', dataLimit: '', keyField: 'symbol' },
        { kind: '1', onNewData: 'refresh', dataLimit: '0', keyField: '' },
      ],
    }
    const { routes, problems } = routesFromDraft(draft)
    expect(problems).toEqual([])
    expect(routes).toEqual({
      field: 'type',
      datasets: {
        trade: { onNewData: 'addAsLast', dataLimit: 100 },
        'price-update': { onNewData: 'upsert', keyField: 'symbol' },
        '1': { onNewData: 'refresh', dataLimit: 0 },
      },
    })
    const page = validatePage({
      name: 'Main',
      widgets: [],
      variables: { m: { category: 'websocket', service: 'market', routes } },
    })
    const saved = page.variables.m
    expect(saved?.category === 'websocket' && saved.routes).toEqual(routes)
    // Back to rows; integer-like types come first, as JavaScript orders such object keys.
    expect(routesDraft(routes)).toEqual({
      enabled: true,
      field: 'type',
      rows: [
        { kind: '1', onNewData: 'refresh', dataLimit: '0', keyField: '' },
        { kind: 'trade', onNewData: 'addAsLast', dataLimit: '100', keyField: '' },
        { kind: 'price-update', onNewData: 'upsert', dataLimit: '', keyField: 'symbol' },
      ],
    })
  })

  it('reads a saved route without a policy with the runtime default (add as last)', () => {
    expect(routesDraft({ field: 'kind', datasets: { a: {} } }).rows).toEqual([routeRow('a')])
    expect(routesDraft(undefined)).toEqual(NO_ROUTES)
    expect(routesFromDraft(NO_ROUTES)).toEqual({ routes: undefined, problems: [] })
  })

  it('reports every problem with its row and cell, and gives no routes', () => {
    const { routes, problems } = routesFromDraft({
      enabled: true,
      field: '',
      rows: [
        { kind: 'a', onNewData: 'upsert', dataLimit: '-1', keyField: ' ' },
        { kind: 'a', onNewData: 'addAsLast', dataLimit: '1.5', keyField: '' },
        routeRow(''),
        routeRow('constructor'),
      ],
    })
    expect(routes).toBeUndefined()
    expect(problems.map((p) => [p.row, p.at])).toEqual([
      [null, 'field'],
      [0, 'dataLimit'],
      [0, 'keyField'],
      [1, 'kind'],
      [1, 'dataLimit'],
      [2, 'kind'],
      [3, 'kind'],
    ])
    expect(routesFromDraft({ enabled: true, field: 'type', rows: [] }).problems).toEqual([
      { row: null, at: 'rows', message: 'Add at least one message type.' },
    ])
  })

  it("proposes the service's inferred discriminator and one row per message type", () => {
    const proposed = proposeRoutes(market)
    expect(proposed.field).toBe('type')
    expect(proposed.rows.map((r) => r.kind).sort()).toEqual(['price-update', 'trade'])
    expect(proposeRoutes({ name: 'hr', url: 'ws://x', samples: { responses: [{ value: 1 }] } })).toEqual({
      enabled: true,
      field: '',
      rows: [routeRow()],
    })
  })
})

describe('one dataset per channel: form ↔ routes option', () => {
  const plants = {
    name: 'plantsensors',
    url: '/mqtt',
    protocol: 'mqtt' as const,
    channels: ['plant/+/temperature', { name: 'plant/+/status' }],
  }

  it('proposes a row per channel and saves routes without a field, which the page schema accepts', () => {
    const proposed = proposeRoutes(plants)
    expect(proposed).toEqual({
      enabled: true,
      byChannel: true,
      field: '',
      rows: [routeRow('plant/+/temperature'), routeRow('plant/+/status')],
    })
    const draft: RoutesDraft = {
      ...proposed,
      rows: [
        { ...routeRow('plant/+/temperature'), dataLimit: '50' },
        { ...routeRow('plant/+/status'), onNewData: 'upsert', keyField: 'id' },
      ],
    }
    const { routes, problems } = routesFromDraft(draft)
    expect(problems).toEqual([])
    expect(routes).toEqual({
      datasets: {
        'plant/+/temperature': { onNewData: 'addAsLast', dataLimit: 50 },
        'plant/+/status': { onNewData: 'upsert', keyField: 'id' },
      },
    })
    const page = validatePage({
      name: 'Main',
      widgets: [],
      variables: { p: { category: 'websocket', service: 'plantsensors', routes } },
    })
    const saved = page.variables.p
    expect(saved?.category === 'websocket' && saved.routes).toEqual(routes)
    expect(routesDraft(routes)).toEqual({
      ...draft,
      rows: draft.rows.map((row) => ({ ...row, keyField: row.onNewData === 'upsert' ? row.keyField : '' })),
    })
  })

  it('asks for a channel in an empty row, never for a field', () => {
    const { problems } = routesFromDraft({ enabled: true, byChannel: true, field: '', rows: [routeRow()] })
    expect(problems).toEqual([{ row: 0, at: 'kind', message: 'Enter the channel, as the service names it.' }])
  })
})
