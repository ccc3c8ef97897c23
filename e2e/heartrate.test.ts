// Journey: someone opens the Heartrate Monitor and watches readings stream in for a while.
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

interface View {
  rows: { time: string; value: string }[]
  points: number
  /** The chart's x range (epoch ms), from its data-x-min / data-x-max attributes; NaN when empty. */
  xMin: number
  xMax: number
  lastTime: string
  lastValue: string
  canvas: string
}

/** One consistent look at the page: table rows, chart size and picture, last-recorded labels. */
function readView(page: Page): Promise<View> {
  return page.evaluate(() => {
    const text = (selector: string) => document.querySelector(selector)?.textContent?.trim() ?? ''
    const rows = [...document.querySelectorAll('[data-widget="readingsTable"] tbody tr:not([aria-hidden])')].map(
      (tr) => {
        const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')
        return { time: cells[0] ?? '', value: cells[1] ?? '' }
      },
    )
    const chart = document.querySelector('[data-widget="heartrateChart"]')
    const canvas = chart?.querySelector('canvas')
    return {
      rows,
      points: Number(chart?.getAttribute('data-points') ?? -1),
      xMin: Number(chart?.getAttribute('data-x-min') ?? Number.NaN),
      xMax: Number(chart?.getAttribute('data-x-max') ?? Number.NaN),
      lastTime: text('[data-widget="lastTime"]'),
      lastValue: text('[data-widget="lastValue"]'),
      canvas: canvas ? canvas.toDataURL() : '',
    }
  })
}

/**
 * Contrast ratio (WCAG 2) of the navbar connection label's text against the navbar behind it, from
 * their computed colours.
 */
function connectionContrast(page: Page): Promise<number> {
  return page.evaluate(() => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number)
    const luminance = (css: string) => {
      const [r = 0, g = 0, b = 0] = rgb(css).map((v) => {
        const c = v / 255
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
      })
      return 0.2126 * r + 0.7152 * g + 0.0722 * b
    }
    const label = document.querySelector('[data-widget="connection"] .tether-connection-label')
    const navbar = document.querySelector('[data-widget="navbar"]')
    if (!label || !navbar) return 0
    const [a, b] = [getComputedStyle(label).color, getComputedStyle(navbar).backgroundColor].map(luminance)
    return (Math.max(a as number, b as number) + 0.05) / (Math.min(a as number, b as number) + 0.05)
  })
}

/** `03:04:05 PM` → seconds since midnight. */
function secondsOfDay(time: string): number {
  const match = /^(\d{2}):(\d{2}):(\d{2}) (AM|PM)$/.exec(time)
  if (!match) throw new Error(`not an hh:mm:ss a time: "${time}"`)
  const [, h, m, s, half] = match
  return ((Number(h) % 12) + (half === 'PM' ? 12 : 0)) * 3600 + Number(m) * 60 + Number(s)
}

