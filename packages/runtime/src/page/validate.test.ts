import { ErrorCodes, isTetherError } from '@tether/core'
import { describe, expect, it } from 'vitest'
import { formatPath, validatePage, validateProject } from './validate.js'

function detailsOf(fn: () => unknown) {
  try {
    fn()
  } catch (error) {
    if (!isTetherError(error, ErrorCodes.INVALID_PAGE_DEFINITION)) throw error
    return error.details
  }
  throw new Error('expected a validation error')
}

const label = (name: string, caption: unknown) => ({ type: 'Label', name, props: { caption } })

describe('page definitions', () => {
  it('accepts a valid page and applies defaults', () => {
    const page = validatePage({
      name: 'Main',
      widgets: [
        label('a', 'bind:Variables.hr.lastRecord.value'),
        { type: 'Panel', name: 'p', props: {}, children: [label('b', 'x')] },
      ],
      variables: {
        hr: { category: 'websocket', service: 'heartrateservice', onNewData: 'addAsLast', dataLimit: 20 },
        emp: { category: 'crud', entity: 'employee', filter: { empId: 'bind:loggedInUser.dataSet.id' } },
        s: { category: 'static', value: [1, 2] },
      },
    })
    expect(page.widgets).toHaveLength(2)
    expect(page.variables.hr?.category).toBe('websocket')
  })

  it('points a binding syntax error at its path, e.g. widgets[2].props.dataset', () => {
    const details = detailsOf(() =>
      validatePage({
        name: 'Main',
        widgets: [
          label('a', 1),
          label('b', 2),
          { type: 'DataTable', name: 'table', props: { dataset: 'bind:Variables.hr.(' } },
        ],
      }),
    )
    expect(details.map((d) => d.path)).toEqual(['widgets[2].props.dataset'])
  })

  it('reports schema problems with their paths, all at once', () => {
    const details = detailsOf(() =>
      validatePage({
        name: 'Main',
        widgets: [
          { type: 'Label', props: {} },
          { type: 'Button', name: 'b', props: {}, events: { onClick: [{ call: 'nodot' }] } },
        ],
        variables: { v: { category: 'websocket' }, w: { category: 'mystery' } },
      }),
    )
    const paths = details.map((d) => d.path)
    expect(paths).toContain('widgets[0].name')
    expect(paths).toContain('widgets[1].events.onClick[0].call')
    expect(paths).toContain('variables.v.service')
    expect(paths).toContain('variables.w.category')
  })

  it('finds errors in nested children, variable bindings and duplicate names', () => {
    const details = detailsOf(() =>
      validatePage({
        name: 'Main',
        variables: { chat: { category: 'websocket', service: 's', dataBinding: { RequestBody: 'bind:Widgets..x' } } },
        widgets: [{ type: 'List', name: 'list', props: {}, children: [label('dup', 1), label('dup', 'bind:item.(')] }],
      }),
    )
    expect(details.map((d) => d.path).sort()).toEqual(
      [
        'variables.chat.dataBinding.RequestBody',
        'widgets[0].children[1].name',
        'widgets[0].children[1].props.caption',
      ].sort(),
    )
  })

  it('reads JSON text and reports invalid JSON', () => {
    expect(validatePage('{"name":"Main","widgets":[]}').name).toBe('Main')
    expect(detailsOf(() => validatePage('{nope'))[0]?.message).toContain('not valid JSON')
  })

  it('validates project files: homePage must be one of pages', () => {
    const project = validateProject({
      name: 'chatroom',
      homePage: 'Main',
      pages: ['Main'],
      security: { enabled: true },
    })
    expect(project.security.enabled).toBe(true)
    expect(detailsOf(() => validateProject({ name: 'x', homePage: 'Login', pages: ['Main'] }))[0]?.path).toBe(
      'homePage',
    )
  })

  it('formats paths like widgets[2].props.dataset', () => {
    expect(formatPath(['widgets', 2, 'props', 'dataset'])).toBe('widgets[2].props.dataset')
  })
})

describe('page script and sign-out', () => {
  it('a page script must be a file of the project scripts folder', () => {
    expect(validatePage({ name: 'Main', widgets: [], script: './scripts/main.js' }).script).toBe('./scripts/main.js')
    for (const script of [
      'https://evil.example/x.js',
      'data:text/javascript,alert(1)',
      './scripts/../x.js',
      'main.js',
    ]) {
      const details = detailsOf(() => validatePage({ name: 'Main', widgets: [], script }))
      expect(details).toEqual([{ path: 'script', message: 'write it as ./scripts/<name>.js' }])
    }
  })

  it('{ logout: true } is an action; other logout values are not', () => {
    const button = (action: unknown) => ({
      name: 'Main',
      widgets: [{ type: 'Button', name: 'b', props: {}, events: { onClick: [action] } }],
    })
    expect(validatePage(button({ logout: true })).widgets[0]?.events?.onClick).toEqual([{ logout: true }])
    expect(detailsOf(() => validatePage(button({ logout: 'yes' }))).length).toBeGreaterThan(0)
  })
})

describe('routing by message type', () => {
  const page = (routes: unknown) => ({
    name: 'Main',
    widgets: [],
    variables: { market: { category: 'websocket', service: 'market', routes } },
  })

  it('accepts routes keyed by the message-type values, identifiers or not', () => {
    const routes = {
      field: 'type',
      datasets: {
        trade: { dataLimit: 100 },
        'price-update': { onNewData: 'upsert', keyField: 'symbol' },
        '1': {},
      },
    }
    const market = validatePage(page(routes)).variables.market
    expect(market?.category === 'websocket' && market.routes).toEqual(routes)
  })

  it('reports an empty field, no datasets, reserved names and upsert without a key, with their paths', () => {
    expect(detailsOf(() => validatePage(page({ field: '', datasets: { a: {} } }))).map((d) => d.path)).toEqual([
      'variables.market.routes.field',
    ])
    expect(detailsOf(() => validatePage(page({ field: 'type', datasets: {} })))).toEqual([
      { path: 'variables.market.routes.datasets', message: 'add at least one message type' },
    ])
    const paths = detailsOf(() =>
      validatePage(
        page({
          field: 'type',
          datasets: { constructor: {}, quote: { onNewData: 'upsert' }, trade: { dataLimit: -1, extra: 1 } },
        }),
      ),
    ).map((d) => d.path)
    expect(paths.sort()).toEqual(
      [
        'variables.market.routes.datasets.constructor',
        'variables.market.routes.datasets.quote.keyField',
        'variables.market.routes.datasets.trade',
        'variables.market.routes.datasets.trade.dataLimit',
      ].sort(),
    )
  })

  it("applies core's dataset rules to a variable: upsert needs its key field, dataLimit has a maximum", () => {
    const variable = (options: Record<string, unknown>) => ({
      name: 'Main',
      widgets: [],
      variables: { quotes: { category: 'websocket', service: 'quotes', ...options } },
    })
    expect(detailsOf(() => validatePage(variable({ onNewData: 'upsert', dataLimit: 100_001 })))).toEqual([
      { path: 'variables.quotes.dataLimit', message: 'Use a whole number from 0 to 100,000 (0 keeps up to 100,000).' },
      { path: 'variables.quotes.keyField', message: "onNewData 'upsert' needs the key field's name (e.g. symbol)." },
    ])
    expect(() => validatePage(variable({ onNewData: 'upsert', keyField: 'symbol', dataLimit: 0 }))).not.toThrow()
  })
})
