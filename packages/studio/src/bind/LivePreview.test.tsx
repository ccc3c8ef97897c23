// @vitest-environment happy-dom

import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { builtInWidgets, PageView } from '@tether/react'
import {
  createAppRuntime,
  createFrameScheduler,
  createPageRuntime,
  LoggedInUserVariable,
  type PageRuntime,
  validatePage,
} from '@tether/runtime'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket as NodeWebSocket } from 'ws'
import { startTestServer, type TestServer } from '../../../core/src/variable/test-support/ws-server.js'
import { BindDialog } from './BindDialog.js'
import { formatPreview } from './live-value.js'

let server: TestServer | null = null
const stops: (() => void)[] = []
afterEach(async () => {
  cleanup()
  for (const stop of stops.splice(0)) stop()
  await server?.kill()
  server = null
})

/** A page with one real WebSocket variable on a real `ws` server, as the canvas runs it. */
async function livePage(): Promise<PageRuntime> {
  server = await startTestServer()
  const app = createAppRuntime({
    project: { name: 'p', title: 'P', variables: {}, security: { enabled: false } },
    services: { heart: { name: 'heart', url: server.url('/heart') } },
    WebSocket: NodeWebSocket as unknown as typeof WebSocket,
    navigate: () => {},
    notify: () => {},
    loggedInUser: new LoggedInUserVariable({ isSecurityEnabled: false }),
    scheduler: createFrameScheduler((callback) => queueMicrotask(callback)),
  })
  const page = createPageRuntime(
    app,
    validatePage({
      name: 'Main',
      variables: { heart: { category: 'websocket', service: 'heart', onNewData: 'addAsLast' } },
      widgets: [],
    }),
  )
  stops.push(
    () => page.dispose(),
    () => app.dispose(),
  )
  await waitFor(() => expect(server?.clients.size).toBe(1))
  return page.runtime
}

function openDialog(live: PageRuntime | null, value = 'bind:Variables.heart.lastRecord.value') {
  render(
    <BindDialog
      target="label1.caption"
      mode="expression"
      value={value}
      context={{ pageVariables: {}, appVariables: {}, services: {}, widgets: [] }}
      forWidget={null}
      live={live}
      onApply={() => {}}
      onClose={() => {}}
    />,
  )
}

const preview = () => screen.getByTestId('live-preview').textContent
const setExpression = (text: string) =>
  fireEvent.change(screen.getByLabelText('Expression'), { target: { value: text } })

describe('bind dialog live preview', () => {
  it("shows the expression's current value from the live page and follows the stream", async () => {
    const runtime = await livePage()
    openDialog(runtime)
    expect(preview()).toBe('undefined')
    await act(async () => server?.broadcast(JSON.stringify({ time: 1, value: 95 })))
    await waitFor(() => expect(preview()).toBe('95'))
    await act(async () => server?.broadcast(JSON.stringify({ time: 2, value: 93 })))
    await waitFor(() => expect(preview()).toBe('93'))

    // Editing the expression re-reads at once; lists say how many items they hold.
    setExpression('Variables.heart.dataSet')
    expect(preview()).toBe('2 items: [{"time":1,"value":95},{"time":2,"value":93}]')
    setExpression("Variables.heart.lastRecord.value + ' bpm'")
    expect(preview()).toBe('93 bpm')
  })

  it('shows an evaluation error as text, and nothing for an expression that does not compile', async () => {
    const runtime = await livePage()
    openDialog(runtime, 'bind:Variables.heart.dataSet | noSuchFilter')
    expect(screen.getByTestId('live-preview').className).toContain('field-problem')
    expect(preview()).toMatch(/noSuchFilter/)
    setExpression('Variables.heart.(')
    expect(screen.queryByTestId('live-preview')).toBeNull()
  })

  it('says where live values come from when there is no canvas', () => {
    openDialog(null)
    expect(screen.queryByTestId('live-preview')).toBeNull()
    expect(screen.getByText(/Live values show when you bind from the page designer/)).toBeTruthy()
  })
})

describe('preview and runtime agree', () => {
  it('a binding previews the same text the page shows, through stream messages and a sign-in', async () => {
    server = await startTestServer()
    // A real /api/auth/me: anonymous until `signedIn` names someone. (The test document has another
    // origin, so it answers CORS as the studio's own server would not need to.)
    let signedIn: string | null = null
    const auth: Server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json')
      res.setHeader('access-control-allow-origin', '*')
      res.end(JSON.stringify(signedIn ? { user: { username: signedIn, id: 1 } } : { isAuthenticated: false }))
    })
    await new Promise<void>((resolve) => auth.listen(0, '127.0.0.1', resolve))
    stops.push(() => auth.close())
    const loggedInUser = new LoggedInUserVariable({
      isSecurityEnabled: true,
      url: `http://127.0.0.1:${(auth.address() as AddressInfo).port}/api/auth/me`,
    })
    const app = createAppRuntime({
      project: { name: 'p', title: 'P', variables: {}, security: { enabled: true } },
      services: { heart: { name: 'heart', url: server.url('/heart') } },
      WebSocket: NodeWebSocket as unknown as typeof WebSocket,
      navigate: () => {},
      notify: () => {},
      loggedInUser,
      scheduler: createFrameScheduler((callback) => queueMicrotask(callback)),
    })
    stops.push(() => app.dispose())
    // Bracket access reads loggedInUser as a whole, which the studio's own copy of the scope watched
    // and the runtime did not: the two must watch (and show) the same thing.
    const expression = "loggedInUser['dataSet'].name + ' at ' + Variables.heart.lastRecord.value"
    const page = validatePage({
      name: 'Main',
      variables: { heart: { category: 'websocket', service: 'heart', onNewData: 'addAsLast' } },
      widgets: [{ type: 'Label', name: 'shown', props: { caption: `bind:${expression}` } }],
    })
    let runtime: PageRuntime | null = null
    render(<PageView app={app} page={page} widgets={builtInWidgets} onRuntime={(r) => (runtime = r)} />)
    await waitFor(() => expect(server?.clients.size).toBe(1))
    openDialog(runtime, `bind:${expression}`)
    const label = () => document.querySelector('[data-widget="shown"]')?.textContent

    await act(async () => server?.broadcast(JSON.stringify({ time: 1, value: 95 })))
    await waitFor(() => expect(preview()).toMatch(/ at 95$/))
    expect(label()).toBe(preview())

    signedIn = 'user1'
    await act(() => loggedInUser.refresh())
    expect(loggedInUser.getSnapshot().status).toEqual({ state: 'ready', lastError: null })
    await waitFor(() => expect(preview()).toBe('user1 at 95'))
    await waitFor(() => expect(label()).toBe('user1 at 95'))
  })
})

describe('formatPreview', () => {
  it('renders text as is, other values as JSON, and cuts long ones', () => {
    expect(formatPreview('hello')).toBe('hello')
    expect(formatPreview(null)).toBe('null')
    expect(formatPreview(undefined)).toBe('undefined')
    expect(formatPreview({ a: 1 })).toBe('{"a":1}')
    expect(formatPreview([1])).toBe('1 item: [1]')
    const long = formatPreview('x'.repeat(1000), 20)
    expect(long).toHaveLength(20)
    expect(long.endsWith('…')).toBe(true)
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(formatPreview(cyclic)).toBe('[object Object]')
  })
})
