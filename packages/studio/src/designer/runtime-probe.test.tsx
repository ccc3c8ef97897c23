// @vitest-environment happy-dom

import { cleanup, render, screen, waitFor } from '@testing-library/react'
import {
  createAppRuntime,
  createFrameScheduler,
  LoggedInUserVariable,
  type PageRuntime,
  validatePage,
} from '@tether/react'
import { afterEach, describe, expect, it } from 'vitest'
import { Canvas } from './Canvas.js'

afterEach(cleanup)

const app = () =>
  createAppRuntime({
    project: { name: 'p', title: 'P', variables: {}, security: { enabled: false } },
    services: {},
    navigate: () => {},
    notify: () => {},
    loggedInUser: new LoggedInUserVariable({ isSecurityEnabled: false }),
    scheduler: createFrameScheduler((callback) => queueMicrotask(callback)),
  })

function renderCanvas(widgets: unknown[], reported: (PageRuntime | null)[]) {
  const page = validatePage({
    name: 'Main',
    variables: { reading: { category: 'static', value: { value: 72 } } },
    widgets,
  })
  return render(
    <Canvas
      page={page}
      app={app()}
      selected={null}
      onSelect={() => {}}
      dragging={null}
      onDrop={() => {}}
      onRuntime={(runtime) => reported.push(runtime)}
    />,
  )
}

describe('canvas runtime probe', () => {
  it("reports the live page's runtime, even before any widget is dropped, and null when it stops", async () => {
    const reported: (PageRuntime | null)[] = []
    const view = renderCanvas([], reported)
    expect(screen.getByText('Drop widgets here')).toBeTruthy()
    await waitFor(() => expect(reported.at(-1)).toBeTruthy())
    expect(reported.at(-1)?.variables.snapshot().reading).toMatchObject({ dataSet: { value: 72 } })
    view.unmount()
    expect(reported.at(-1)).toBeNull()
  })

  it('renders nothing of its own among the widgets', async () => {
    const reported: (PageRuntime | null)[] = []
    const view = renderCanvas(
      [{ type: 'Label', name: 'bpm', props: { caption: 'bind:Variables.reading.dataSet.value' } }],
      reported,
    )
    await waitFor(() => expect(view.container.querySelector('[data-widget="bpm"]')?.textContent).toBe('72'))
    expect(screen.queryByRole('alert')).toBeNull()
    expect(view.container.querySelector('.tether-page')?.children).toHaveLength(1)
    expect(reported.at(-1)?.page.name).toBe('Main')
  })
})
