// Journey: an administrator opens an MQTT service (the server's own demo broker, plant sensors) in
// Service Settings, watches the live log with its channels, filters it, pauses and resumes it, picks a
// sample on each channel, creates a variable with one dataset per channel, binds the two channels to a
// table and a chart, runs the page and sees both fill with live data.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hasChromium, waitUntil, watchPageErrors } from './support/harness.js'
import { bindByClicks, chooseField, createProject, dialog, signIn, useStudioInChromium } from './support/studio.js'

const PROJECT = 'plants_e2e'
const TEMPERATURE = 'plant/+/temperature'
const STATUS = 'plant/+/status'

const shownChannels = (page: Page) =>
  page.locator('.message-list .message').evaluateAll((items) => items.map((li) => li.getAttribute('data-channel')))
const chipCount = async (page: Page, channel: string) =>
  Number(await page.locator(`.chip[data-channel="${channel}"] .chip-count`).textContent())

describe.skipIf(!hasChromium())('studio: an MQTT service’s channels, from the live log to two widgets', () => {
  const journey = useStudioInChromium(1000)

  it('shows channels in the log, filters, pauses, samples per channel, and binds two channels', async () => {
    const { baseUrl, projectsDir, browser } = journey
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    await page.goto(`${baseUrl}/studio/`)
    await signIn(page, 'admin')
    await createProject(page, PROJECT)

    // The service as `tether import` or a colleague left it: a protocol and two channels, no samples yet.
    const serviceFile = join(projectsDir, PROJECT, 'services', 'plants.service.json')
    mkdirSync(join(projectsDir, PROJECT, 'services'), { recursive: true })
    writeFileSync(
      serviceFile,
      JSON.stringify({ name: 'plants', url: '/mqtt', protocol: 'mqtt', channels: [TEMPERATURE, STATUS] }),
    )
    await page.goto(`${baseUrl}/studio/#/${PROJECT}/services/plants`)
    await page.reload() // the studio reads the project's files when it loads
    await page.getByRole('heading', { name: 'plants' }).waitFor()

    // The test speaks MQTT: every message carries its channel, and each channel gets a chip with a count.
    await page.getByRole('button', { name: 'Test', exact: true }).click()
    await waitUntil('messages on both channels', async () => {
      const channels = await shownChannels(page)
      return channels.includes(TEMPERATURE) && channels.includes(STATUS)
    })
    expect(new Set(await shownChannels(page))).toEqual(new Set([TEMPERATURE, STATUS]))
    expect(await page.locator('.message-list .message[data-kind="json"]').count()).toBeGreaterThan(0)
    await page.screenshot({ path: '/tmp/studio-log-channels.png' })

    // Filter: only the status channel's messages are listed.
    await page.locator(`.chip[data-channel="${STATUS}"]`).click()
    expect(await page.locator(`.chip[data-channel="${STATUS}"]`).getAttribute('aria-pressed')).toBe('true')
    expect(new Set(await shownChannels(page))).toEqual(new Set([STATUS]))

    // Pause: the list stands still while new messages are counted; Resume shows them.
    await page.getByRole('button', { name: 'All channels' }).click()
    await page.getByRole('button', { name: 'Pause', exact: true }).click()
    const frozen = await page.locator('.message-list .message').count()
    const resume = page.getByRole('button', { name: /^Resume \(\d+ new\)$/ })
    const held = await waitUntil('messages to arrive while paused', async () => {
      const n = Number(/\((\d+) new\)/.exec((await resume.textContent()) ?? '')?.[1] ?? 0)
      return n >= 3 ? n : undefined
    })
    expect(await page.locator('.message-list .message').count()).toBe(frozen)
    await resume.click()
    expect(await page.locator('.message-list .message').count()).toBeGreaterThanOrEqual(Math.min(frozen + held, 200))

    // Clear empties the list and the counts; new messages count again from one.
    await page.getByRole('button', { name: 'Clear', exact: true }).click()
    await waitUntil('a temperature after clearing', async () => (await chipCount(page, TEMPERATURE)) >= 1)
    await waitUntil('a status after clearing', async () => (await chipCount(page, STATUS)) >= 1)

    // A sample on each channel: each gets its own fields and TypeScript type.
    await page.getByRole('button', { name: 'Stop' }).click()
    for (const channel of [TEMPERATURE, STATUS]) {
      await page.locator(`.chip[data-channel="${channel}"]`).click()
      await page.getByRole('checkbox', { name: 'Use as sample' }).first().check()
    }
    const schemas = page.locator('.channel-schema')
    await waitUntil('a schema per channel', async () => (await schemas.count()) === 2)
    expect(await schemas.nth(0).getAttribute('data-channel')).toBe(TEMPERATURE)
    expect(await schemas.nth(0).getByTestId('typescript').textContent()).toContain('celsius: number')
    expect(await schemas.nth(1).getByTestId('typescript').textContent()).toContain('state: string')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.getByRole('status').filter({ hasText: 'Saved plants' }).waitFor()
    const saved = JSON.parse(readFileSync(serviceFile, 'utf8'))
    expect(saved).toMatchObject({ protocol: 'mqtt', url: '/mqtt' })
    expect(saved.channels.map((c: { name: string }) => c.name)).toEqual([TEMPERATURE, STATUS])
    expect(Object.keys(saved.channels[0].samples[0]).sort()).toEqual(['celsius', 'id', 'time'])
    // A reading of exactly 22 °C is inferred as an integer: either is a number to bind.
    expect(['number', 'integer']).toContain(saved.channels[0].schema.properties.celsius.type)
    expect(saved.channels[1].schema.properties.state).toEqual({ type: 'string' })

    // The variable: one dataset per channel, the temperatures kept 40 at most.
    await page.getByRole('link', { name: /Variables/ }).click()
    await page.getByRole('button', { name: '+ New variable' }).click()
    await dialog(page).getByLabel('Name', { exact: true }).fill('plants')
    await dialog(page).getByLabel('Keep one dataset per channel, each with its own policy').check()
    expect(await dialog(page).getByLabel('Channel 1', { exact: true }).inputValue()).toBe(TEMPERATURE)
    expect(await dialog(page).getByLabel('Channel 2', { exact: true }).inputValue()).toBe(STATUS)
    await dialog(page).getByLabel('Data limit 1').fill('40')
    await dialog(page).getByRole('button', { name: 'Create variable' }).click()
    await page.locator('[data-variable="plants"]').waitFor()
    const pageFile = join(projectsDir, PROJECT, 'pages', 'Main.page.json')
    expect(JSON.parse(readFileSync(pageFile, 'utf8')).variables.plants.routes).toEqual({
      datasets: { [TEMPERATURE]: { onNewData: 'addAsLast', dataLimit: 40 }, [STATUS]: { onNewData: 'addAsLast' } },
    })

    // A table of statuses and a chart of temperatures, bound by clicks in the bind dialog's tree.
    await page.getByRole('link', { name: /Pages/ }).click()
    await page.getByRole('link', { name: 'Design Main' }).click()
    const canvas = page.getByTestId('designer-canvas')
    await canvas.waitFor()
    await page.locator('[data-widget-type="DataTable"]').dragTo(canvas, { targetPosition: { x: 40, y: 40 } })
    await canvas.locator('[data-widget="dataTable1"]').waitFor()
    await bindByClicks(page, 'Dataset', `Variables.plants.datasets['${STATUS}']`)
    await page.locator('[data-widget-type="Chart"]').dragTo(canvas, { targetPosition: { x: 40, y: 500 } })
    await canvas.locator('[data-widget="chart1"]').waitFor()
    await page.locator('.outline [data-name="chart1"]').click()
    await page.getByRole('button', { name: 'Bind Dataset', exact: true }).click()
    // The tree lists each channel's fields under its dataset, without any routes by a field.
    await dialog(page).locator(`[data-expression="Variables.plants.datasets['${TEMPERATURE}'][0].celsius"]`).waitFor()
    await dialog(page).locator(`[data-expression="Variables.plants.datasets['${TEMPERATURE}']"]`).click()
    await dialog(page).getByRole('button', { name: 'Bind', exact: true }).click()
    await dialog(page).waitFor({ state: 'detached' })
    await chooseField(page, 'X axis field', 'time')
    await chooseField(page, 'Y axis field(s)', 'celsius')
    await page.keyboard.press('Control+s')
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).count()).toBe(1)

    // Run: the table lists statuses and the chart draws temperatures, live.
    const [app] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: '▶ Run' }).click()])
    const appErrors = watchPageErrors(app)
    await app.waitForLoadState()
    const table = app.locator('[data-widget="dataTable1"]')
    const chart = app.locator('[data-widget="chart1"]')
    await waitUntil('statuses in the running table', async () => (await table.locator('tbody tr').count()) >= 2)
    const points = await waitUntil('temperatures on the running chart', async () => {
      const n = Number(await chart.getAttribute('data-points'))
      return n >= 3 ? n : undefined
    })
    await waitUntil('the chart to keep drawing', async () => Number(await chart.getAttribute('data-points')) > points)
    const cells = await table.locator('tbody tr').first().locator('td').allTextContents()
    expect(cells.some((cell) => /^(ok|dry|hot)$/.test(cell.trim()))).toBe(true)
    expect(await chart.locator('canvas').evaluate((c) => (c as HTMLCanvasElement).toDataURL().length)).toBeGreaterThan(
      1000,
    )

    expect(errors).toEqual([])
    expect(appErrors).toEqual([])
    await context.close()
  }, 180_000)
})
