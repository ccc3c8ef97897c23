// Journey: an administrator imports a WebSocket service whose frames are MessagePack (a real `ws`
// server sending `@msgpack/msgpack`-encoded readings). The wizard recognises the frames, shows them
// decoded, sets the payload format when asked, and the running app's chart draws the decoded readings.

import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { encode } from '@msgpack/msgpack'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import { hasChromium, waitUntil, watchPageErrors } from './support/harness.js'
import { chooseField, createProject, dialog, signIn, useStudioInChromium } from './support/studio.js'

const PROJECT = 'msgpack_e2e'

describe.skipIf(!hasChromium())('studio: a MessagePack stream, detected in the wizard and charted', () => {
  let server: WebSocketServer
  let url = ''

  beforeAll(async () => {
    // A reading every 150 ms on every connection, as binary MessagePack frames.
    server = new WebSocketServer({ port: 0, host: '127.0.0.1' })
    server.on('connection', (socket) => {
      let n = 0
      const timer = setInterval(() => {
        n++
        socket.send(encode({ time: Date.now(), value: 60 + (n % 25), sensor: 'pump-1' }))
      }, 150)
      socket.on('close', () => clearInterval(timer))
    })
    await new Promise((resolve) => server.once('listening', resolve))
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/readings`
  })
  // Started after the stream (hooks run in order), so the wizard's protocol detection may reach it.
  const journey = useStudioInChromium(1000, () => ({ PROXY_ALLOW: new URL(url).host }))
  afterAll(async () => {
    for (const client of server?.clients ?? []) client.terminate()
    await new Promise((resolve) => server?.close(resolve))
  })

  it('shows the frames decoded, saves payloadFormat msgpack, and the app’s chart draws them', async () => {
    const { baseUrl, projectsDir, browser } = journey
    const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } })
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    await page.goto(`${baseUrl}/studio/`)
    await signIn(page, 'admin')
    await createProject(page, PROJECT)

    await page.getByRole('button', { name: 'Import service' }).click()
    await page.getByLabel('Service URL').fill(url)
    await page.getByRole('button', { name: 'Test', exact: true }).click()
    const note = page.locator('[data-detected="msgpack"]')
    await note.waitFor()
    expect(await note.textContent()).toContain('These frames look like MessagePack')
    await waitUntil(
      'two decoded readings',
      async () => (await page.locator('.message[data-kind="msgpack"]').count()) >= 2,
    )
    const first = page.locator('.message[data-kind="msgpack"] .message-body').first()
    expect(JSON.parse((await first.textContent()) ?? '')).toMatchObject({ sensor: 'pump-1', value: expect.any(Number) })

    await note.getByRole('button', { name: 'Use MessagePack as the payload format' }).click()
    await note.getByText('The payload format is MessagePack').waitFor()
    const boxes = page.getByRole('checkbox', { name: 'Use as sample' })
    await boxes.nth(0).check()
    await boxes.nth(1).check()
    expect(await page.getByTestId('typescript').textContent()).toContain('value: number')
    await page.getByRole('button', { name: /Next: configure/ }).click()
    await page.getByText('Its messages are MessagePack').waitFor()
    await page.getByLabel('Service name').fill('pump')
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    await page.getByRole('link', { name: /pump/ }).waitFor()
    const service = JSON.parse(readFileSync(join(projectsDir, PROJECT, 'services', 'pump.service.json'), 'utf8'))
    expect(service).toMatchObject({ url, payloadFormat: 'msgpack' })
    expect(service.samples.responses[0]).toMatchObject({ sensor: 'pump-1' })

    await page.getByRole('link', { name: /Variables/ }).click()
    await page.getByRole('button', { name: '+ New variable' }).click()
    await dialog(page).getByLabel('Name', { exact: true }).fill('readings')
    await dialog(page).getByLabel('On new data').selectOption('addAsLast')
    await dialog(page).getByRole('button', { name: 'Create variable' }).click()
    await page.locator('[data-variable="readings"]').waitFor()

    await page.getByRole('link', { name: /Pages/ }).click()
    await page.getByRole('link', { name: 'Design Main' }).click()
    const canvas = page.getByTestId('designer-canvas')
    await canvas.waitFor()
    await page.locator('[data-widget-type="Chart"]').dragTo(canvas, { targetPosition: { x: 40, y: 40 } })
    await canvas.locator('[data-widget="chart1"]').waitFor()
    await page.getByRole('button', { name: 'Bind Dataset', exact: true }).click()
    await dialog(page).locator('[data-expression="Variables.readings.dataSet"]').click()
    await dialog(page).getByRole('button', { name: 'Bind', exact: true }).click()
    await dialog(page).waitFor({ state: 'detached' })
    await chooseField(page, 'X axis field', 'time')
    await chooseField(page, 'Y axis field(s)', 'value')
    await page.keyboard.press('Control+s')
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).count()).toBe(1)

    const [app] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: '▶ Run' }).click()])
    const appErrors = watchPageErrors(app)
    await app.waitForLoadState()
    const chart = app.locator('[data-widget="chart1"]')
    const points = await waitUntil('decoded readings on the running chart', async () => {
      const n = Number(await chart.getAttribute('data-points'))
      return n >= 3 ? n : undefined
    })
    const picture = await chart.locator('canvas').evaluate((c) => (c as HTMLCanvasElement).toDataURL())
    await waitUntil(
      'the chart to draw newer readings',
      async () => Number(await chart.getAttribute('data-points')) > points,
    )
    await waitUntil(
      'a changed picture',
      async () => (await chart.locator('canvas').evaluate((c) => (c as HTMLCanvasElement).toDataURL())) !== picture,
    )

    expect(errors).toEqual([])
    expect(appErrors).toEqual([])
    await context.close()
  }, 180_000)
})
