// Journey: securing an app from an empty project (the seed's "Configure the Security"). In the studio's
// Security section the user enables security, picks the Employee entity and its fields, lets only the
// role admin open the Main page and saves; unsaved choices survive a reload. The app then asks for a
// sign-in, tells user1 (role user) that the page is not for them, and shows it to admin.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hasChromium, waitUntil, watchPageErrors } from './support/harness.js'
import { createProject, signIn, useStudioInChromium } from './support/studio.js'

const PROJECT = 'security_e2e'

describe.skipIf(!hasChromium())('studio: security from an empty project', () => {
  const journey = useStudioInChromium(1000)

  it('enables security, maps Employee, restricts a page to admin, and the app enforces it', async () => {
    const { baseUrl, projectsDir, browser } = journey
    const context = await browser.newContext({ viewport: { width: 1440, height: 960 } })
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    page.on('dialog', (dialog) => void dialog.accept())
    await page.goto(`${baseUrl}/studio/`)
    await signIn(page, 'admin')
    await createProject(page, PROJECT)

    await page.getByRole('link', { name: /Security/ }).click()
    await page.getByRole('heading', { name: 'Security' }).waitFor()
    await page.getByRole('switch', { name: 'Enable security' }).check()
    await page.getByLabel('Entity').selectOption('employee')
    await page.getByLabel('Id field').selectOption('empId')
    await page.getByLabel('Username field').selectOption('username')
    await page.getByLabel('Password field').selectOption('password')
    await page.getByLabel('Role field').selectOption('role')
    await page.getByLabel('Who can open Main').selectOption({ label: 'Users with these roles' })

    // Save checks the form first: a page for some roles needs at least one.
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByText('Add at least one role, or let every signed-in user in.').waitFor()
    await page.getByLabel('Add a role for Main').fill('admin')
    await page.getByLabel('Add a role for Main').press('Enter')
    await page.getByRole('list', { name: 'Roles for Main' }).getByText('admin').waitFor()

    // Unsaved, the choices survive a reload.
    await page.reload()
    await page.getByRole('button', { name: 'Restore draft' }).click()
    await page.getByRole('list', { name: 'Roles for Main' }).getByText('admin').waitFor()
    expect(await page.getByRole('switch', { name: 'Enable security' }).isChecked()).toBe(true)
    await page.screenshot({ path: '/tmp/studio-security.png' })

    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor()
    const saved = JSON.parse(readFileSync(join(projectsDir, PROJECT, 'tether.json'), 'utf8'))
    expect(saved.security).toEqual({
      enabled: true,
      provider: {
        type: 'database',
        entity: 'employee',
        idField: 'empId',
        usernameField: 'username',
        passwordField: 'password',
        roleField: 'role',
      },
      pages: { Main: { access: 'roles', roles: ['admin'] } },
    })
    expect(errors).toEqual([])

    // The app: a sign-in first, "no access" for a user without the role, the page for admin.
    const appContext = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const app = await appContext.newPage()
    const appErrors = watchPageErrors(app)
    await app.goto(`${baseUrl}/apps/${PROJECT}/`)
    await app.getByRole('button', { name: 'Sign in' }).waitFor()
    await signIn(app, 'user1')
    await app.getByRole('heading', { name: "You don't have access to this page" }).waitFor()
    expect(await app.locator('[data-page="Main"]').count()).toBe(0)
    await app.screenshot({ path: '/tmp/app-no-access.png' })
    await app.getByRole('button', { name: 'Sign out' }).click()
    await signIn(app, 'admin')
    await app.locator('[data-page="Main"]').waitFor()
    await waitUntil('the address to keep the page', async () => new URL(app.url()).pathname === `/apps/${PROJECT}/`)
    expect(appErrors).toEqual([])
    await appContext.close()
    await context.close()
  }, 120_000)
})
