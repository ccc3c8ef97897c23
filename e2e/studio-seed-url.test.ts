// Journey: the chat seed's URL in the import wizard. The studio admin tests
// `ws://…/websocket/chatroom?username=user1` (and the relative `/websocket/chatroom?username=user1`): the
// chat lets each user post only as themself, so the studio says so in plain words and offers "Test as
// admin", which connects under the studio user's name for this test only. The sample request comes back
// to the tester alone — a member of the real room receives nothing — and the imported service keeps the
// URL as typed.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { hasChromium, waitUntil, watchPageErrors } from './support/harness.js'
import { createProject, signIn, useStudioInChromium } from './support/studio.js'

/** A member of the real room on a plain WebSocket, recording every message text it receives. */
async function joinChat(
  baseUrl: string,
  username: string,
): Promise<{ received: string[]; send(text: string): void; close(): void }> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: username }),
  })
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/websocket/chatroom`, { headers: { cookie } })
  const received: string[] = []
  socket.on('message', (data) => received.push((JSON.parse(String(data)) as { message: string }).message))
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  return { received, send: (text) => socket.send(text), close: () => socket.close() }
}

const explanation = (page: Page) => page.locator('.test-panel [role="alert"]')

/** Tests `url` with `sample`, reads the explanation, then tests as admin and waits for the echo. */
async function testAsAdmin(page: Page, url: string, sample: string, screenshot?: string): Promise<string> {
  await page.getByLabel('Service URL').fill(url)
  await page.getByLabel(/Sample request/).fill(sample)
  await page.getByRole('button', { name: 'Test', exact: true }).click()
  await page.getByRole('button', { name: 'Test as admin' }).waitFor()
  const said = (await explanation(page).textContent()) ?? ''
  if (screenshot) await page.screenshot({ path: screenshot })
  await page.getByRole('button', { name: 'Test as admin' }).click()
  await waitUntil('the echoed sample', async () =>
    (await page.locator('.message').allTextContents()).some((text) => text.includes(sample)),
  )
  return said
}

describe.skipIf(!hasChromium())("studio: the chat seed's URL", () => {
  const journey = useStudioInChromium(1000)

  it('explains the as-yourself rule, tests as admin without posting to the room, and keeps the URL', async () => {
    const member = await joinChat(journey.baseUrl, 'user2')
    const context = await journey.browser.newContext({ viewport: { width: 1440, height: 960 } })
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    await page.goto(`${journey.baseUrl}/studio/`)
    await signIn(page, 'admin')
    await createProject(page, 'seed_chat')
    await page.getByRole('button', { name: 'Import service' }).click()

    const ws = journey.baseUrl.replace(/^http/, 'ws')
    const said = await testAsAdmin(
      page,
      `${ws}/websocket/chatroom?username=user1`,
      'hello from the test',
      '/tmp/studio-seed-url-explained.png',
    )
    expect(said).toContain('The chat service lets each signed-in user post only as themself.')
    expect(said).toContain('You are signed in to the studio as admin.')
    expect(said).not.toMatch(/4403|close code|TETHER_/)
    await page.screenshot({ path: '/tmp/studio-seed-url.png' })
    const echoed = (await page.locator('.message').allTextContents()).join('\n')
    expect(echoed).toContain('"username": "admin"')
    expect(await page.getByLabel('Service URL').inputValue()).toBe(`${ws}/websocket/chatroom?username=user1`)

    // The relative URL of the same service works the same way.
    await testAsAdmin(page, '/websocket/chatroom?username=user1', 'relative test')
    await page.getByRole('checkbox', { name: 'Use as sample' }).nth(0).check()
    await page.getByRole('button', { name: /Next: configure/ }).click()
    await page.getByLabel('Service name').fill('chatroomservice')
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    const file = join(journey.projectsDir, 'seed_chat', 'services', 'chatroomservice.service.json')
    await waitUntil('the imported service file', async () => existsSync(file))
    // The test's name is never saved: the definition keeps the URL as typed.
    expect(JSON.parse(readFileSync(file, 'utf8')).url).toBe('/websocket/chatroom?username=user1')

    // Design-time tests are private: a member of the real room heard none of them. The marker proves
    // the member was listening (the room keeps its order, so earlier posts would have come first).
    const poster = await joinChat(journey.baseUrl, 'user3')
    poster.send('marker')
    await waitUntil('the marker in the room', async () => member.received.includes('marker'))
    expect(member.received).toEqual(['marker'])
    poster.close()
    member.close()
    // Chromium logs the refused test connections itself; those were the point.
    expect(errors.filter((e) => !e.includes('WebSocket connection to'))).toEqual([])
    await context.close()
  }, 120_000)
})
