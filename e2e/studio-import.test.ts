// Journey: an administrator imports the demo heartrate service through the studio's wizard with two
// samples, reopens it in Service Settings, records a few messages as a mock and replays it.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hasChromium, saveScreenshot, waitUntil, watchPageErrors } from './support/harness.js'
import { createProject, signIn, useStudioInChromium } from './support/studio.js'

const PROJECT = 'studio_e2e'

/** The `type` column of an inferred field in the visible fields table. */
const fieldType = (page: Page, path: string) =>
  page.locator(`.fields-table [data-field="${path}"] .field-type`).first().textContent()

describe.skipIf(!hasChromium())('studio: import, configure, record and replay in Chromium', () => {
  const journey = useStudioInChromium(100)

  it('imports the heartrate service with two samples, reopens it, records a mock and replays it', async () => {
    const { baseUrl, projectsDir, browser } = journey
    const context = await browser.newContext({ viewport: { width: 1360, height: 1040 } })
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    await page.goto(`${baseUrl}/studio/`)

    // A non-admin is told why they cannot use the studio.
    await signIn(page, 'user1')
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not an administrator')

    await signIn(page, 'admin')

    // Create an empty project; the studio opens it on its Services section.
    await createProject(page, PROJECT)
    expect(await page.getByRole('link', { name: /Variables/ }).count()).toBe(1)
    expect(await page.getByRole('link', { name: /Pages/ }).count()).toBe(1)

    // Wizard step 1: test the URL and tick two live messages as samples.
    await page.getByRole('button', { name: 'Import service' }).click()
    const serviceUrl = `${baseUrl.replace(/^http/, 'ws')}/websocket/heartrate`
    // A web address is explained, not opened.
    await page.getByLabel('Service URL').fill(baseUrl)
    await page.getByRole('button', { name: 'Test', exact: true }).click()
    await expect.poll(() => page.locator('.test-panel [role="alert"]').textContent()).toContain('use ws:// instead')

    // Through the server's proxy, the same service streams too.
    await page.getByLabel('Service URL').fill(serviceUrl)
    await page.getByLabel("Test through the server's proxy").check()
    await page.getByRole('button', { name: 'Test', exact: true }).click()
    await waitUntil('a message through the proxy', async () => (await page.locator('.message').count()) >= 1)
    expect(await page.locator('.status').textContent()).toContain('Connected (via proxy)')
    await page.getByRole('button', { name: 'Stop' }).click()

    await page.getByLabel("Test through the server's proxy").uncheck()
    await page.getByRole('button', { name: 'Test', exact: true }).click()
    await waitUntil('two heartrate messages to arrive', async () => (await page.locator('.message').count()) >= 2)
    expect(await page.getByRole('status').first().textContent()).toContain('Connected')
    const sampleBoxes = page.getByRole('checkbox', { name: 'Use as sample' })
    await sampleBoxes.nth(0).check()
    await sampleBoxes.nth(1).check()
    const samples = JSON.parse(await page.getByLabel(/Sample responses/).inputValue()) as {
      time: number
      value: number
    }[]
    expect(samples).toHaveLength(2)
    expect(samples[1]?.time).toBeGreaterThan(samples[0]?.time ?? Number.POSITIVE_INFINITY)
    expect(await fieldType(page, 'time')).toBe('timestamp (epoch ms)')
    expect(await fieldType(page, 'value')).toBe('integer')
    expect(await page.getByTestId('typescript').textContent()).toMatch(/time: number/)
    await saveScreenshot(page, 'studio-import.png')

    // Step 2: configure (the name is suggested from the URL) and import.
    await page.getByRole('button', { name: /Next: configure/ }).click()
    expect(await page.getByLabel('Service name').inputValue()).toBe('heartrate')
    expect(await page.getByLabel('URL', { exact: true }).inputValue()).toBe(serviceUrl)
    // A bad name is explained next to the field, which gets the focus; nothing is saved.
    await page.getByLabel('Service name').fill('9x')
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    expect(await page.locator('[data-problem-for="name"]').textContent()).toContain('identifier')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('serviceName')
    await page.getByLabel('Service name').fill('heartrate')
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    await page.getByRole('heading', { name: 'Web Services' }).waitFor()
    await page.getByRole('link', { name: /heartrate/ }).waitFor()

    const file = join(projectsDir, PROJECT, 'services', 'heartrate.service.json')
    const saved = JSON.parse(readFileSync(file, 'utf8'))
    expect(saved.name).toBe('heartrate')
    expect(saved.url).toBe(serviceUrl)
    expect(saved.samples.responses).toEqual(samples)
    expect(saved.schema.properties.time.type).toBe('integer')
    expect(readFileSync(file, 'utf8').endsWith('}\n')).toBe(true)

    // Service Settings shows what was saved, with the same inferred fields.
    await page.getByRole('link', { name: /heartrate/ }).click()
    await page.getByRole('heading', { name: 'heartrate' }).waitFor()
    expect(await page.getByLabel('Service name').inputValue()).toBe('heartrate')
    expect(await page.getByLabel('URL', { exact: true }).inputValue()).toBe(serviceUrl)
    expect(await fieldType(page, 'time')).toBe('timestamp (epoch ms)')
    expect(await fieldType(page, 'value')).toBe('integer')
    await page.getByRole('button', { name: 'TypeScript types' }).click()
    await expect.poll(() => page.getByTestId('service-types').textContent()).toMatch(/value: number/)
    await page.evaluate(() => window.scrollTo(0, 0))
    await saveScreenshot(page, 'studio-service-settings.png')

    // Record a few live messages and save them as a mock.
    await page.getByRole('button', { name: 'Test', exact: true }).click()
    await waitUntil('the settings test to connect', async () => (await page.locator('.status-open').count()) === 1)
    await page.getByRole('button', { name: /Record/ }).click()
    await waitUntil('four recorded messages', async () => {
      const text = await page.getByTestId('recorded-count').textContent()
      return Number(/(\d+) message/.exec(text ?? '')?.[1] ?? 0) >= 4
    })
    await page.getByRole('button', { name: /Stop recording/ }).click()
    await page.getByRole('button', { name: 'Save as mock' }).click()
    await page.locator('[data-mock="heartrate_recording"]').waitFor()
    const mock = JSON.parse(readFileSync(join(projectsDir, PROJECT, 'mocks', 'heartrate_recording.mock.json'), 'utf8'))
    expect(mock.service).toBe('heartrate')
    expect(mock.messages.length).toBeGreaterThanOrEqual(4)
    const offsets = mock.messages.map((m: { at: number }) => m.at)
    expect(offsets).toEqual([...offsets].sort((a: number, b: number) => a - b))
    expect(JSON.parse(mock.messages[0].data)).toHaveProperty('value')

    // Replay it: the replay URL connects and the recorded readings arrive again.
    const replay = page.locator('[data-mock="heartrate_recording"]')
    await replay.getByLabel('Speed').selectOption('10')
    expect(await replay.getByTestId('replay-url').textContent()).toBe(
      `${baseUrl.replace(/^http/, 'ws')}/websocket/mock/${PROJECT}/heartrate_recording?speed=10&loop=1`,
    )
    await replay.getByRole('button', { name: 'Test replay' }).click()
    await waitUntil('replayed messages to arrive', async () => (await replay.locator('.message').count()) >= 2)
    const replayed = await replay.locator('.message-body').first().textContent()
    expect(JSON.parse(replayed ?? '')).toEqual(JSON.parse(mock.messages[0].data))

    expect(errors).toEqual([])
    await context.close()
  }, 90_000)
})
