// Journey: unsaved work cannot be lost. A page edited in the designer survives a reload (the studio
// offers to restore it); the sidebar and the browser's Back button ask before leaving it; ▶ Run saves
// first, so the app runs the edit. In the import wizard, Back from the configure step (the browser's or
// the wizard's own) returns to the test with everything kept, and the form keeps what was typed.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Dialog, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hasChromium, waitUntil, watchPageErrors } from './support/harness.js'
import { createProject, signIn, useStudioInChromium } from './support/studio.js'

const PROJECT = 'drafts_e2e'
const WIZARD_PROJECT = 'wizard_back_e2e'

/** Answers the next dialogs with `accept` and records their messages. */
function answerDialogs(page: Page, accept: (dialog: Dialog) => boolean): string[] {
  const seen: string[] = []
  page.on('dialog', (dialog) => {
    seen.push(`${dialog.type()}: ${dialog.message()}`)
    void (accept(dialog) ? dialog.accept() : dialog.dismiss())
  })
  return seen
}

describe.skipIf(!hasChromium())('studio: drafts that cannot be lost', () => {
  const journey = useStudioInChromium(200)

  it('asks before leaving an edited page, restores it after a reload, and ▶ Run runs the edit', async () => {
    const { baseUrl, projectsDir, browser } = journey
    const context = await browser.newContext({ viewport: { width: 1440, height: 960 } })
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    // Leaving the designer is refused; the reload (beforeunload) is allowed.
    const dialogs = answerDialogs(page, (dialog) => dialog.type() === 'beforeunload')
    await page.goto(`${baseUrl}/studio/`)
    await signIn(page, 'admin')
    await createProject(page, PROJECT)
    await page.getByRole('link', { name: /Pages/ }).click()
    await page.getByRole('link', { name: 'Design Main' }).click()
    const canvas = page.getByTestId('designer-canvas')
    await page.locator('[data-widget-type="Label"]').focus()
    await page.keyboard.press('Enter')
    await canvas.locator('[data-widget="label1"]').waitFor()
    const designerUrl = page.url()

    // The sidebar and the browser's Back button ask, and staying keeps the edit.
    await page.getByRole('link', { name: /Variables/ }).click()
    await waitUntil('the question about leaving', async () => dialogs.length === 1)
    expect(dialogs[0]).toMatch(/^confirm: You have unsaved changes to the page Main/)
    await page.goBack()
    await waitUntil('the question about going back', async () => dialogs.length === 2)
    // Refused, the history steps forward again to the designer.
    await waitUntil("the designer's address back", async () => page.url() === designerUrl)
    expect(await canvas.locator('[data-widget="label1"]').count()).toBe(1)

    // A reload keeps the draft in the browser; reopening offers it.
    await page.reload()
    await page.getByRole('button', { name: 'Restore draft' }).click()
    await canvas.locator('[data-widget="label1"]').waitFor()
    expect(dialogs.slice(2).every((d) => d.startsWith('beforeunload'))).toBe(true)

    // ▶ Run saves first: the app shows the label that was only on the canvas.
    const [app] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: '▶ Run' }).click()])
    await app.waitForURL(`**/apps/${PROJECT}/**`)
    await app.locator('[data-widget="label1"]').waitFor()
    const saved = JSON.parse(readFileSync(join(projectsDir, PROJECT, 'pages', 'Main.page.json'), 'utf8'))
    expect(JSON.stringify(saved.widgets)).toContain('"label1"')
    // Saved: leaving asks no more, and no draft is offered again.
    await page.getByRole('link', { name: /Variables/ }).click()
    await page.getByRole('heading', { name: 'Variables' }).waitFor()
    await page.goBack()
    await canvas.locator('[data-widget="label1"]').waitFor()
    expect(await page.getByRole('button', { name: 'Restore draft' }).count()).toBe(0)

    // The variable dialog keeps its draft too: a new variable's name survives a reload.
    await page.getByRole('link', { name: /Variables/ }).click()
    await page.getByRole('button', { name: '+ New variable' }).click()
    await page.locator('dialog[open]').getByLabel('Name', { exact: true }).fill('unsaved_variable')
    await page.reload()
    await page.getByRole('button', { name: '+ New variable' }).click()
    await page.locator('dialog[open]').getByRole('button', { name: 'Restore draft' }).click()
    expect(await page.locator('dialog[open]').getByLabel('Name', { exact: true }).inputValue()).toBe('unsaved_variable')
    expect(errors).toEqual([])
    await context.close()
  }, 120_000)

  it("keeps the wizard's state on Back from the configure step", async () => {
    const { baseUrl, projectsDir, browser } = journey
    const context = await browser.newContext({ viewport: { width: 1440, height: 960 } })
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    await page.goto(`${baseUrl}/studio/`)
    await signIn(page, 'admin')
    await createProject(page, WIZARD_PROJECT)
    await page.getByRole('button', { name: 'Import service' }).click()
    const serviceUrl = `${baseUrl.replace(/^http/, 'ws')}/websocket/heartrate`
    await page.getByLabel('Service URL').fill(serviceUrl)
    await page.getByRole('button', { name: 'Test', exact: true }).click()
    await waitUntil('two heartrate messages', async () => (await page.locator('.message').count()) >= 2)
    await page.getByRole('checkbox', { name: 'Use as sample' }).nth(0).check()
    await page.getByRole('checkbox', { name: 'Use as sample' }).nth(1).check()
    const samples = await page.getByLabel(/Sample responses/).inputValue()
    await page.getByRole('button', { name: /Next: configure/ }).click()
    await page.getByLabel('Description').fill('Readings from the demo')

    // The browser's Back: the test step with its URL and samples; on again, the form as it was typed.
    await page.goBack()
    await page.getByLabel('Service URL').waitFor()
    expect(await page.getByLabel('Service URL').inputValue()).toBe(serviceUrl)
    expect(await page.getByLabel(/Sample responses/).inputValue()).toBe(samples)
    await page.getByRole('button', { name: /Next: configure/ }).click()
    expect(await page.getByLabel('Description').inputValue()).toBe('Readings from the demo')

    // The wizard's own Back button does the same.
    await page.getByRole('button', { name: '← Back to test' }).click()
    expect(await page.getByLabel('Service URL').inputValue()).toBe(serviceUrl)
    await page.getByRole('button', { name: /Next: configure/ }).click()
    expect(await page.getByLabel('Description').inputValue()).toBe('Readings from the demo')
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    await page.getByRole('link', { name: /heartrate/ }).waitFor()
    const file = join(projectsDir, WIZARD_PROJECT, 'services', 'heartrate.service.json')
    const saved = JSON.parse(readFileSync(file, 'utf8'))
    expect(saved.description).toBe('Readings from the demo')
    expect(saved.samples.responses).toHaveLength(2)
    expect(errors).toEqual([])
    await context.close()
  }, 120_000)
})
