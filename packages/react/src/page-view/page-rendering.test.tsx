// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { builtInWidgets } from '../widgets/index.js'
import { renderPage } from './test-support/harness.js'
import type { WidgetProps } from './widget-types.js'

afterEach(() => cleanup())

const counter = { renders: 0 }
function CountingLabel(props: WidgetProps) {
  counter.renders++
  return builtInWidgets.Label!(props)
}
function Exploding(): never {
  throw new Error('kaboom')
}

describe('page rendering and bindings', () => {
  it('re-renders a bound Label only when the value it binds to changes', async () => {
    counter.renders = 0
    const page = renderPage(
      { widgets: [{ type: 'CountingLabel', name: 'last', props: { caption: 'bind:Variables.hr.lastRecord.value' } }] },
      { fakes: ['hr'], widgets: { ...builtInWidgets, CountingLabel } },
    )
    const hr = page.variables.hr!
    await screen.findByText('', { selector: '[data-widget="last"]' })
    const initial = counter.renders

    await act(async () => hr.push({ time: 1, value: 80 }))
    await waitFor(() => expect(page.container.querySelector('[data-widget="last"]')?.textContent).toBe('80'))
    expect(counter.renders).toBe(initial + 1)

    // Same value in new records (and a new dataSet each time): nothing this label reads changed.
    await act(async () => {
      hr.push({ time: 2, value: 80 })
      hr.push({ time: 3, value: 80 })
    })
    await act(async () => {})
    expect(counter.renders).toBe(initial + 1)

    await act(async () => hr.push({ time: 4, value: 95 }))
    await waitFor(() => expect(page.container.querySelector('[data-widget="last"]')?.textContent).toBe('95'))
    expect(counter.renders).toBe(initial + 2)
    page.unmount()
  })

  it('batches a burst of updates into one evaluation per flush', async () => {
    counter.renders = 0
    const page = renderPage(
      { widgets: [{ type: 'CountingLabel', name: 'count', props: { caption: 'bind:Variables.hr.dataSet.length' } }] },
      { fakes: ['hr'], widgets: { ...builtInWidgets, CountingLabel } },
    )
    await screen.findByText('0')
    const before = counter.renders
    await act(async () => {
      for (let i = 0; i < 100; i++) page.variables.hr!.push({ value: i })
    })
    await screen.findByText('100')
    expect(counter.renders).toBe(before + 1)
    page.unmount()
  })

  it('renders message content as text only, never as HTML', async () => {
    const page = renderPage(
      {
        widgets: [
          {
            type: 'List',
            name: 'messages',
            props: { dataset: 'bind:Variables.chat.dataSet' },
            children: [{ type: 'Label', name: 'text', props: { caption: 'bind:item.message' } }],
          },
        ],
      },
      { fakes: ['chat'] },
    )
    const hostile = '<img src=x onerror=alert(1)>'
    await act(async () => page.variables.chat!.push({ username: 'user2', message: hostile }))
    await screen.findByText(hostile)
    expect(page.container.querySelector('img')).toBeNull()
    page.unmount()
  })

  it('shows an expression error inside the widget and on the console, and keeps the page', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const page = renderPage({
      widgets: [
        { type: 'Label', name: 'broken', props: { caption: "bind:Variables.x.dataSet | noSuchFilter:'a'" } },
        { type: 'Label', name: 'fine', props: { caption: 'still here' } },
      ],
    })
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('broken.caption')
    expect(screen.getByText('still here')).toBeTruthy()
    expect(errors).toHaveBeenCalled()
    errors.mockRestore()
    page.unmount()
  })

  it('shows a widget that throws as an error in place (error boundary per widget)', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const page = renderPage(
      {
        widgets: [
          { type: 'Exploding', name: 'bad', props: {} },
          { type: 'Label', name: 'ok', props: { caption: 'survivor' } },
        ],
      },
      { widgets: { ...builtInWidgets, Exploding } },
    )
    expect((await screen.findByRole('alert')).textContent).toContain('bad: kaboom')
    expect(screen.getByText('survivor')).toBeTruthy()
    errors.mockRestore()
    page.unmount()
  })

  it('Textarea: Enter runs onSubmit (send, then clear), Shift+Enter does not', async () => {
    const page = renderPage(
      {
        widgets: [
          {
            type: 'Textarea',
            name: 'message',
            props: { placeholder: 'Enter message here' },
            events: { onSubmit: [{ call: 'chat.send' }, { setWidget: 'message', property: 'datavalue', value: '' }] },
          },
          { type: 'Label', name: 'echo', props: { caption: 'bind:Widgets.message.datavalue' } },
        ],
      },
      { fakes: ['chat'] },
    )
    const box = (await screen.findByPlaceholderText('Enter message here')) as HTMLTextAreaElement
    fireEvent.change(box, { target: { value: 'hello' } })
    await waitFor(() => expect(page.container.querySelector('[data-widget="echo"]')?.textContent).toBe('hello'))
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true })
    await act(async () => {})
    expect(page.variables.chat!.sent).toEqual([])
    fireEvent.keyDown(box, { key: 'Enter' })
    await waitFor(() => expect(page.variables.chat!.sent).toEqual(['send']))
    await waitFor(() => expect(box.value).toBe(''))
    page.unmount()
  })

  it('Button click runs its actions; a failing action becomes a notification', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const page = renderPage({
      widgets: [
        {
          type: 'Button',
          name: 'go',
          props: { caption: 'Go', icon: 'paper-plane' },
          events: { onClick: [{ navigate: 'Other' }] },
        },
        { type: 'Button', name: 'bad', props: { caption: 'Bad' }, events: { onClick: [{ call: 'missing.send' }] } },
      ],
    })
    fireEvent.click(await screen.findByText('Go'))
    expect(page.navigations).toEqual(['Other'])
    expect(page.container.querySelector('[data-icon="paper-plane"]')).not.toBeNull()
    fireEvent.click(screen.getByText('Bad'))
    // The user reads a plain sentence; the developer's reason is on the console.
    await waitFor(() => expect(page.notifications[0]?.message).toBe('Something went wrong. Try again in a moment.'))
    expect(String(errors.mock.calls[0]?.[2])).toContain('no variable named "missing"')
    errors.mockRestore()
    page.unmount()
  })

  it('Picture refuses javascript: URLs and shows http(s) and data:image ones', async () => {
    const page = renderPage({
      widgets: [
        { type: 'Picture', name: 'evil', props: { source: 'javascript:alert(1)' } },
        { type: 'Picture', name: 'good', props: { source: 'https://example.com/a.png' } },
      ],
    })
    await waitFor(() => expect(page.container.querySelector('[data-widget="evil"]')).not.toBeNull())
    const evil = page.container.querySelector('[data-widget="evil"]')!
    expect(evil.tagName).toBe('SPAN')
    expect(evil.getAttribute('title')).toContain('refused')
    expect(page.container.querySelector('[data-widget="good"]')?.getAttribute('src')).toBe('https://example.com/a.png')
    page.unmount()
  })

  it('DataTable shows formatted columns, pages, sorts, and the empty and error states', async () => {
    const page = renderPage(
      {
        widgets: [
          {
            type: 'DataTable',
            name: 'table',
            props: {
              dataset: 'bind:Variables.hr.dataSet',
              pageSize: 2,
              columns: [
                { field: 'value', title: 'Value', format: 'number:1' },
                { field: 'name', title: 'Name' },
              ],
            },
          },
        ],
      },
      { fakes: ['hr'] },
    )
    await screen.findByText('No data yet.')
    await act(async () => {
      page.variables.hr!.push({ value: 3, name: 'c' })
      page.variables.hr!.push({ value: 1, name: 'a' })
      page.variables.hr!.push({ value: 2, name: 'b' })
    })
    await screen.findByText('3.0')
    const cells = () => [...page.container.querySelectorAll('tbody td')].map((td) => td.textContent)
    expect(cells()).toEqual(['3.0', 'c', '1.0', 'a'])
    expect(screen.getByText('Page 1 of 2')).toBeTruthy()
    fireEvent.click(screen.getByText('Name'))
    await waitFor(() => expect(cells()).toEqual(['1.0', 'a', '2.0', 'b']))
    fireEvent.click(screen.getByText('Next'))
    await waitFor(() => expect(cells()).toEqual(['3.0', 'c']))
    await act(async () => page.variables.hr!.fail('Connection refused by ws://127.0.0.1:1/feed'))
    expect((await screen.findByRole('alert')).textContent).toBe(
      "Couldn't connect to the live data. Check your connection; the app keeps trying.",
    )
    page.unmount()
  })

  it('ConnectionStatus shows state, attempts and the last error', async () => {
    const page = renderPage(
      { widgets: [{ type: 'ConnectionStatus', name: 'status', props: { variable: 'hr' } }] },
      { fakes: ['hr'] },
    )
    await screen.findByText('Live')
    await act(async () => page.variables.hr!.fail('Connection refused by ws://127.0.0.1:1/feed'))
    await screen.findByText('Connection failed')
    expect(screen.getByText('attempt 3')).toBeTruthy()
    expect(
      screen.getByText("Couldn't connect to the live data. Check your connection; the app keeps trying."),
    ).toBeTruthy()
    expect(page.container.textContent).not.toContain('ws://')
    page.unmount()
  })

  it("the studio's preview adds a collapsible Details line with the code", async () => {
    const page = renderPage(
      { widgets: [{ type: 'ConnectionStatus', name: 'status', props: { variable: 'hr' } }] },
      { fakes: ['hr'], showErrorDetails: true },
    )
    await screen.findByText('Live')
    await act(async () => page.variables.hr!.fail('Connection refused by ws://127.0.0.1:1/feed'))
    const details = await screen.findByText('Details')
    expect(details.closest('details')?.textContent).toContain(
      'TETHER_CONNECT_FAILED: Connection refused by ws://127.0.0.1:1/feed',
    )
    page.unmount()
  })

  it('static variables, loggedInUser and layout widgets render', async () => {
    const page = renderPage({
      variables: { greeting: { category: 'static', value: 'Hi' } },
      widgets: [
        {
          type: 'Layout',
          name: 'layout',
          props: {},
          children: [
            { type: 'Navbar', name: 'nav', props: { title: 'Chat Room', image: 'javascript:alert(1)' } },
            {
              type: 'GridRow',
              name: 'row',
              props: {},
              children: [
                {
                  type: 'GridColumn',
                  name: 'col1',
                  props: { width: 10 },
                  children: [{ type: 'Label', name: 'g', props: { caption: 'bind:Variables.greeting.dataSet' } }],
                },
                {
                  type: 'GridColumn',
                  name: 'col2',
                  props: { width: 2 },
                  children: [{ type: 'Label', name: 'u', props: { caption: 'bind:loggedInUser.dataSet.name' } }],
                },
              ],
            },
          ],
        },
      ],
    })
    await screen.findByText('Hi')
    expect(screen.getByText('user1')).toBeTruthy()
    expect(screen.getByText('Chat Room')).toBeTruthy()
    expect(page.container.querySelector('.tether-navbar img')).toBeNull()
    expect(page.container.querySelector('[data-widget="col1"]')?.getAttribute('data-width')).toBe('10')
    page.unmount()
  })
})
