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

describe.each(['heartrate', 'chatroom'])('example project %s', (name) => {
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
      expect(String(definition.url)).toMatch(/^\/websocket\//)
      expect(() => defineWebSocketService(definition as never)).not.toThrow()
      const samples = definition.samples as { responses: unknown[] }
      expect(definition.schema).toEqual(inferSchema(samples.responses).jsonSchema)
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
