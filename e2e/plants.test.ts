// Journey: someone opens Plant sensors (MQTT, from the server's own demo broker) and watches the
// plants: a row per plant updating in place, a line per plant growing, a status per plant.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  hasChromium,
  saveScreenshot,
  useExamplesInChromium,
  waitForConnection,
  waitUntil,
  watchPageErrors,
} from './support/harness.js'

const PLANTS = ['basil', 'cactus', 'fern', 'orchid']

interface View {
  rows: { plant: string; celsius: string; time: string }[]
  points: number
  series: number
  statuses: string[]
  canvas: string
}

function readView(page: Page): Promise<View> {
  return page.evaluate(() => {
    const rows = [...document.querySelectorAll('[data-widget="latestTable"] tbody tr:not([aria-hidden])')].map((tr) => {
      const [plant, celsius, time] = [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')
      return { plant: plant ?? '', celsius: celsius ?? '', time: time ?? '' }
    })
    const chart = document.querySelector('[data-widget="temperatureChart"]')
    return {
      rows,
      points: Number(chart?.getAttribute('data-points') ?? -1),
      series: Number(chart?.getAttribute('data-series') ?? -1),
      statuses: [...document.querySelectorAll('[data-widget="statusText"]')].map((e) => e.textContent?.trim() ?? ''),
      canvas: chart?.querySelector('canvas')?.toDataURL() ?? '',
    }
  })
}

/** The app's script chunks the page fetched, by file name (`mqtt-BqNSxlv7.js`). */
function watchScripts(page: Page): string[] {
  const scripts: string[] = []
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname
    if (path.endsWith('.js')) scripts.push(path.split('/').at(-1) ?? path)
  })
  return scripts
}

describe.skipIf(!hasChromium())('Plant sensors in Chromium', () => {
  const journey = useExamplesInChromium()

  it('shows a row per plant updating in place, a growing line per plant and each plant’s status', async () => {
    const context = await journey.browser.newContext({ viewport: { width: 1440, height: 900 } })
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    const scripts = watchScripts(page)
    await page.goto(`${journey.server.baseUrl}/`)
    await page.click('a[href="/apps/plants/"]')
    await waitForConnection(page, 'open')
    expect(await page.title()).toBe('Plant sensors')

    // One row per plant (upsert by id); every plant's time moves on while the rows stay four.
    const first = await waitUntil('a row for every plant', async () => {
      const view = await readView(page)
      return view.rows.length === 4 ? view : undefined
    })
    expect(first.rows.map((row) => row.plant).sort()).toEqual(PLANTS)
    const pointCounts: number[] = []
    const updated = await waitUntil(
      'every plant’s row to update and the chart to hold 16 points',
      async () => {
        const view = await readView(page)
        if (pointCounts.at(-1) !== view.points) pointCounts.push(view.points)
        const moved = PLANTS.every((plant) => {
          const before = first.rows.find((row) => row.plant === plant)
          const now = view.rows.find((row) => row.plant === plant)
          return before && now && now.time !== before.time
        })
        return moved && view.points >= 16 ? view : undefined
      },
      30_000,
    )
    expect(updated.rows).toHaveLength(4)
    expect(updated.rows.map((row) => row.plant).sort()).toEqual(PLANTS)
    for (const row of updated.rows) {
      expect(Number(row.celsius)).toBeGreaterThanOrEqual(12)
      expect(Number(row.celsius)).toBeLessThanOrEqual(38)
      expect(row.time).toMatch(/^\d{2}:\d{2}:\d{2} (AM|PM)$/)
    }

    // The chart: one line per plant, its points only growing (80 at most), its picture changing.
    expect(updated.series).toBe(4)
    for (let i = 1; i < pointCounts.length; i++) expect(pointCounts[i]).toBeGreaterThan(pointCounts[i - 1] as number)
    expect(pointCounts.length).toBeGreaterThan(2)
    expect(Math.max(...pointCounts)).toBeLessThanOrEqual(80)
    expect(updated.canvas).not.toBe('')
    expect(updated.canvas).not.toBe(first.canvas)

    // The status list: one item per plant, each in one of the three states.
    expect(updated.statuses).toHaveLength(4)
    for (const status of updated.statuses) expect(status).toMatch(/^(basil|cactus|fern|orchid): (ok|dry|hot)$/)
    expect(updated.statuses.map((status) => status.split(':')[0]).sort()).toEqual(PLANTS)

    // MQTT's code is a chunk of its own, fetched by this app only.
    expect(scripts.some((name) => name.startsWith('mqtt-'))).toBe(true)
    await saveScreenshot(page, 'plants.png')
    expect(errors).toEqual([])

    const heartrate = await context.newPage()
    const heartrateScripts = watchScripts(heartrate)
    await heartrate.goto(`${journey.server.baseUrl}/apps/heartrate/`)
    await waitForConnection(heartrate, 'open')
    await heartrate.locator('[data-widget="readingsTable"] tbody tr').first().waitFor()
    expect(heartrateScripts.length).toBeGreaterThan(0)
    expect(heartrateScripts.filter((name) => name.startsWith('mqtt-'))).toEqual([])
    await context.close()
  }, 90_000)

  it('fits a phone: nothing scrolls sideways, the table and the status list stack above the chart', async () => {
    const context = await journey.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    await page.goto(`${journey.server.baseUrl}/apps/plants/`)
    await waitForConnection(page, 'open')
    await waitUntil('every plant in the table, the list and the chart', async () => {
      const view = await readView(page)
      return view.rows.length === 4 && view.statuses.length === 4 && view.series === 4 && view.points >= 8
    })
    const layout = await page.evaluate(() => {
      const box = (name: string) => document.querySelector(`[data-widget="${name}"]`)?.getBoundingClientRect()
      const canvas = document.querySelector('[data-widget="temperatureChart"] canvas')?.getBoundingClientRect()
      return {
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        tableRight: box('latestTable')?.right ?? Number.NaN,
        statusBottom: box('statusPanel')?.bottom ?? Number.NaN,
        chartTop: box('temperatureChart')?.top ?? Number.NaN,
        chartRight: box('temperatureChart')?.right ?? Number.NaN,
        canvasRight: canvas?.right ?? Number.NaN,
      }
    })
    expect(layout.innerWidth).toBe(390)
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth)
    expect(layout.tableRight).toBeLessThanOrEqual(layout.innerWidth)
    expect(layout.chartTop).toBeGreaterThanOrEqual(layout.statusBottom) // stacked, not side by side
    expect(layout.chartRight).toBeLessThanOrEqual(layout.innerWidth)
    expect(layout.canvasRight).toBeLessThanOrEqual(layout.innerWidth)
    await saveScreenshot(page, 'plants-phone.png')
    expect(errors).toEqual([])
    await context.close()
  }, 60_000)
})
