import { isTetherError } from '@tether/core'
import { describe, expect, it } from 'vitest'
import { checkProjectContents } from './project-contents.js'

const body = (main: unknown) => ({
  project: { name: 'p', homePage: 'Main', pages: ['Main'] },
  services: {},
  mocks: [],
  pages: { Main: main },
})

describe('project contents from the server', () => {
  it('are the runtime shapes, defaults applied', () => {
    const contents = checkProjectContents(body({ name: 'Main', widgets: [{ type: 'Label', name: 'l' }] }))
    expect(contents.project.security).toEqual({ enabled: false })
    expect(contents.project.variables).toEqual({})
    expect(contents.pages.Main?.variables).toEqual({})
    expect(contents.pages.Main?.widgets[0]?.props).toEqual({})
  })

  it('name the broken file and keep the paths at fault', () => {
    let thrown: unknown
    try {
      checkProjectContents(
        body({ name: 'Main', widgets: [{ type: 'Label', name: 'l', props: { caption: 'bind:(' } }] }),
      )
    } catch (error) {
      thrown = error
    }
    expect(isTetherError(thrown) && thrown.code).toBe('TETHER_INVALID_PAGE_DEFINITION')
    expect((thrown as Error).message).toMatch(/^pages\/Main\.page\.json: The page definition is invalid/)
    expect(isTetherError(thrown) && thrown.details.map((d) => d.path)).toEqual(['widgets[0].props.caption'])
  })
})
