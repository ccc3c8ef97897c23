// Journey: an administrator gives a button a JavaScript click handler in the page designer — picks
// "JavaScript" for its onClick, finds the stub in the script editor, types a syntax error (Save turns off
// and says why), survives a reload with the draft, fixes the code so it sets a label's caption, saves —
// and the running app, served with a strict Content-Security-Policy, runs the handler.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { validatePage } from '@tether/runtime'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hasChromium, waitUntil, watchPageErrors } from './support/harness.js'
import { createProject, signIn, useStudioInChromium } from './support/studio.js'

const PROJECT = 'scripts_e2e'
const HANDLER = 'button1onClick'
const FIXED = `export function ${HANDLER}(widget, data, options) {
  options.page.setWidget('label1', 'caption', 'Clicked by ' + widget.name)
}
`

const editorText = (page: Page) => page.locator('.script-editor .cm-content').innerText()
const saveScript = (page: Page) => page.locator('.script-panel').getByRole('button', { name: 'Save', exact: true })

describe.skipIf(!hasChromium())('studio: write a page script handler in Chromium', () => {
  const journey = useStudioInChromium(1000)

  it('picks JavaScript for a click, edits the stub with live syntax checks, saves, and the app runs it', async () => {
    const { baseUrl, projectsDir, browser } = journey
    const context = await browser.newContext({ viewport: { width: 1440, height: 960 } })
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    await page.goto(`${baseUrl}/studio/`)
    await signIn(page, 'admin')
    await createProject(page, PROJECT)
    await page.getByRole('link', { name: /Pages/ }).click()
    await page.getByRole('link', { name: 'Design Main' }).click()
    await page.getByTestId('designer-canvas').waitFor()

    // A label and a button on the page; the button's click gets a JavaScript handler.
    for (const type of ['Label', 'Button']) {
      await page.locator(`[data-widget-type="${type}"]`).focus()
      await page.keyboard.press('Enter')
    }
    await page.locator('.outline [data-name="button1"]').click()
    await page.getByLabel('Add action to onClick').selectOption('javascript')

    // The editor opens at the stub, named after the button and the event, with the reference's signature.
    await page.getByRole('tab', { name: /Script/, selected: true }).waitFor()
    await waitUntil('the stub in the editor', async () =>
      (await editorText(page)).includes(`export function ${HANDLER}(widget, data, options) {`),
    )
    expect(await page.getByLabel('Handler name').inputValue()).toBe(HANDLER)

    // A syntax error typed at the cursor (inside the stub): marked in the editor, Save off with a sentence.
    await page.keyboard.press('Enter')
    await page.keyboard.type('const caption = ;')
    await page.locator('.script-editor .cm-lintRange-error').waitFor()
    await waitUntil('Save turned off', async () => await saveScript(page).isDisabled())
    const blocker = await page.locator('#script-save-blocker').innerText()
    expect(blocker).toMatch(/^Fix the syntax error on line 3 before saving: Unexpected token\.$/)
    await page.screenshot({ path: '/tmp/studio-script-editor.png' })

    // Reload: the unsaved script comes back from the draft (the page's draft too).
    await page.reload()
    await page.getByTestId('designer-canvas').waitFor()
    for (const what of ['this page', 'the script scripts/Main.js']) {
      await page
        .locator('.draft-banner', { hasText: `Unsaved changes to ${what}` })
        .getByRole('button', { name: 'Restore draft' })
        .click()
    }
    await page.getByRole('tab', { name: /Script/ }).click()
    await waitUntil('the draft in the editor', async () => (await editorText(page)).includes('const caption = ;'))
    await waitUntil('Save still off', async () => await saveScript(page).isDisabled())

    // The fix: the handler sets the label's caption through the page it is given.
    await page.locator('.script-editor .cm-content').click()
    await page.keyboard.press('Control+a')
    await page.keyboard.insertText(FIXED)
    await waitUntil('Save turned on', async () => await saveScript(page).isEnabled())
    await page.locator('.script-editor .cm-lintRange-error').waitFor({ state: 'detached' })
    await saveScript(page).click()
    await page.getByRole('status').filter({ hasText: 'Saved pages/Main.page.json and scripts/Main.js' }).waitFor()

    const saved = validatePage(readFileSync(join(projectsDir, PROJECT, 'pages', 'Main.page.json'), 'utf8'))
    expect(saved.script).toBe('./scripts/Main.js')
    expect(saved.widgets.find((w) => w.name === 'button1')?.events).toEqual({ onClick: [{ script: HANDLER }] })
    expect(readFileSync(join(projectsDir, PROJECT, 'scripts', 'Main.js'), 'utf8')).toBe(FIXED)

    // The app: served with a CSP that allows scripts only from the server, and the handler runs.
    const app = await context.newPage()
    const appErrors = watchPageErrors(app)
    const response = await app.goto(`${baseUrl}/apps/${PROJECT}/`)
    expect(response?.headers()['content-security-policy']).toMatch(/(^|; )script-src 'self'(;|$)/)
    await app.getByRole('button', { name: 'Button' }).click()
    await waitUntil(
      'the caption set by the handler',
      async () => (await app.locator('[data-widget="label1"]').textContent()) === 'Clicked by button1',
    )

    expect(errors).toEqual([])
    expect(appErrors).toEqual([])
    await context.close()
  }, 120_000)
})
