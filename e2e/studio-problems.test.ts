// Journey: broken references do not go unnoticed. Deleting the Chat Room's service first says which
// variable uses it; afterwards the Problems section lists that variable, and a binding to a variable that
// does not exist, each with a link that opens the place to fix it.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  EXAMPLES_DIR,
  hasChromium,
  launchChromium,
  startServer,
  type TetherServer,
  waitUntil,
  watchPageErrors,
} from './support/harness.js'
import { signIn } from './support/studio.js'

describe.skipIf(!hasChromium())('studio: problems are listed, and deleting says what depends on it', () => {
  let projectsDir: string
  let server: TetherServer
  let browser: Browser

  beforeAll(async () => {
    projectsDir = mkdtempSync(join(tmpdir(), 'tether-e2e-problems-'))
    cpSync(EXAMPLES_DIR, projectsDir, { recursive: true })
    // A label bound to a variable the page does not have.
    const pageFile = join(projectsDir, 'chatroom', 'pages', 'Main.page.json')
    writeFileSync(
      pageFile,
      readFileSync(pageFile, 'utf8').replace('bind:loggedInUser.dataSet.name', 'bind:Variables.nothere.dataSet'),
    )
    server = await startServer({ PROJECTS_DIR: projectsDir })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    if (projectsDir) rmSync(projectsDir, { recursive: true, force: true })
  })

  it('lists dependents before deleting a service, then shows the broken references with links to fix them', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 960 } })
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    const questions: string[] = []
    let refuse = false
    page.on('dialog', (dialog) => {
      questions.push(dialog.message())
      void (refuse ? dialog.dismiss() : dialog.accept())
    })
    await page.goto(`${server.baseUrl}/studio/#/chatroom/problems`)
    await signIn(page, 'admin')
    const problems = page.getByRole('list', { name: 'Problems' }).getByRole('listitem')
    await problems.filter({ hasText: 'reads the variable "nothere", which does not exist' }).waitFor()

    await page.goto(`${server.baseUrl}/studio/#/chatroom/services/chatroom`)
    await page.getByRole('button', { name: 'Delete', exact: true }).click()
    await page.getByRole('heading', { name: 'Web Services' }).waitFor()
    expect(questions).toHaveLength(1)
    expect(questions[0]).toContain('It is used by the variable chatroom on page Main')

    // Deleting a variable names what reads it too (refused here: the question is the point).
    await page.getByRole('link', { name: /Variables/ }).click()
    refuse = true
    await page
      .locator('[data-variable="chatroom"]')
      .getByRole('button', { name: /Delete/ })
      .click()
    await waitUntil('the question about the variable', async () => questions.length === 2)
    expect(questions[1]).toContain('It is read by the widget chatmessageList on page Main')
    refuse = false

    await page.getByRole('link', { name: /Problems/ }).click()
    const missing = problems.filter({ hasText: 'uses the service "chatroom", which the project does not have' })
    await missing.waitFor()
    expect(await problems.count()).toBe(2)
    await missing.getByRole('link', { name: /Fix in the page designer/ }).click()
    await page.getByTestId('designer-canvas').waitFor()
    expect(new URL(page.url()).hash).toBe('#/chatroom/pages/Main')
    // The designer's canvas cannot connect a variable whose service is gone; that is the reported problem.
    expect(errors.filter((e) => !e.includes('uses service "chatroom", which the project does not define'))).toEqual([])
    await context.close()
  }, 120_000)
})
