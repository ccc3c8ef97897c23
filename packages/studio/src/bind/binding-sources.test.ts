import { describe, expect, it } from 'vitest'
import type { EntityMetadata } from '../api/entities.js'
import { type BindingSource, bindingSources, datasetFields } from './binding-sources.js'

const context = {
  pageVariables: {
    heartratevariable: { category: 'websocket' as const, service: 'heartrate' },
    chat: { category: 'websocket' as const, service: 'chatroom' },
  },
  appVariables: { rooms: { category: 'static' as const, value: [{ id: 1, title: 'general' }] } },
  services: {
    heartrate: {
      name: 'heartrate',
      url: 'ws://x/heartrate',
      samples: {
        responses: [
          { time: 1513152655902, value: 95 },
          { time: 1513152656402, value: 93 },
        ],
      },
    },
    chatroom: { name: 'chatroom', url: 'ws://x/chat', samples: { responses: [{ username: 'a', message: 'hi' }] } },
  },
  widgets: [
    {
      type: 'List',
      name: 'chatmessageList',
      props: { dataset: 'bind:Variables.chat.dataSet' },
      children: [{ type: 'Label', name: 'who', props: {} }],
    },
    { type: 'Text', name: 'message', props: {} },
  ],
}

const expressions = (sources: BindingSource[]): string[] =>
  sources.flatMap((s) => [...(s.expression ? [s.expression] : []), ...expressions(s.children ?? [])])

describe('bind dialog sources', () => {
  it('lists variables with inferred record fields, widgets, loggedInUser', () => {
    const all = expressions(bindingSources(context, null))
    expect(all).toEqual(
      expect.arrayContaining([
        'Variables.heartratevariable.dataSet',
        'Variables.heartratevariable.lastRecord.time',
        'Variables.heartratevariable.lastRecord.value',
        'Variables.heartratevariable.firstRecord.value',
        'Variables.rooms.lastRecord.title',
        'Widgets.chatmessageList.currentItem.username',
        'Widgets.message.datavalue',
        'loggedInUser.dataSet.name',
      ]),
    )
    expect(all).not.toContain('item.username')
  })

  it("offers the enclosing list's item inside a list template", () => {
    expect(expressions(bindingSources(context, 'who'))).toContain('item.username')
  })

  it("reads the field types of a widget's bound dataset", () => {
    const fields = datasetFields('bind:Variables.heartratevariable.dataSet', context)
    expect(fields.map((f) => [f.path, f.type])).toEqual([
      ['time', 'timestamp (epoch ms)'],
      ['value', 'integer'],
    ])
    expect(datasetFields('bind:Variables.nope.dataSet', context)).toEqual([])
    expect(datasetFields('literal', context)).toEqual([])
  })

  const routed = {
    ...context,
    pageVariables: {
      market: {
        category: 'websocket' as const,
        service: 'market',
        routes: {
          field: 'type',
          datasets: { trade: {}, 'price-update': { onNewData: 'upsert' as const, keyField: 's' } },
        },
      },
    },
    services: {
      market: {
        name: 'market',
        url: 'ws://x/market',
        samples: {
          responses: [
            { type: 'trade', id: 't1', price: 10.5 },
            { type: 'price-update', s: 'A', bid: 1 },
          ],
        },
      },
    },
  }

  it('lists each routed dataset with the fields of its message type', () => {
    const all = expressions(bindingSources(routed, null))
    expect(all).toEqual(
      expect.arrayContaining([
        'Variables.market.datasets.trade',
        'Variables.market.datasets.trade[0].price',
        "Variables.market.datasets['price-update']",
        "Variables.market.datasets['price-update'][0].bid",
      ]),
    )
    expect(all).not.toContain('Variables.market.datasets.trade[0].bid')
    expect(expressions(bindingSources(context, null)).some((e) => e.includes('.datasets'))).toBe(false)
  })

  it('reads the fields of a routed dataset a widget is bound to, dotted or in brackets', () => {
    const paths = (binding: string) => datasetFields(binding, routed).map((f) => f.path)
    expect(paths('bind:Variables.market.datasets.trade')).toEqual(['type', 'id', 'price'])
    expect(paths("bind:Variables.market.datasets['price-update']")).toEqual(['type', 's', 'bid'])
    expect(paths('bind:Variables.market.datasets["price-update"]')).toEqual(['type', 's', 'bid'])
    expect(paths('bind:Variables.market.dataSet')).toEqual(['type', 'id', 'price', 's', 'bid'])
    expect(paths('bind:Variables.market.datasets.trade[0]')).toEqual([])
  })

  it("lists a CRUD variable's fields from the server's entity metadata, none before it loads", () => {
    const crud = { ...context, pageVariables: { staff: { category: 'crud' as const, entity: 'employee' } } }
    const rest = { readOnly: false, required: false, filterOperators: ['eq'] }
    const employee: EntityMetadata = {
      name: 'employee',
      primaryKey: 'empId',
      fields: [
        { name: 'empId', type: 'integer', nullable: false, primaryKey: true, ...rest },
        { name: 'birthdate', type: 'date', nullable: true, primaryKey: false, ...rest },
      ],
    }
    const loaded = bindingSources({ ...crud, entities: { state: 'ready', entities: [employee] } }, null)
    expect(expressions(loaded)).toEqual(
      expect.arrayContaining(['Variables.staff.firstRecord.empId', 'Variables.staff.lastRecord.birthdate']),
    )
    expect(
      datasetFields('bind:Variables.staff.dataSet', { ...crud, entities: { state: 'ready', entities: [employee] } }),
    ).toEqual([
      { path: 'empId', type: 'integer', optional: false, nullable: false, description: 'primary key' },
      { path: 'birthdate', type: 'string', optional: false, nullable: true, description: 'date (YYYY-MM-DD)' },
    ])
    const loading = expressions(bindingSources({ ...crud, entities: { state: 'loading' } }, null))
    expect(loading.filter((e) => e.startsWith('Variables.staff.firstRecord.'))).toEqual([])
  })
})