describe.skipIf(!hasChromium())('Heartrate Monitor in Chromium', () => {
  const journey = useExamplesInChromium()

  it('streams readings into the table, the chart and the last-recorded labels, keeping the last 20', async () => {
    const context = await journey.browser.newContext({ viewport: { width: 1280, height: 860 } })
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    // From the landing page, as a visitor would.
    await page.goto(`${journey.server.baseUrl}/`)
    await page.click('a[href="/apps/heartrate/"]')
    await waitForConnection(page, 'open')
    expect(await page.title()).toBe('Heartrate Monitor')

    // Watch until the dataset is full, then a few readings more: counts only grow, one reading at a
    // time, and never pass 20.
    const counts: number[] = []
    const pointCounts: number[] = []
    // The chart's left edge each time it changed while the chart held 20 points.
    const fullXMins: number[] = []
    let full: View | undefined
    const sawEnough = await waitUntil(
      'the table to fill to 20 rows and then move on',
      async () => {
        const view = await readView(page)
        if (counts.at(-1) !== view.rows.length) counts.push(view.rows.length)
        if (pointCounts.at(-1) !== view.points) pointCounts.push(view.points)
        if (view.points === 20 && fullXMins.at(-1) !== view.xMin) fullXMins.push(view.xMin)
        if (!full && view.rows.length === 20) full = view
        // Three readings after the table filled up, its first row has moved on by at least one, and
        // the chart's left edge has moved at least three times.
        return full &&
          view.rows.length === 20 &&
          fullXMins.length >= 4 &&
          view.rows[0]?.time !== full.rows[0]?.time &&
          secondsOfDay(view.rows[19]?.time ?? '') - secondsOfDay(full.rows[19]?.time ?? '') >= 2
          ? view
          : undefined
      },
      25_000,
    )

    expect(Math.max(...counts)).toBe(20)
    expect(counts.at(-1)).toBe(20)
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThan(counts[i - 1] as number)
    // Several intermediate sizes were seen: rows arrived one after another, not all at once.
    expect(counts.filter((n) => n > 0 && n < 20).length).toBeGreaterThan(3)

    // The chart grows with the data and then keeps 20 points while its picture keeps changing (scrolls).
    expect(Math.max(...pointCounts)).toBe(20)
    for (let i = 1; i < pointCounts.length; i++) expect(pointCounts[i]).toBeGreaterThan(pointCounts[i - 1] as number)
    expect(sawEnough.points).toBe(20)
    expect(sawEnough.canvas).not.toBe('')
    expect(sawEnough.canvas).not.toBe(full?.canvas)
    // Scrolling, measured: with 20 points shown, every new reading moves the x range to the right.
    expect(fullXMins.length).toBeGreaterThanOrEqual(4)
    for (const xMin of fullXMins) expect(Number.isFinite(xMin)).toBe(true)
    for (let i = 1; i < fullXMins.length; i++) expect(fullXMins[i]).toBeGreaterThan(fullXMins[i - 1] as number)
    // The range is the 20 readings' own span (about 9.5 s), not a growing window.
    expect(sawEnough.xMax - sawEnough.xMin).toBeGreaterThanOrEqual(8_000)
    expect(sawEnough.xMax - sawEnough.xMin).toBeLessThanOrEqual(12_000)

    // The x axis reads as clock times, one label per tick (its canvas labels, from data-x-ticks).
    const ticks = (await page.getAttribute('[data-widget="heartrateChart"]', 'data-x-ticks'))?.split(' | ') ?? []
    expect(ticks.length).toBeGreaterThan(1)
    for (const tick of ticks) expect(tick).toMatch(/^\d{2}:\d{2}:\d{2}$/)

    // Readings are about half a second apart: 20 consecutive ones span about 9.5 s of their own timestamps.
    const span = secondsOfDay(sawEnough.rows[19]?.time ?? '') - secondsOfDay(sawEnough.rows[0]?.time ?? '')
    expect(span).toBeGreaterThanOrEqual(8)
    expect(span).toBeLessThanOrEqual(12)
    for (const row of sawEnough.rows) {
      expect(row.time).toMatch(/^\d{2}:\d{2}:\d{2} (AM|PM)$/)
      expect(Number(row.value)).toBeGreaterThanOrEqual(60)
      expect(Number(row.value)).toBeLessThanOrEqual(100)
    }

    // The last-recorded labels follow the newest reading (the table's last row), reading after reading.
    const followed: string[] = []
    await waitUntil(
      'the last-recorded labels to match the newest row for three different readings',
      async () => {
        const view = await readView(page)
        const newest = view.rows.at(-1)
        if (newest && view.lastTime === newest.time && view.lastValue === newest.value) {
          const key = `${newest.time}|${newest.value}|${view.rows[0]?.time}`
          if (followed.at(-1) !== key) followed.push(key)
        }
        return followed.length >= 3
      },
      15_000,
    )
    expect(await page.textContent('[data-widget="lastTimeTitle"]')).toBe('Last Recorded Time:')
    expect(await page.textContent('[data-widget="lastValueTitle"]')).toBe('Last Recorded Value:')

    // The navbar's connection status reads well on the dark bar (WCAG AA: at least 4.5:1).
    expect(await connectionContrast(page)).toBeGreaterThanOrEqual(4.5)

    await saveScreenshot(page, 'heartrate.png')
    expect(errors).toEqual([])
    await context.close()
  }, 60_000)

  it('fits a phone: nothing scrolls sideways and the table stacks above the chart', async () => {
    const context = await journey.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    await page.goto(`${journey.server.baseUrl}/apps/heartrate/`)
    await waitForConnection(page, 'open')
    await waitUntil('a few readings on the chart', async () => (await readView(page)).points >= 3)
    const layout = await page.evaluate(() => {
      const box = (name: string) => document.querySelector(`[data-widget="${name}"]`)?.getBoundingClientRect()
      const table = box('readingsPanel')
      const chart = box('heartrateChart')
      const canvas = document.querySelector('[data-widget="heartrateChart"] canvas')?.getBoundingClientRect()
      return {
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        tableBottom: table?.bottom ?? Number.NaN,
        chartTop: chart?.top ?? Number.NaN,
        chartRight: chart?.right ?? Number.NaN,
        canvasRight: canvas?.right ?? Number.NaN,
      }
    })
    expect(layout.innerWidth).toBe(390)
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth)
    expect(layout.chartTop).toBeGreaterThanOrEqual(layout.tableBottom) // stacked, not side by side
    expect(layout.chartRight).toBeLessThanOrEqual(layout.innerWidth)
    expect(layout.canvasRight).toBeLessThanOrEqual(layout.innerWidth)
    expect(errors).toEqual([])
    await context.close()
  }, 30_000)
})
