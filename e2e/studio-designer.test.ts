// Journey: an administrator rebuilds the Heartrate Monitor from an empty project through the studio
// alone — import the service, create the variable, drop a table, a chart and two labels, bind them by
// clicks in the bind dialog, save, run — and the running app shows readings arriving.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { validatePage } from '@tether/runtime'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hasChromium, saveScreenshot, waitUntil, watchPageErrors } from './support/harness.js'
import { bindByClicks, chooseField, dialog, openStudio, useStudioInChromium } from './support/studio.js'

const PROJECT = 'designer_e2e'
const VARIABLE = 'heartratevariable'

/** The open modal (the rest of the page is inert while it is open). */

const selectInOutline = (page: Page, name: string) => page.locator(`.outline [data-name="${name}"]`).click()
const tableRows = (root: Locator) => root.locator('tbody tr').count()

describe.skipIf(!hasChromium())('studio: design the heartrate page from an empty project in Chromium', () => {
  const journey = useStudioInChromium(200)

  it('imports, creates the variable, drops and binds widgets, saves and runs the app with live readings', async () => {
    const { baseUrl, projectsDir } = journey
    // An empty project, then the demo heartrate service through the import wizard (part 1).
    const { context, page, errors } = await openStudio(journey, { project: PROJECT })
    await page.getByRole('button', { name: 'Import service' }).click()
    await page.getByLabel('Service URL').fill(`${baseUrl.replace(/^http/, 'ws')}/websocket/heartrate`)
    await page.getByRole('button', { name: 'Test', exact: true }).click()
    await waitUntil('two heartrate messages', async () => (await page.locator('.message').count()) >= 2)
    await page.getByRole('checkbox', { name: 'Use as sample' }).nth(0).check()
    await page.getByRole('checkbox', { name: 'Use as sample' }).nth(1).check()
    await page.getByRole('button', { name: /Next: configure/ }).click()
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    await page.getByRole('link', { name: /heartrate/ }).waitFor()

    // The variable: connect on load, add as last, limit 20.
    await page.getByRole('link', { name: /Variables/ }).click()
    await page.getByRole('button', { name: '+ New variable' }).click()
    await dialog(page).getByLabel('Name', { exact: true }).fill(VARIABLE)
    expect(await dialog(page).getByLabel('Service').inputValue()).toBe('heartrate')
    expect(await dialog(page).getByLabel('Connect on page load').isChecked()).toBe(true)
    await dialog(page).getByLabel('On new data').selectOption('addAsLast')
    await dialog(page).getByLabel('Data limit').fill('20')
    // The Data tab lists the service's inputs (here only RequestBody), each bindable.
    await dialog(page).getByRole('tab', { name: 'Data' }).click()
    await dialog(page).getByRole('button', { name: 'Bind RequestBody' }).waitFor()
    await dialog(page).getByRole('button', { name: 'Create variable' }).click()
    await page.locator(`[data-variable="${VARIABLE}"]`).waitFor()
    const pageFile = join(projectsDir, PROJECT, 'pages', 'Main.page.json')
    expect(JSON.parse(readFileSync(pageFile, 'utf8')).variables[VARIABLE]).toEqual({
      category: 'websocket',
      service: 'heartrate',
      connectOnLoad: true,
      onNewData: 'addAsLast',
      dataLimit: 20,
    })

    // The designer.
    await page.getByRole('link', { name: /Pages/ }).click()
    await page.getByRole('link', { name: 'Design Main' }).click()
    const canvas = page.getByTestId('designer-canvas')
    await canvas.waitFor()

    // Keyboard only: insert a grid row (Enter on the palette entry), select its first column with the
    // arrow keys in the outline, insert a DataTable into it; undo and redo the insertion.
    await page.locator('[data-widget-type="GridRow"]').focus()
    await page.keyboard.press('Enter')
    await page.locator('.outline [data-name="gridRow1"][aria-selected="true"]').waitFor()
    await page.locator('.outline [data-name="gridRow1"]').focus()
    await page.keyboard.press('ArrowDown')
    await page.locator('.outline [data-name="gridColumn1"][aria-selected="true"]').waitFor()
    await page.locator('[data-widget-type="DataTable"]').focus()
    await page.keyboard.press('Enter')
    await canvas.locator('[data-widget="gridColumn1"] [data-widget="dataTable1"]').waitFor()
    await page.keyboard.press('Control+z')
    await canvas.locator('[data-widget="dataTable1"]').waitFor({ state: 'detached' })
    await page.keyboard.press('Control+Shift+z')
    await canvas.locator('[data-widget="gridColumn1"] [data-widget="dataTable1"]').waitFor()

    // Drag and drop: the chart into the second grid column, two labels onto the page.
    await page.locator('[data-widget-type="Chart"]').dragTo(canvas.locator('[data-widget="gridColumn2"]'))
    await canvas.locator('[data-widget="gridColumn2"] [data-widget="chart1"]').waitFor()
    await page.locator('[data-widget-type="Label"]').dragTo(canvas, { targetPosition: { x: 20, y: 600 } })
    await page.locator('[data-widget-type="Label"]').dragTo(canvas, { targetPosition: { x: 20, y: 640 } })
    await canvas.locator('[data-widget="label2"]').waitFor()

    // Bind by clicks: table dataset; chart dataset, x = time, y = value; labels to the last record.
    await selectInOutline(page, 'dataTable1')
    await bindByClicks(page, 'Dataset', `Variables.${VARIABLE}.dataSet`)
    await selectInOutline(page, 'chart1')
    await bindByClicks(page, 'Dataset', `Variables.${VARIABLE}.dataSet`)
    // Bound, the chart already plots time on x and the reading on y (chosen again below by clicks).
    await waitUntil(
      'points on the canvas chart from its default axes',
      async () => Number(await canvas.locator('[data-widget="chart1"]').getAttribute('data-points')) >= 1,
    )
    await chooseField(page, 'X axis field', 'time')
    await chooseField(page, 'Y axis field(s)', 'value')
    await canvas.locator('[data-widget="label1"]').click()
    await page.getByRole('button', { name: 'Bind Caption', exact: true }).click()
    await dialog(page).locator(`[data-expression="Variables.${VARIABLE}.lastRecord.time"]`).click()
    await dialog(page).getByLabel('Date format').selectOption('hh:mm:ss a')
    await dialog(page).getByRole('button', { name: '+ toDate' }).click()
    expect(await dialog(page).getByLabel('Expression').inputValue()).toBe(
      `Variables.${VARIABLE}.lastRecord.time | toDate:'hh:mm:ss a'`,
    )
    expect(await dialog(page).locator('.bind-ok').textContent()).toContain('Valid')
    await dialog(page).getByRole('button', { name: 'Bind', exact: true }).click()
    await selectInOutline(page, 'label2')
    await bindByClicks(page, 'Caption', `Variables.${VARIABLE}.lastRecord.value`)

    // The canvas streams: the table fills, the chart draws, the labels show the newest reading.
    await waitUntil(
      'readings in the canvas table',
      async () => (await tableRows(canvas.locator('[data-widget="dataTable1"]'))) >= 3,
    )
    await waitUntil(
      'points on the canvas chart',
      async () => Number(await canvas.locator('[data-widget="chart1"]').getAttribute('data-points')) >= 3,
    )
    await waitUntil('a time in the first label', async () =>
      /^\d\d:\d\d:\d\d [AP]M$/.test((await canvas.locator('[data-widget="label1"]').textContent()) ?? ''),
    )
    await waitUntil('a value in the second label', async () =>
      /^\d+$/.test((await canvas.locator('[data-widget="label2"]').textContent()) ?? ''),
    )

    // Save (Ctrl+S from the keyboard); the file validates with the runtime's own page validation.
    await page.locator('.outline [data-name="label2"]').focus()
    await page.keyboard.press('Control+s')
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).count()).toBe(1)
    await selectInOutline(page, 'chart1')
    await saveScreenshot(page, 'studio-designer.png')
    const saved = validatePage(readFileSync(pageFile, 'utf8'))
    const byName = Object.fromEntries(flatten(saved.widgets).map((w) => [w.name, w] as const))
    expect(byName.dataTable1?.props.dataset).toBe(`bind:Variables.${VARIABLE}.dataSet`)
    // Binding the table's dataset filled its columns from the service's inferred fields.
    expect(byName.dataTable1?.props.columns).toEqual([
      { field: 'time', title: 'Time', format: 'date:hh:mm:ss a' },
      { field: 'value', title: 'Value' },
    ])
    expect(byName.chart1?.props).toMatchObject({ xField: 'time', yField: 'value', type: 'line' })
    expect(byName.label1?.props.caption).toBe(`bind:Variables.${VARIABLE}.lastRecord.time | toDate:'hh:mm:ss a'`)
    expect(byName.label2?.props.caption).toBe(`bind:Variables.${VARIABLE}.lastRecord.value`)

    // Run: the app opens in a new tab and shows readings arriving.
    const [app] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: '▶ Run' }).click()])
    const appErrors = watchPageErrors(app)
    await app.waitForLoadState()
    expect(new URL(app.url()).pathname).toBe(`/apps/${PROJECT}/`)
    const table = app.locator('[data-widget="dataTable1"]')
    await waitUntil('readings in the running app', async () => {
      if ((await tableRows(table)) >= 2) return true
      throw new Error(`the app says: ${(await app.locator('body').innerText()).slice(0, 300)}`)
    })
    const first = await app.locator('[data-widget="label2"]').textContent()
    const firstTime = await app.locator('[data-widget="label1"]').textContent()
    await waitUntil(
      'a newer reading',
      async () => (await app.locator('[data-widget="label1"]').textContent()) !== firstTime,
    )
    expect(first).toMatch(/^\d+$/)
    expect(await table.locator('tbody tr td').first().textContent()).toMatch(/^\d\d:\d\d:\d\d [AP]M$/)
    expect(Number(await app.locator('[data-widget="chart1"]').getAttribute('data-points'))).toBeGreaterThan(1)

    expect(errors).toEqual([])
    expect(appErrors).toEqual([])
    await context.close()
  }, 120_000)
})

interface Node {
  name: string
  props: Record<string, unknown>
  children?: Node[] | undefined
}
function flatten(nodes: Node[]): Node[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children ?? [])])
}
