// Journey: designing is free of side effects. The Chat Room's service carries a RequestBody (as a wizard
// test once left there), so every connection posts it. Opening the page in the designer posts nothing
// to the room — checked from another member's real socket — and the preview's log shows "would send …";
// only switching sending on for the preview posts it. The import wizard's sample request stays a test
// message unless "use as the request body" is ticked.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
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

const DESIGN_TIME_POST = 'posted at design time'

interface ChatMember {
  received: string[]
  send(text: string): void
  close(): void
}

/** A member of the chat room on a plain WebSocket (not the studio's), recording every message text. */
async function joinChat(baseUrl: string, username: string): Promise<ChatMember> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: username }),
  })
  if (!login.ok) throw new Error(`login as ${username} failed: HTTP ${login.status}`)
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/websocket/chatroom?history=0`, {
    headers: { cookie },
  })
  const received: string[] = []
  socket.on('message', (data) => received.push((JSON.parse(String(data)) as { message: string }).message))
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  return { received, send: (text) => socket.send(text), close: () => socket.close() }
}

describe.skipIf(!hasChromium())('studio: design time has no side effects', () => {
  let projectsDir: string
  let server: TetherServer
  let browser: Browser

  beforeAll(async () => {
    projectsDir = mkdtempSync(join(tmpdir(), 'tether-e2e-side-effects-'))
    cpSync(EXAMPLES_DIR, projectsDir, { recursive: true })
    // The chat service sends a RequestBody on connect; the page's variable leaves it unbound to use it.
    const serviceFile = join(projectsDir, 'chatroom', 'services', 'chatroom.service.json')
    const service = JSON.parse(readFileSync(serviceFile, 'utf8'))
    writeFileSync(serviceFile, JSON.stringify({ ...service, requestBody: DESIGN_TIME_POST }))
    const pageFile = join(projectsDir, 'chatroom', 'pages', 'Main.page.json')
    const page = JSON.parse(readFileSync(pageFile, 'utf8'))
    delete page.variables.chatroom.dataBinding.RequestBody
    writeFileSync(pageFile, JSON.stringify(page))
    server = await startServer({ PROJECTS_DIR: projectsDir, HEARTRATE_INTERVAL_MS: '200' })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    if (projectsDir) rmSync(projectsDir, { recursive: true, force: true })
  })

  it('opening the Chat Room page in the designer posts nothing to the room until sending is switched on', async () => {
    const member = await joinChat(server.baseUrl, 'user2')
    const context = await browser.newContext({ viewport: { width: 1440, height: 960 } })
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    await page.goto(`${server.baseUrl}/studio/`)
    await signIn(page, 'admin')
    await page.goto(`${server.baseUrl}/studio/#/chatroom/pages/Main`)
    const canvas = page.getByTestId('designer-canvas')
    await canvas.locator('[data-widget="connection"][data-state="open"]').waitFor()
    const wouldSend = page.locator('.preview-log [data-outcome="would send"]')
    await waitUntil('"would send" in the preview log', async () => (await wouldSend.count()) >= 1)
    expect(await wouldSend.first().textContent()).toContain(DESIGN_TIME_POST)

    // The room keeps its order: had the canvas posted on connect, it would arrive before this marker.
    member.send('marker')
    await waitUntil('the marker to come back', async () => member.received.includes('marker'))
    expect(member.received).toEqual(['marker'])

    // Sending switched on for this preview: the canvas reconnects and really posts (the check can fail).
    await page.getByLabel('Send to services from this preview').check()
    await waitUntil('the design-time post in the room', async () => member.received.includes(DESIGN_TIME_POST))
    await waitUntil(
      '"sent" in the preview log',
      async () => (await page.locator('.preview-log [data-outcome="sent"]').count()) >= 1,
    )
    member.close()
    expect(errors).toEqual([])
    await context.close()
  }, 120_000)

  it("keeps the wizard's sample request out of the service's RequestBody unless ticked", async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 960 } })
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    await page.goto(`${server.baseUrl}/studio/#/heartrate/services/new`)
    await signIn(page, 'admin')
    await page.getByLabel('Service URL').fill(`${server.baseUrl.replace(/^http/, 'ws')}/websocket/heartrate`)
    await page.getByLabel(/Sample request/).fill('test')
    await page.getByRole('button', { name: 'Test', exact: true }).click()
    await waitUntil('a heartrate message', async () => (await page.locator('.message').count()) >= 1)
    await page.getByRole('checkbox', { name: 'Use as sample' }).nth(0).check()
    await page.getByRole('button', { name: /Next: configure/ }).click()
    expect(await page.getByLabel(/Request body \(RequestBody template/).inputValue()).toBe('')
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    const file = join(projectsDir, 'heartrate', 'services', 'heartrate.service.json')
    await waitUntil('the imported service file', async () => existsSync(file))
    const saved = JSON.parse(readFileSync(file, 'utf8'))
    expect(saved.requestBody).toBeUndefined()
    expect(saved.samples.request).toBe('test')
    expect(errors).toEqual([])
    await context.close()
  }, 120_000)
})