describe('bind dialog sources for a protocol service routed by channel', () => {
  it("offers each channel's dataset with the fields of that channel's samples", () => {
    const channelContext = {
      ...context,
      pageVariables: {
        market: { category: 'websocket' as const, service: 'market', routes: { datasets: { tick: {} } } },
      },
      services: {
        market: {
          name: 'market',
          url: 'ws://x',
          protocol: 'socket.io' as const,
          channels: [{ name: 'tick', samples: [{ n: 1, at: 'x' }] }, 'chat'],
        },
      },
    }
    const all = expressions(bindingSources(channelContext, null))
    expect(all).toEqual(
      expect.arrayContaining(['Variables.market.datasets.tick', 'Variables.market.datasets.tick[0].n']),
    )
    expect(datasetFields('bind:Variables.market.datasets.tick', channelContext).map((f) => f.path)).toEqual(['n', 'at'])
  })
})

describe('bind dialog sources for a protocol service without routes', () => {
  it('lists datasets.<channel> for every channel of the service, with that channel’s fields', () => {
    const plants = {
      ...context,
      pageVariables: { plants: { category: 'websocket' as const, service: 'plantsensors' } },
      services: {
        plantsensors: {
          name: 'plantsensors',
          url: '/mqtt',
          protocol: 'mqtt' as const,
          channels: [
            { name: 'plant/+/temperature', samples: [{ id: 'basil', celsius: 21.5 }] },
            { name: 'plant/+/status', samples: [{ id: 'basil', state: 'ok' }] },
          ],
        },
      },
    }
    const all = expressions(bindingSources(plants, null))
    expect(all).toEqual(
      expect.arrayContaining([
        "Variables.plants.datasets['plant/+/temperature']",
        "Variables.plants.datasets['plant/+/temperature'][0].celsius",
        "Variables.plants.datasets['plant/+/status']",
        "Variables.plants.datasets['plant/+/status'][0].state",
      ]),
    )
    const fields = (channel: string) =>
      datasetFields(`bind:Variables.plants.datasets['${channel}']`, plants).map((f) => f.path)
    expect(fields('plant/+/temperature')).toEqual(['id', 'celsius'])
    expect(fields('plant/+/status')).toEqual(['id', 'state'])
    expect(fields('plant/+/other')).toEqual([])
  })
})
