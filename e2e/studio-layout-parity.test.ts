// Journey: what the canvas shows is what runs. Two labels dropped on a page sit on their own lines in
// the designer, and in the running app at 1440 and 390 px wide they sit on their own lines too, at the
// same place relative to the page. A page made from the dashboard template shows its grid in both.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hasChromium, watchPageErrors } from './support/harness.js'
import { openStudio, useStudioInChromium } from './support/studio.js'

const PROJECT = 'layout_e2e'

/** Where each label is, relative to the page's own box (the canvas or the app's viewport). */
async function labelBoxes(page: Page): Promise<{ x: number; y: number; height: number }[]> {
  return page.evaluate(() => {
    const root = document.querySelector('.tether-page')?.getBoundingClientRect()
    if (!root) throw new Error('no .tether-page')
    return ['label1', 'label2'].map((name) => {
      const box = document.querySelector(`.tether-page [data-widget="${name}"]`)?.getBoundingClientRect()
      if (!box) throw new Error(`no ${name}`)
      return { x: Math.round(box.x - root.x), y: Math.round(box.y - root.y), height: Math.round(box.height) }
    })
  })
}

describe.skipIf(!hasChromium())('studio: the designer lays a page out as the app does', () => {
  const journey = useStudioInChromium(200)

  it('puts two labels on their own lines in the designer and in the app, at 1440 and 390 wide', async () => {
    const { baseUrl } = journey
    const { context, page, errors } = await openStudio(journey, { project: PROJECT })
    await page.goto(`${baseUrl}/studio/#/${PROJECT}/pages/Main`)
    const canvas = page.getByTestId('designer-canvas')
    await canvas.waitFor()
    for (const name of ['label1', 'label2']) {
      await page
        .locator('.outline [data-name]')
        .first()
        .waitFor({ state: 'attached' })
        .catch(() => undefined)
      await canvas.click({ position: { x: 5, y: 5 } }) // the page itself selected: the label goes on the page
      await page.locator('[data-widget-type="Label"]').focus()
      await page.keyboard.press('Enter')
      await canvas.locator(`[data-widget="${name}"]`).waitFor()
    }
    const designed = await labelBoxes(page)
    const [first, second] = designed
    expect(second?.y).toBeGreaterThanOrEqual((first?.y ?? 0) + (first?.height ?? 0))
    await page.keyboard.press('Control+s')
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).count()).toBe(1)

    for (const width of [1440, 390]) {
      const app = await context.newPage()
      const appErrors = watchPageErrors(app)
      await app.setViewportSize({ width, height: 900 })
      await app.goto(`${baseUrl}/apps/${PROJECT}/`)
      await app.locator('[data-widget="label2"]').waitFor()
      expect(await labelBoxes(app), `at ${width} px`).toEqual(designed)
      expect(appErrors).toEqual([])
      await app.close()
    }

    // A page from a template: the dashboard grid with its navbar, in the designer and in the app.
    await page.goto(`${baseUrl}/studio/#/${PROJECT}/pages`)
    await page.getByLabel('New page name').fill('Dash')
    await page.getByLabel('Template').selectOption({ label: 'Dashboard grid with top navbar' })
    await page.getByRole('button', { name: 'Add page' }).click()
    await canvas.locator('[data-widget="summaryPanel3"]').waitFor()
    const app = await context.newPage()
    await app.goto(`${baseUrl}/apps/${PROJECT}/#/Dash`)
    await app.locator('[data-widget="navbar"]').filter({ hasText: 'Dash' }).waitFor()
    expect(await app.locator('[data-widget="chartPanel"]').count()).toBe(1)
    await app.close()

    expect(errors).toEqual([])
    await context.close()
  }, 120_000)
})
