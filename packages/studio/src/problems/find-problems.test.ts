import type { PageDefinition } from '@tether/runtime'
import { describe, expect, it } from 'vitest'
import type { ProjectContents } from '../api/studio-api.js'
import { findProblems, usersOfService, usersOfVariable } from './find-problems.js'

const contents = {
  project: {
    name: 'shop',
    homePage: 'Main',
    pages: ['Main'],
    variables: { ticker: { category: 'websocket', service: 'gone' } },
  },
  services: { prices: { name: 'prices', url: 'ws://h/prices' } },
  pages: {
    Main: {
      name: 'Main',
      variables: {
        quotes: { category: 'websocket', service: 'prices', onNewData: 'upsert' },
        feed: {
          category: 'websocket',
          service: 'prices',
          dataBinding: { RequestBody: 'bind:Widgets.missing.datavalue' },
        },
      },
      widgets: [
        {
          type: 'Panel',
          name: 'panel',
          props: {},
          children: [
            { type: 'Label', name: 'ok', props: { caption: 'bind:Variables.quotes.lastRecord.price' } },
            { type: 'Label', name: 'lost', props: { caption: 'bind:Variables.nothere.dataSet' } },
            { type: 'Label', name: 'broken', props: { caption: 'bind:Variables.quotes.(' } },
          ],
        },
      ],
    },
  },
} as unknown as ProjectContents

describe('findProblems', () => {
  it('finds missing services, upserts without a key, and bindings that break, each with where to fix it', () => {
    const found = findProblems(contents)
    expect(found.map((p) => p.message)).toEqual([
      'The app variable "ticker" uses the service "gone", which the project does not have.',
      'The variable on page Main "quotes" adds records by key (upsert) but names no key field.',
      'The variable on page Main "feed": its input "RequestBody" reads the widget "missing", which is not on the page.',
      'The widget "lost" on page Main: its caption reads the variable "nothere", which does not exist.',
      expect.stringMatching(/^The widget "broken" on page Main: its caption does not parse/),
    ])
    expect(found[0]?.fix).toEqual({ section: 'variables', path: [] })
    expect(found[1]?.fix).toEqual({ section: 'pages', path: ['Main'] })
  })

  it('lists the variables that use a service, before it is deleted', () => {
    expect(usersOfService(contents, 'prices')).toEqual([
      'the variable quotes on page Main',
      'the variable feed on page Main',
    ])
    expect(usersOfService(contents, 'other')).toEqual([])
  })
})

describe('findProblems and page scripts', () => {
  const page = (script: string | undefined) =>
    ({
      name: 'Chat',
      ...(script ? { script } : {}),
      variables: { chatroom: { category: 'websocket', service: 'prices', events: { onOpen: [{ script: 'opened' }] } } },
      widgets: [{ type: 'Button', name: 'send', props: {}, events: { onClick: [{ script: 'sendonClick' }] } }],
    }) as unknown as PageDefinition
  const withScript = (script: string | undefined, scripts: ProjectContents['scripts']) =>
    findProblems({
      ...contents,
      project: { ...contents.project, variables: {} },
      pages: { Chat: page(script) },
      scripts,
    }).map((p) => p.message)

  it('names a handler the page script does not export, and where to fix it', () => {
    const found = withScript('./scripts/Chat.js', { 'scripts/Chat.js': { handlers: ['opened'] } })
    expect(found).toEqual([
      'The widget "send" on page Chat: its onClick runs the handler "sendonClick", which scripts/Chat.js does not export.',
    ])
    expect(withScript('./scripts/Chat.js', { 'scripts/Chat.js': { handlers: ['opened', 'sendonClick'] } })).toEqual([])
  })

  it('says when the page has no script, the file is missing, or it does not parse', () => {
    expect(withScript(undefined, {})).toEqual([
      'The variable "chatroom" on page Chat: its onOpen runs the handler "opened", but the page has no script.',
      'The widget "send" on page Chat: its onClick runs the handler "sendonClick", but the page has no script.',
    ])
    expect(withScript('./scripts/Chat.js', { 'scripts/Chat.js': { missing: true } })[0]).toMatch(
      /but scripts\/Chat.js does not exist yet\.$/,
    )
    const broken = withScript('./scripts/Chat.js', {
      'scripts/Chat.js': { error: { message: 'Unexpected token', line: 2, column: 11 } },
    })
    expect(broken).toEqual([
      'The script scripts/Chat.js of page Chat has a syntax error at line 2, column 11: Unexpected token.',
    ])
  })
})

describe('usersOfVariable', () => {
  it('lists the widgets and variable inputs that read a variable, before it is deleted', () => {
    expect(usersOfVariable(contents.pages, 'quotes', 'Main')).toEqual(['the widget ok on page Main'])
    expect(usersOfVariable(contents.pages, 'quotes', 'Other')).toEqual([])
    expect(usersOfVariable(contents.pages, 'feed', 'Main')).toEqual([])
  })
})
