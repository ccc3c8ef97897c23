// The example projects are data files the server serves and the browser runtime validates; this
// checks them the same way, without a browser, so a broken file fails here with its path.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { compileExpression, defineWebSocketService, inferSchema } from '@tether/core'
import { type PageDefinition, validatePage, validateProject } from '@tether/runtime'
import { describe, expect, it } from 'vitest'

const examplesDir = fileURLToPath(new URL('../examples', import.meta.url))
const readJson = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>

function loadExample(name: string) {
  const dir = join(examplesDir, name)
  const filesIn = (folder: string, suffix: string) =>
    readdirSync(join(dir, folder))
      .filter((file) => file.endsWith(suffix))
      .map((file) => [file.slice(0, -suffix.length), readJson(join(dir, folder, file))] as const)
  return {
    project: validateProject(readJson(join(dir, 'tether.json'))),
    description: readJson(join(dir, 'tether.json')).description,
    services: Object.fromEntries(filesIn('services', '.service.json')),
    pages: Object.fromEntries(filesIn('pages', '.page.json').map(([file, page]) => [file, validatePage(page)])),
  }
}

/** Every widget of a page, depth first. */
function widgetsOf(page: PageDefinition) {
  const out: PageDefinition['widgets'] = []
  const walk = (nodes: PageDefinition['widgets']) => {
    for (const node of nodes) {
      out.push(node)
      if (node.children) walk(node.children)
    }
  }
  walk(page.widgets)
  return out
}

const widget = (page: PageDefinition, name: string) => {
  const found = widgetsOf(page).find((w) => w.name === name)
  if (!found) throw new Error(`page ${page.name} has no widget ${name}`)
  return found
}

