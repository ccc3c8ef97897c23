import { validatePage, validateProject } from '@tether/runtime'
import { describe, expect, it } from 'vitest'
import type { ProjectContents } from '../api/studio-api.js'
import { applyVariableChange, removeVariable } from './save-variable.js'

const contents = (): ProjectContents => ({
  project: {
    name: 'p',
    homePage: 'Main',
    pages: ['Main', 'Other'],
    security: { enabled: false },
    variables: { user: { category: 'static', value: { n: 1 } } },
  },
  services: {},
  mocks: [],
  scripts: {},
  pages: {
    Main: {
      name: 'Main',
      variables: {
        a: { category: 'static', value: 1 },
        hr: { category: 'websocket', service: 's' },
        z: { category: 'static', value: 2 },
      },
      widgets: [
        { type: 'Label', name: 'l', props: { caption: 'bind:Variables.hr.lastRecord.value' } },
        { type: 'Label', name: 'u', props: { caption: 'bind:Variables.user.dataSet.n' } },
      ],
    },
    Other: {
      name: 'Other',
      variables: {},
      widgets: [{ type: 'Label', name: 'u2', props: { caption: 'bind:Variables.user.dataSet' } }],
    },
  },
})

describe('saving variables to the project files', () => {
  it('renames a page variable in place and rewrites its page bindings', () => {
    const files = applyVariableChange(contents(), {
      name: 'heartrate',
      scope: 'page',
      page: 'Main',
      definition: { category: 'websocket', service: 's', onNewData: 'addAsLast' },
      previous: { name: 'hr', scope: 'page', page: 'Main' },
    })
    expect(Object.keys(files.pages.Main?.variables ?? {})).toEqual(['a', 'heartrate', 'z'])
    expect(files.pages.Main?.widgets[0]?.props.caption).toBe('bind:Variables.heartrate.lastRecord.value')
    expect([...files.changed]).toEqual(['Main'])
  })

  it('renames an app variable in every page and writes the project file', () => {
    const files = applyVariableChange(contents(), {
      name: 'account',
      scope: 'app',
      page: null,
      definition: { category: 'static', value: { n: 1 } },
      previous: { name: 'user', scope: 'app', page: null },
    })
    expect(Object.keys(files.project.variables)).toEqual(['account'])
    expect(files.pages.Main?.widgets[1]?.props.caption).toBe('bind:Variables.account.dataSet.n')
    expect(files.pages.Other?.widgets[0]?.props.caption).toBe('bind:Variables.account.dataSet')
    expect(new Set(files.changed)).toEqual(new Set(['(project)', 'Main', 'Other']))
  })

  it('moves a variable from a page to the app and creates new ones', () => {
    const moved = applyVariableChange(contents(), {
      name: 'a',
      scope: 'app',
      page: null,
      definition: { category: 'static', value: 1 },
      previous: { name: 'a', scope: 'page', page: 'Main' },
    })
    expect(moved.pages.Main?.variables).not.toHaveProperty('a')
    expect(moved.project.variables).toHaveProperty('a')
    const created = applyVariableChange(contents(), {
      name: 'n',
      scope: 'page',
      page: 'Other',
      definition: { category: 'static', value: [] },
      previous: null,
    })
    expect(created.pages.Other?.variables).toEqual({ n: { category: 'static', value: [] } })
    expect(() =>
      applyVariableChange(contents(), {
        name: 'n',
        scope: 'page',
        page: 'Nope',
        definition: { category: 'static', value: [] },
        previous: null,
      }),
    ).toThrow(/no page "Nope"/)
  })

  it('removes a variable from its file only', () => {
    const files = removeVariable(contents(), { name: 'hr', scope: 'page', page: 'Main' })
    expect(Object.keys(files.pages.Main?.variables ?? {})).toEqual(['a', 'z'])
    expect([...files.changed]).toEqual(['Main'])
  })

  it('writes routes into the page or project file, where the runtime schema accepts them', () => {
    const routes = {
      field: 'type',
      datasets: { trade: { dataLimit: 50 }, 'price-update': { onNewData: 'refresh' as const } },
    }
    const definition = { category: 'websocket' as const, service: 's', routes }
    const page = applyVariableChange(contents(), { name: 'm', scope: 'page', page: 'Main', definition, previous: null })
    expect(validatePage(page.pages.Main).variables.m).toEqual(definition)
    const app = applyVariableChange(contents(), { name: 'm', scope: 'app', page: null, definition, previous: null })
    expect(validateProject(app.project).variables.m).toEqual(definition)
  })
})
