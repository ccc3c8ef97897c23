// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react'
import {
  createAppRuntime,
  createFrameScheduler,
  LoggedInUserVariable,
  type PageDefinition,
  type PageRuntime,
} from '@tether/runtime'
import { afterEach, describe, expect, it } from 'vitest'
import { builtInWidgets } from '../widgets/index.js'
import { PageView } from './PageView.js'

afterEach(cleanup)

const page: PageDefinition = {
  name: 'Main',
  variables: { greeting: { category: 'static', value: 'hello' } },
  widgets: [{ type: 'Label', name: 'label', props: { caption: 'bind:Variables.greeting.dataSet' } }],
}

describe('PageView onRuntime', () => {
  it('reports the page runtime once it starts and null when it stops, without restarting for a new callback', async () => {
    const app = createAppRuntime({
      project: { name: 'p', variables: {}, security: { enabled: false } },
      services: {},
      loggedInUser: new LoggedInUserVariable({ isSecurityEnabled: false }),
      navigate: () => {},
      notify: () => {},
      // Flush binding updates on a microtask: happy-dom has no animation frames.
      scheduler: createFrameScheduler((callback) => queueMicrotask(callback)),
    })
    const reported: (PageRuntime | null)[] = []
    const view = render(<PageView app={app} page={page} widgets={builtInWidgets} onRuntime={(r) => reported.push(r)} />)
    await view.findByText('hello')
    expect(reported).toHaveLength(1)
    expect(reported[0]?.variables.find('greeting')).toBeTruthy()

    // A new callback (as a parent re-render gives) is used from then on, but the page keeps running.
    const later: (PageRuntime | null)[] = []
    view.rerender(<PageView app={app} page={page} widgets={builtInWidgets} onRuntime={(r) => later.push(r)} />)
    expect(reported).toHaveLength(1)
    view.unmount()
    expect(later).toEqual([null])
    app.dispose()
  })
})
