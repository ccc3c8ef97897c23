// @vitest-environment happy-dom
import { act, cleanup, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderPage } from '../page-view/test-support/harness.js'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

describe('Chart x range attributes', () => {
  it('exposes the shown x range as data-x-min / data-x-max, sorted, and follows new data', async () => {
    // happy-dom has no canvas: the chart reports that on the console and in the widget.
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const page = renderPage(
      {
        widgets: [
          {
            type: 'Chart',
            name: 'chart',
            props: { dataset: 'bind:Variables.hr.dataSet', xField: 'time', yField: 'value', xFormat: 'date:hh:mm:ss' },
          },
        ],
      },
      { fakes: ['hr'] },
    )
    const figure = () => page.container.querySelector('[data-widget="chart"]')
    await waitFor(() => expect(figure()?.getAttribute('data-points')).toBe('0'))
    expect(figure()?.hasAttribute('data-x-min')).toBe(false)
    expect(figure()?.hasAttribute('data-x-max')).toBe(false)

    const t0 = Date.UTC(2025, 0, 1, 8, 40, 0)
    await act(async () => {
      page.variables.hr!.push({ time: t0 + 1000, value: 80 })
      page.variables.hr!.push({ time: t0, value: 81 }) // out of order: the range is still min → max
      page.variables.hr!.push({ time: t0 + 500, value: 82 })
    })
    await waitFor(() => expect(figure()?.getAttribute('data-points')).toBe('3'))
    expect(figure()?.getAttribute('data-x-min')).toBe(String(t0))
    expect(figure()?.getAttribute('data-x-max')).toBe(String(t0 + 1000))

    await act(async () => page.variables.hr!.push({ time: t0 + 1500, value: 83 }))
    await waitFor(() => expect(figure()?.getAttribute('data-x-max')).toBe(String(t0 + 1500)))
    expect(figure()?.getAttribute('data-x-min')).toBe(String(t0))
    page.unmount()
  })
})
