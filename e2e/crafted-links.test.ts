// Journey: crafted links do not blank the apps (issue 12, finding 13). A page name that is a member of
// every object's prototype (`#/valueOf`, `#/__proto__`) used to be taken for a page and crash the
// runtime; the studio crashed on `#/<project>/services/__proto__`. Both now say what is missing.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  hasChromium,
  launchChromium,
  startTetherServer,
  type TetherServer,
  watchPageErrors,
} from './support/harness.js'
import { signIn } from './support/studio.js'

describe.skipIf(!hasChromium())('crafted links', () => {
  let server: TetherServer
  let browser: Browser

  beforeAll(async () => {
    server = await startTetherServer()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('the app shows "page not found" for #/valueOf and #/__proto__, and its home page from there', async () => {
    const page = await browser.newPage()
    const errors = watchPageErrors(page)
    for (const name of ['valueOf', '__proto__', 'constructor']) {
      await page.goto(`${server.baseUrl}/apps/heartrate/#/${name}`)
      const notFound = page.getByRole('alert')
      await notFound.waitFor()
      expect(await notFound.textContent()).toContain(`Page not found: this app has no page "${name}"`)
    }
    await page.getByRole('link', { name: 'Go to the home page' }).click()
    await page.locator('[data-widget]').first().waitFor()
    expect(await page.getByRole('alert').count()).toBe(0)
    expect(errors).toEqual([])
    await page.close()
  }, 60_000)

  it('the studio says a service or page does not exist instead of crashing', async () => {
    const page = await browser.newPage()
    const errors = watchPageErrors(page)
    await page.goto(`${server.baseUrl}/studio/#/heartrate/services/__proto__`)
    await signIn(page, 'admin')
    const alert = page.getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toContain('This project has no service named “__proto__”')
    await page.goto(`${server.baseUrl}/studio/#/heartrate/pages/__proto__`)
    // No designer for a prototype: the list of the project's real pages.
    await page
      .getByRole('button', { name: /create|new page|add/i })
      .first()
      .waitFor()
    expect(errors).toEqual([])
    await page.close()
  }, 60_000)
})
