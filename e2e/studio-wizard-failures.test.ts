// Journey: the import wizard starts clean for every new URL and says which failure it was. Messages and
// samples of one URL vanish when another is typed; an unknown host, a refused port and a wrong path are
// told apart (the server tries what the browser cannot explain); a service that stays silent gets the
// hint to send a subscribe message; a sample too large to save is called a sample, not a request body.
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  hasChromium,
  launchChromium,
  startServer,
  type TetherServer,
  waitUntil,
  watchPageErrors,
} from './support/harness.js'
import { createProject, signIn } from './support/studio.js'

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const address = probe.address()
  await new Promise((resolve) => probe.close(resolve))
  return typeof address === 'object' && address ? address.port : 0
}

const explanation = (page: Page) => page.locator('.test-panel [role="alert"]')

async function testAndExplain(page: Page, url: string, expected: RegExp): Promise<string> {
  await page.getByLabel('Service URL').fill(url)
  await page.getByRole('button', { name: 'Test', exact: true }).click()
  return waitUntil(`an explanation matching ${expected}`, async () => {
    const text = (await explanation(page).count()) > 0 ? await explanation(page).textContent() : null
    if (text && expected.test(text)) return text
    throw new Error(text ?? 'no explanation yet')
  })
}

describe.skipIf(!hasChromium())('studio: the import wizard starts clean and names each failure', () => {
  let projectsDir: string
  let server: TetherServer
  let browser: Browser

  beforeAll(async () => {
    projectsDir = mkdtempSync(join(tmpdir(), 'tether-e2e-wizard-'))
    // The server may try 127.0.0.1 on any port, so it can tell a refused port from the rest.
    server = await startServer({ PROJECTS_DIR: projectsDir, HEARTRATE_INTERVAL_MS: '200', PROXY_ALLOW: '127.0.0.1' })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    if (projectsDir) rmSync(projectsDir, { recursive: true, force: true })
  })

  it('clears the previous URL, explains DNS, refused and HTTP 404, hints at subscribing, and names a large sample', async () => {
    const ws = server.baseUrl.replace(/^http/, 'ws')
    const context = await browser.newContext({ viewport: { width: 1440, height: 960 } })
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    await page.goto(`${server.baseUrl}/studio/`)
    await signIn(page, 'admin')
    await createProject(page, 'wizard_e2e')
    await page.getByRole('button', { name: 'Import service' }).click()

    await page.getByLabel('Service URL').fill(`${ws}/websocket/heartrate`)
    await page.getByRole('button', { name: 'Test', exact: true }).click()
    await waitUntil('heartrate messages', async () => (await page.locator('.message').count()) >= 2)
    await page.getByRole('checkbox', { name: 'Use as sample' }).nth(0).check()
    expect(await page.getByLabel(/Sample responses/).inputValue()).toContain('value')

    // Another URL: nothing of the heartrate is left.
    await page.getByLabel('Service URL').fill('ws://no-such-host.invalid/feed')
    expect(await page.locator('.message').count()).toBe(0)
    expect(await page.getByLabel(/Sample responses/).inputValue()).not.toContain('value')

    await testAndExplain(page, 'ws://no-such-host.invalid/feed', /no-such-host\.invalid is unknown \(DNS/)
    await testAndExplain(page, `ws://127.0.0.1:${await closedPort()}/feed`, /refused the connection/)
    const wrongPath = await testAndExplain(page, `${ws}/websocket/nothing`, /HTTP 404/)
    expect(wrongPath).toContain('/websocket/nothing')

    // The echo service says nothing until spoken to: the wizard suggests a subscribe message.
    await page.getByLabel('Service URL').fill(`${ws}/websocket/echo`)
    await page.getByRole('button', { name: 'Test', exact: true }).click()
    await page.getByText('Some services send only after a subscribe message').waitFor()
    await page.getByRole('button', { name: 'Write a subscribe message' }).click()
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('requestBody')
    await page.getByRole('button', { name: 'Stop' }).click()

    // A sample larger than a service file may be.
    const huge = JSON.stringify([{ note: 'x'.repeat(1_100_000) }])
    await page.getByLabel(/Sample responses/).fill(huge)
    await page.getByRole('button', { name: /Next: configure/ }).click()
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    await expect
      .poll(() => page.locator('.wizard [role="alert"]').last().textContent())
      .toContain('This sample is larger than')
    expect(await page.locator('.wizard [role="alert"]').last().textContent()).not.toMatch(/request body/i)

    // The browser logs each failed test connection itself; those and the refused save were the point.
    expect(errors.filter((e) => !e.includes('HTTP 413') && !e.includes('WebSocket connection to'))).toEqual([])
    await context.close()
  }, 120_000)
})
