// The sign-in form against the REAL server: a tiny secured project in a temp folder, the server's own
// auth routes and demo users (SQLite in a temp dir), the built app bundle, headless Chromium.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_BUNDLE_DIR, ensureCurrentAppBundle } from './support/app-bundle.mjs'
import {
  hasChromium,
  launchChromium,
  startServer,
  type TetherServer,
  waitUntil,
  watchPageErrors,
} from './support/harness.js'

const project = { name: 'secure', title: 'Secure App', homePage: 'Main', pages: ['Main'], security: { enabled: true } }
const mainPage = {
  name: 'Main',
  widgets: [
    {
      type: 'Navbar',
      name: 'nav',
      props: { title: 'Secure App' },
      children: [
        {
          type: 'Button',
          name: 'signOut',
          props: { caption: 'Sign out', icon: 'sign-out' },
          events: { onClick: [{ logout: true }] },
        },
      ],
    },
    { type: 'Label', name: 'who', props: { caption: 'bind:loggedInUser.dataSet.name' } },
    { type: 'Label', name: 'first', props: { caption: 'bind:loggedInUser.dataSet.userAttributes.firstname' } },
  ],
}

describe.skipIf(!hasChromium())('sign-in against the real server', () => {
  let dir: string
  let server: TetherServer | undefined
  let browser: Browser
  let baseUrl = ''

  beforeAll(async () => {
    await ensureCurrentAppBundle()
    dir = mkdtempSync(join(tmpdir(), 'tether-login-'))
    const projects = join(dir, 'projects')
    mkdirSync(join(projects, 'secure', 'pages'), { recursive: true })
    writeFileSync(join(projects, 'secure', 'tether.json'), JSON.stringify(project))
    writeFileSync(join(projects, 'secure', 'pages', 'Main.page.json'), JSON.stringify(mainPage))
    server = await startServer({ PROJECTS_DIR: projects, APP_DIR: APP_BUNDLE_DIR })
    baseUrl = server.baseUrl
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('a wrong password shows the server message; the right one shows the page with loggedInUser; sign-out returns', async () => {
    // What the server says to a wrong password, asked directly: the form must show exactly this.
    const refused = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'user1', password: 'not-the-password' }),
    })
    expect(refused.status).toBe(401)
    const serverMessage = ((await refused.json()) as { message: string }).message
    expect(serverMessage.length).toBeGreaterThan(0)

    const page = await browser.newPage()
    const errors = watchPageErrors(page)
    await page.goto(`${baseUrl}/apps/secure/`)
    await page.waitForSelector('form.tether-login input[name="username"]')
    expect(await page.locator('form.tether-login h1').textContent()).toBe('Secure App')
    expect(await page.locator('[data-widget="who"]').count()).toBe(0) // nothing of the app before sign-in

    await page.fill('input[name="username"]', 'user1')
    await page.fill('input[name="password"]', 'wrong')
    await page.click('form.tether-login button[type="submit"]')
    const alert = page.locator('form.tether-login [role="alert"]')
    await waitUntil('the sign-in error', async () => (await alert.count()) > 0)
    expect(await alert.textContent()).toBe(serverMessage)

    await page.fill('input[name="password"]', 'user1')
    await page.click('form.tether-login button[type="submit"]')
    await page.waitForSelector('[data-widget="who"]')
    await waitUntil('loggedInUser in the page', async () => (await page.textContent('[data-widget="who"]')) === 'user1')
    // The bound attributes are the server's: compare with /api/auth/me as this browser session sees it.
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).json())
    expect(me).toMatchObject({ isAuthenticated: true, name: 'user1' })
    expect(me.userAttributes.firstname).toBeTruthy()
    expect(await page.textContent('[data-widget="first"]')).toBe(me.userAttributes.firstname)
    expect(await page.title()).toBe('Secure App')

    await page.click('[data-widget="signOut"]')
    await page.waitForSelector('form.tether-login input[name="username"]')
    expect(await page.locator('[data-widget="who"]').count()).toBe(0)
    const after = await page.evaluate(async () => (await fetch('/api/auth/me')).json())
    expect(after.isAuthenticated).toBe(false)
    // Only the deliberate wrong password's 401 appears as a console error (the browser logs failed requests).
    expect(errors.filter((e) => !e.includes('401'))).toEqual([])
    await page.close()
  })
})