describe.each(['heartrate', 'chatroom', 'plants'])('example project %s', (name) => {
  const example = loadExample(name)

  it('names its folder, lists its pages and has a description for the landing page', () => {
    expect(example.project.name).toBe(name)
    expect(Object.keys(example.pages).sort()).toEqual([...example.project.pages].sort())
    expect(typeof example.description).toBe('string')
  })

  it('has valid services on the serving server (relative URLs), with the schema inferred from their samples', () => {
    expect(Object.keys(example.services).length).toBeGreaterThan(0)
    for (const [file, definition] of Object.entries(example.services)) {
      expect(definition.name).toBe(file) // variables find services by file name
      expect(() => defineWebSocketService(definition as never)).not.toThrow()
      if (definition.protocol === undefined) {
        expect(String(definition.url)).toMatch(/^\/websocket\//)
        const samples = definition.samples as { responses: unknown[] }
        expect(definition.schema).toEqual(inferSchema(samples.responses).jsonSchema)
        continue
      }
      // A protocol service: the server's own broker, samples and schema per channel.
      expect(String(definition.url)).toMatch(/^\/(websocket\/|mqtt$)/)
      const channels = definition.channels as { name: string; samples: unknown[]; schema: unknown }[]
      expect(channels.length).toBeGreaterThan(0)
      for (const channel of channels) expect(channel.schema).toEqual(inferSchema(channel.samples).jsonSchema)
    }
  })

  it('binds only to services and variables it defines', () => {
    for (const page of Object.values(example.pages)) {
      const variables = page.variables
      for (const variable of Object.values(variables)) {
        if (variable.category === 'websocket') expect(Object.keys(example.services)).toContain(variable.service)
      }
      for (const node of widgetsOf(page)) {
        for (const value of Object.values(node.props)) {
          if (typeof value !== 'string' || !value.startsWith('bind:')) continue
          for (const path of compileExpression(value.slice(5)).dependencies) {
            const [root, variable] = path.split('.')
            if (root === 'Variables') expect(Object.keys(variables), `${node.name}: ${value}`).toContain(variable)
          }
        }
      }
    }
  })
})

describe('the Heartrate Monitor page', () => {
  const { project, pages } = loadExample('heartrate')
  const page = pages.Main as PageDefinition

  it('keeps the last 20 readings, adding each as the last record, from page load', () => {
    expect(project.security.enabled).toBe(false)
    expect(page.variables.heartratevariable).toMatchObject({
      category: 'websocket',
      service: 'heartrateservice',
      connectOnLoad: true,
      onNewData: 'addAsLast',
      dataLimit: 20,
    })
  })

  it('shows the readings in a table, a time/value line chart and the last recorded labels', () => {
    expect(widget(page, 'readingsTable').props.columns).toEqual([
      { field: 'time', title: 'Time', format: 'date:hh:mm:ss a' },
      { field: 'value', title: 'Value' },
    ])
    expect(widget(page, 'heartrateChart').props).toMatchObject({
      type: 'line',
      xField: 'time',
      yField: 'value',
      xTitle: 'Time',
      yTitle: 'Value',
    })
    expect(widget(page, 'lastTimeTitle').props.caption).toBe('Last Recorded Time:')
    expect(widget(page, 'lastValueTitle').props.caption).toBe('Last Recorded Value:')
    const scope = {
      Variables: { heartratevariable: { lastRecord: { time: new Date(2024, 0, 1, 15, 4, 5).getTime(), value: 88 } } },
    }
    const evaluate = (name: string) =>
      compileExpression(String(widget(page, name).props.caption).slice(5)).evaluate(scope)
    expect(evaluate('lastTime')).toBe('03:04:05 PM')
    expect(evaluate('lastValue')).toBe(88)
  })
})

describe('the Plant sensors page', () => {
  const { project, pages, services } = loadExample('plants')
  const page = pages.Main as PageDefinition
  const TEMPERATURE = 'plant/+/temperature'
  const STATUS = 'plant/+/status'

  it('subscribes to the two topic filters of the server’s MQTT broker, with no login', () => {
    expect(project.security.enabled).toBe(false)
    expect(services.plantsensors).toMatchObject({ url: '/mqtt', protocol: 'mqtt' })
    const channels = (services.plantsensors as { channels: { name: string }[] }).channels
    expect(channels.map((channel) => channel.name)).toEqual([TEMPERATURE, STATUS])
  })

  it('routes by channel with no code: temperatures as a history and per plant, statuses per plant', () => {
    expect(page.variables.plants).toMatchObject({
      category: 'websocket',
      service: 'plantsensors',
      connectOnLoad: true,
      routes: {
        datasets: {
          [TEMPERATURE]: { onNewData: 'addAsLast', dataLimit: 80 },
          [STATUS]: { onNewData: 'upsert', keyField: 'id' },
        },
      },
    })
    expect(page.variables.latest).toMatchObject({
      service: 'plantsensors',
      routes: { datasets: { [TEMPERATURE]: { onNewData: 'upsert', keyField: 'id' } } },
    })
    expect(widget(page, 'latestTable').props.dataset).toBe(`bind:Variables.latest.datasets['${TEMPERATURE}']`)
    expect(widget(page, 'statusList').props.dataset).toBe(`bind:Variables.plants.datasets['${STATUS}']`)
    expect(widget(page, 'temperatureChart').props).toMatchObject({
      type: 'line',
      dataset: `bind:Variables.plants.datasets['${TEMPERATURE}']`,
      xField: 'time',
      yField: 'celsius',
      seriesField: 'id',
    })
  })

  it('says each plant’s state, moisture and time in its status item', () => {
    const scope = {
      currentItem: { id: 'fern', state: 'dry', moisture: 22, time: new Date(2024, 0, 1, 9, 8, 7).getTime() },
    }
    const evaluate = (name: string) =>
      compileExpression(String(widget(page, name).props.caption).slice(5)).evaluate(scope)
    expect(evaluate('statusText')).toBe('fern: dry')
    expect(evaluate('statusMeta')).toBe('soil moisture 22% at 09:08:07 AM')
  })
})

describe('the Chat Room page', () => {
  const { project, pages, services } = loadExample('chatroom')
  const page = pages.Main as PageDefinition

  it('needs a sign-in and connects as the signed-in user, sending the textarea text', () => {
    expect(project.security.enabled).toBe(true)
    expect(page.variables.chatroom).toMatchObject({
      category: 'websocket',
      service: 'chatroom',
      connectOnLoad: true,
      dataBinding: { username: 'bind:loggedInUser.dataSet.name', RequestBody: 'bind:Widgets.message.datavalue' },
    })
    expect(page.variables.employeeDetails).toMatchObject({
      category: 'crud',
      entity: 'employee',
      filter: { empId: 'bind:loggedInUser.dataSet.id' },
    })
    expect(page.variables.employeeData).toMatchObject({ category: 'crud', entity: 'employee' })
  })

  it('resumes after a reconnect with ?since=<newest id>, dropping duplicates, and never re-sends a draft', () => {
    const chatroom = page.variables.chatroom
    if (chatroom?.category !== 'websocket') throw new Error('chatroom is not a WebSocket variable')
    expect(chatroom).toMatchObject({
      onNewData: 'addAsLast',
      resume: { param: 'since', field: 'id' },
      // RequestBody is the textarea: an unsent draft must not be posted by a reconnect.
      resendRequestBodyOnReconnect: false,
    })
    const service = services.chatroom as { queryParams: { name: string; default?: string }[] }
    expect(service.queryParams).toMatchObject([{ name: 'username' }, { name: 'history', default: '50' }])
  })

  it('shows each message with its sender, picture (by lookup) and time as hh:mm:ss a', () => {
    const item = { id: 1, username: 'user2', message: '<b>hi</b>', time: new Date(2024, 0, 1, 9, 8, 7).getTime() }
    const scope = {
      currentItem: item,
      Variables: { employeeData: { dataSet: [{ username: 'user2', picurl: '/pictures/user2.svg' }] } },
    }
    const evaluate = (name: string, prop: string) =>
      compileExpression(String(widget(page, name).props[prop]).slice(5)).evaluate(scope)
    expect(evaluate('messageText', 'caption')).toBe('<b>hi</b>')
    expect(evaluate('messageMeta', 'caption')).toBe('by user2 at 09:08:07 AM')
    expect(evaluate('senderPicture', 'source')).toBe('/pictures/user2.svg')
    expect(widget(page, 'navbar').props).toMatchObject({
      title: 'Chat Room',
      image: 'bind:Variables.employeeDetails.firstRecord.picurl',
    })
    expect(widget(page, 'message').props.placeholder).toBe('Enter message here')
    expect(widget(page, 'messageColumn').props.width).toBe(10)
    expect(widget(page, 'sendColumn').props.width).toBe(2)
    expect(widget(page, 'send').props.icon).toBe('paper-plane')
    const sendThenClear = [{ call: 'chatroom.send' }, { setWidget: 'message', property: 'datavalue', value: '' }]
    expect(widget(page, 'send').events?.onClick).toEqual(sendThenClear)
    expect(widget(page, 'message').events?.onSubmit).toEqual(sendThenClear)
  })
})
