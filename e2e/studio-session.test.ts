// Journey: the admin session ends while a page is being edited (signed out in another tab). Save then
// asks to sign in again in a dialog over the designer, and once signed in the save goes through: the
// edit reaches the project's file and nothing of the screen was lost.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hasChromium, waitUntil } from './support/harness.js'
import { openStudio, useStudioInChromium } from './support/studio.js'

const PROJECT = 'session_e2e'

describe.skipIf(!hasChromium())('studio: an ended admin session', () => {
  const journey = useStudioInChromium(200)

  it('asks to sign in again in place, then retries the save, so the edit is saved', async () => {
    const { baseUrl, projectsDir } = journey
    const { context, page, errors } = await openStudio(journey, { project: PROJECT })
    await page.getByRole('link', { name: /Pages/ }).click()
    await page.getByRole('link', { name: 'Design Main' }).click()
    const canvas = page.getByTestId('designer-canvas')
    await page.locator('[data-widget-type="Label"]').focus()
    await page.keyboard.press('Enter')
    await canvas.locator('[data-widget="label1"]').waitFor()

    // Another tab of the same browser signs out: the admin session ends under the designer.
    const other = await context.newPage()
    await other.goto(`${baseUrl}/studio/`)
    const signedOut = await other.evaluate(
      async () =>
        (
          await fetch('/api/auth/logout', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{}',
          })
        ).status,
    )
    expect(signedOut).toBe(200)
    await other.close()

    await page.getByRole('button', { name: 'Save', exact: true }).click()
    const dialog = page.locator('dialog[open]')
    await dialog.getByRole('heading', { name: 'Your session ended' }).waitFor()
    // The designer is still there under the dialog, with the edit.
    expect(await canvas.locator('[data-widget="label1"]').count()).toBe(1)
    const file = join(projectsDir, PROJECT, 'pages', 'Main.page.json')
    expect(readFileSync(file, 'utf8')).not.toContain('"label1"')

    await dialog.getByLabel('Username').fill('admin')
    await dialog.getByLabel('Password').fill('admin')
    await dialog.getByRole('button', { name: 'Sign in' }).click()
    await waitUntil('the retried save to reach the file', async () => readFileSync(file, 'utf8').includes('"label1"'))
    expect(await page.locator('dialog[open]').count()).toBe(0)
    expect(JSON.stringify(JSON.parse(readFileSync(file, 'utf8')).widgets)).toContain('"label1"')
    await page.getByText('Saved pages/Main.page.json.').waitFor()
    // The only failure was the save that met the ended session (then retried).
    expect(errors).toEqual(['HTTP 401 /api/studio/projects/session_e2e/pages/Main'])
    await context.close()
  }, 90_000)
})
