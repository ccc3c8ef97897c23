// Journey: an administrator builds the Chat Room from an empty project through the studio alone, in the
// order of the reference walkthrough (shared seed "WebSocket Usage - Chatroom App"): import the chat
// service from a test, create the WebSocket variable, secure the app, create the Database CRUD
// variables, design the page, bind the variable's inputs. Then three employees sign in through the
// app's own sign-in page and talk. Mid-chat one of them is signed out from another tab and the server
// restarts: the others' chats come back by themselves, the signed-out one signs in again, and everyone
// sees every message once, in order. Runs on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { validatePage, validateProject } from '@tether/runtime'
import pg from 'pg'
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { hasChromium, waitForConnection, waitUntil, watchPageErrors } from './support/harness.js'
import { dialog, openStudio, type StudioInChromium, signIn, useStudioInChromium } from './support/studio.js'

const PROJECT = 'chat'

// ---- The studio --------------------------------------------------------------------------------------

/** The open modal (the rest of the page is inert while it is open). */
const properties = (page: Page) => page.locator('#properties')

/** Opens the bind dialog of `button`, picks `expression` in its tree and applies it. */
async function bindIn(page: Page, button: string, expression: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click()
  await dialog(page).locator(`[data-expression="${expression}"]`).click()
  await dialog(page).getByRole('button', { name: 'Bind', exact: true }).click()
}

const selectInOutline = (page: Page, name: string) => page.locator(`.outline [data-name="${name}"]`).click()

/** Inserts a widget from the palette into the selected container (or after the selected widget), names it. */
async function insert(page: Page, type: string, name: string): Promise<void> {
  await page.locator(`[data-widget-type="${type}"]`).click()
  await page.locator('#widget-name').fill(name)
  await page.locator('#widget-name').press('Enter')
  await page.locator(`.outline [data-name="${name}"][aria-selected="true"]`).waitFor()
}

const setProperty = (page: Page, label: string, value: string) =>
  properties(page).getByLabel(label, { exact: true }).fill(value)
const chooseProperty = (page: Page, label: string, value: string) =>
  properties(page).getByLabel(label, { exact: true }).selectOption(value)

/** Adds an action to an event of the selected widget; returns its row. */
async function addAction(page: Page, event: string, kind: string): Promise<Locator> {
  await page.getByLabel(`Add action to ${event}`).selectOption({ label: kind })
  return properties(page).locator('.action-row').last()
}

async function newVariable(page: Page, name: string, kind?: string): Promise<void> {
  await page.getByRole('link', { name: /Variables/ }).click()
  await page.getByRole('button', { name: '+ New variable' }).click()
  await dialog(page).getByLabel('Name', { exact: true }).fill(name)
  if (kind) await dialog(page).getByLabel('Kind').selectOption({ label: kind })
}

async function saveVariable(page: Page, name: string, button = 'Create variable'): Promise<void> {
  await dialog(page).getByRole('button', { name: button }).click()
  await dialog(page).waitFor({ state: 'detached' })
  await page.locator(`[data-variable="${name}"]`).waitFor()
}

/** Steps 1–3: test the chat service with the sample request "test", pick a sample, declare its parameters, import. */
async function importChatService(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Import service' }).click()
  // The walkthrough's URL (posting as user1), and how many recent messages a newcomer gets (the room
  // sends none unless asked).
  await page.getByLabel('Service URL').fill('/websocket/chatroom?username=user1&history=50')
  await page.getByLabel(/Sample request/).fill('test')
  await page.getByRole('button', { name: 'Test', exact: true }).click()
  // Nobody may post as another user: the studio says so and tests as its own user, echoed to it alone.
  await page.getByRole('button', { name: 'Test as admin' }).click()
  await waitUntil('the echo of the test message', async () => (await page.locator('.message').count()) >= 1)
  await page.getByRole('checkbox', { name: 'Use as sample' }).first().check()
  await page.getByRole('button', { name: /Next: configure/ }).click()
  expect(await page.getByLabel('Service name').inputValue()).toBe('chatroom')
  // username is required and has no default: each user of the app posts as themself.
  await page.getByLabel('username is required').check()
  await page.getByLabel('username default value').fill('')
  await page.getByRole('button', { name: 'Import', exact: true }).click()
  await page.getByRole('link', { name: /chatroom/ }).waitFor()
}

/** Step 4: the WebSocket variable — connect on page load, add as last record. */
async function createChatVariable(page: Page): Promise<void> {
  await newVariable(page, 'chatroom')
  expect(await dialog(page).getByLabel('Service').inputValue()).toBe('chatroom')
  expect(await dialog(page).getByLabel('Connect on page load').isChecked()).toBe(true)
  await dialog(page).getByLabel('On new data').selectOption('addAsLast')
  await dialog(page).getByLabel('Data limit').fill('200')
  // A chat line is sent once: a reconnect must not post the textarea's text again.
  await dialog(page).getByLabel('Send the RequestBody again after a reconnect').uncheck()
  // After a reconnect (a server restart), ask for what was missed rather than the whole history again.
  await dialog(page).getByLabel('Resume query parameter').fill('since')
  await dialog(page).getByLabel('Resume from the record field').fill('id')
  await saveVariable(page, 'chatroom')
}

/** Step 5: security with the Database provider on the Employee entity. */
async function secureApp(page: Page): Promise<void> {
  await page.getByRole('link', { name: /Security/ }).click()
  await page.getByRole('heading', { name: 'Security' }).waitFor()
  await page.getByRole('switch', { name: 'Enable security' }).check()
  await page.getByLabel('Entity').selectOption('employee')
  await page.getByLabel('Id field').selectOption('empId')
  await page.getByLabel('Username field').selectOption('username')
  await page.getByLabel('Password field').selectOption('password')
  await page.getByLabel('Role field').selectOption('role')
  await page.getByRole('button', { name: 'Save' }).click()
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor()
}

/** Steps 6–7: the signed-in employee (filtered by loggedInUser.id) and every employee (their pictures). */
async function createEmployeeVariables(page: Page): Promise<void> {
  await newVariable(page, 'employeeDetails', 'Database CRUD')
  await dialog(page).getByLabel('Entity').selectOption('employee')
  await dialog(page).getByRole('tab', { name: 'Data' }).click()
  await bindIn(page, 'Bind empId', 'loggedInUser.dataSet.id')
  await saveVariable(page, 'employeeDetails')
  await newVariable(page, 'employeeData', 'Database CRUD')
  await dialog(page).getByLabel('Entity').selectOption('employee')
  await dialog(page).getByLabel('Records per request').fill('100')
  await saveVariable(page, 'employeeData')
}

/** Step 8: the page — navbar, the list of messages, the textarea and the Send button. */
async function designChatPage(page: Page): Promise<void> {
  await page.getByRole('link', { name: /Pages/ }).click()
  await page.getByRole('link', { name: 'Design Main' }).click()
  await page.getByTestId('designer-canvas').waitFor()

  // A layout with the top navbar: title, the signed-in user's picture, the connection's state.
  await insert(page, 'Layout', 'layout')
  await insert(page, 'Navbar', 'navbar')
  await setProperty(page, 'Title', 'Chat Room')
  await bindIn(page, 'Bind Image URL', 'Variables.employeeDetails.firstRecord.picurl')
  await insert(page, 'ConnectionStatus', 'connection')
  await chooseProperty(page, 'Variable', 'chatroom')

  // A panel with the list of messages: the sender's picture, the message, who and when.
  await selectInOutline(page, 'layout')
  await insert(page, 'Panel', 'chatPanel')
  await setProperty(page, 'Title', 'Messages')
  await insert(page, 'List', 'chatmessageList')
  await bindIn(page, 'Bind Dataset', 'Variables.chatroom.dataSet')
  await page.getByRole('button', { name: 'Choose Key field', exact: true }).click()
  await dialog(page).locator('[data-field="id"]').click()
  await dialog(page).getByRole('button', { name: 'Use field' }).click()
  await insert(page, 'Picture', 'senderPicture')
  await page.getByRole('button', { name: 'Bind Source URL', exact: true }).click()
  await dialog(page).locator('[data-expression="item.username"]').click()
  await dialog(page).getByLabel('Lookup variable').selectOption('employeeData')
  await dialog(page).getByLabel('Lookup key field').fill('username')
  await dialog(page).getByLabel('Lookup value field').fill('picurl')
  await dialog(page).getByRole('button', { name: '+ lookup' }).click()
  await dialog(page).getByRole('button', { name: 'Bind', exact: true }).click()
  await setProperty(page, 'Width (px)', '40')
  await chooseProperty(page, 'Shape', 'circle')
  await insert(page, 'Label', 'messageText')
  await bindIn(page, 'Bind Caption', 'item.message')
  await insert(page, 'Label', 'senderName')
  await bindIn(page, 'Bind Caption', 'item.username')
  await chooseProperty(page, 'Variant', 'muted')
  await insert(page, 'Label', 'sentAt')
  await chooseProperty(page, 'Variant', 'muted')
  await page.getByRole('button', { name: 'Bind Caption', exact: true }).click()
  await dialog(page).locator('[data-expression="item.time"]').click()
  await dialog(page).getByLabel('Date format').selectOption('hh:mm:ss a')
  await dialog(page).getByRole('button', { name: '+ toDate' }).click()
  await dialog(page).getByRole('button', { name: 'Bind', exact: true }).click()

  // The footer: a grid row of 10 + 2 columns, the textarea and the Send button calling chatroom.send.
  await selectInOutline(page, 'chatPanel')
  await insert(page, 'PanelFooter', 'chatFooter')
  await insert(page, 'GridRow', 'composeRow')
  await selectInOutline(page, 'gridColumn1')
  await setProperty(page, 'Width (1–12 columns)', '10')
  await insert(page, 'Textarea', 'message')
  await setProperty(page, 'Placeholder', 'Enter message here')
  await selectInOutline(page, 'gridColumn2')
  await setProperty(page, 'Width (1–12 columns)', '2')
  await insert(page, 'Button', 'send')
  await setProperty(page, 'Caption', 'Send')
  await chooseProperty(page, 'Icon', 'paper-plane')
  const call = await addAction(page, 'onClick', 'Call a variable method')
  await call.getByLabel('Variable').selectOption('chatroom')
  await call.getByLabel('Method').selectOption('send')
  const clear = await addAction(page, 'onClick', 'Set a widget value')
  await clear.getByLabel('Widget').selectOption('message')
  await page.keyboard.press('Control+s')
  await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor()
}

/** Step 9: the variable's inputs — username is the signed-in user, the RequestBody the textarea. */
async function bindChatInputs(page: Page): Promise<void> {
  await page.getByRole('link', { name: /Variables/ }).click()
  await page.getByRole('button', { name: 'Edit chatroom' }).click()
  await dialog(page).getByRole('tab', { name: 'Data' }).click()
  await bindIn(page, 'Bind username', 'loggedInUser.dataSet.name')
  await bindIn(page, 'Bind RequestBody', 'Widgets.message.datavalue')
  await saveVariable(page, 'chatroom', 'Save variable')
}

// ---- The running app ---------------------------------------------------------------------------------

interface ChatUser {
  name: string
  context: BrowserContext
  page: Page
  errors: string[]
}

interface ShownMessage {
  text: string
  name: string
  time: string
  picture: string
}

const ITEMS = '[data-widget="chatmessageList"] li, [data-widget="chatmessageList"] [role="listitem"]'

/** A new browser (context) on the app, signed in through the app's own sign-in page. */
async function openChat(journey: StudioInChromium, name: string): Promise<ChatUser> {
  const context = await journey.browser.newContext({ viewport: { width: 1000, height: 760 } })
  const page = await context.newPage()
  const errors = watchPageErrors(page)
  await page.goto(`${journey.baseUrl}/apps/${PROJECT}/`)
  await signIn(page, name)
  await waitForConnection(page, 'open')
  return { name, context, page, errors }
}

/** The messages as the list shows them, top to bottom. */
function shownMessages(page: Page): Promise<ShownMessage[]> {
  return page.evaluate(
    (selector) =>
      [...document.querySelectorAll(selector)].map((item) => ({
        text: item.querySelector('[data-widget="messageText"]')?.textContent ?? '',
        name: item.querySelector('[data-widget="senderName"]')?.textContent ?? '',
        time: item.querySelector('[data-widget="sentAt"]')?.textContent ?? '',
        picture: item.querySelector('img[data-widget="senderPicture"]')?.getAttribute('src') ?? '',
      })),
    ITEMS,
  )
}

/** Waits until each user's list shows exactly `expected`, in order: each message once, nothing else. */
async function everyoneSees(users: ChatUser[], expected: { text: string }[]): Promise<void> {
  const want = JSON.stringify(expected.map((m) => m.text))
  for (const user of users) {
    await waitUntil(
      `${user.name} to show ${expected.length} messages`,
      async () => {
        const shown = JSON.stringify((await shownMessages(user.page)).map((m) => m.text))
        if (shown === want) return true
        throw new Error(`shown: ${shown}`)
      },
      30_000,
    )
  }
}

/** Types into the textarea and clicks Send; the textarea is cleared. */
async function say(user: ChatUser, text: string): Promise<void> {
  const box = user.page.locator('[data-widget="message"]')
  await box.fill(text)
  await user.page.locator('[data-widget="send"]').click()
  await waitUntil(`${user.name}'s textarea to be cleared`, async () => (await box.inputValue()) === '')
}

/** Waits for the user's chat to notice that the connection dropped (it is trying again). */
function waitForDrop(user: ChatUser): Promise<true> {
  return waitUntil(
    `${user.name}'s chat to notice the drop`,
    async () => {
      const state = await user.page.getAttribute('[data-widget="connection"]', 'data-state')
      return state === 'reconnecting' || state === 'connecting'
    },
    30_000,
  )
}

/** Signs the context's session out from a second tab of the same browser, as a user would elsewhere. */
async function signOutInAnotherTab(user: ChatUser, baseUrl: string): Promise<void> {
  const tab = await user.context.newPage()
  await tab.goto(`${baseUrl}/apps/${PROJECT}/`)
  const status = await tab.evaluate(
    async () =>
      (await fetch('/api/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }))
        .status,
  )
  expect(status).toBe(200)
  await tab.close()
}

/**
 * The room's history as the server stores it: a design-time test connection (`?test=1`, its probe is
 * echoed to it alone and never stored) with the user's session; everything before the probe's echo.
 */
async function roomHistory(user: ChatUser, baseUrl: string): Promise<string[]> {
  const cookie = (await user.context.cookies(baseUrl)).map((c) => `${c.name}=${c.value}`).join('; ')
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/websocket/chatroom?history=50&test=1`, {
    headers: { cookie, origin: baseUrl },
  })
  const history: string[] = []
  try {
    await new Promise<void>((resolve, reject) => {
      socket.on('open', () => socket.send('probe'))
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { id: number; message: string }
        if (frame.id === 0) resolve()
        else history.push(frame.message)
      })
      socket.on('error', reject)
      socket.on('close', (code) => reject(new Error(`the chat closed with ${code} before the probe's echo`)))
    })
  } finally {
    socket.close()
  }
  return history
}

// ---- The databases -----------------------------------------------------------------------------------

interface Database {
  name: string
  env: Record<string, string>
  cleanup(): Promise<void>
}

/** SQLite always; PostgreSQL (in a fresh schema) when TEST_DATABASE_URL is set. */
function databases(): Database[] {
  const sqlite: Database = { name: 'SQLite', env: {}, cleanup: async () => {} }
  const url = process.env.TEST_DATABASE_URL
  if (!url) {
    console.warn('[skipped] the studio Chat Room journey on PostgreSQL: set TEST_DATABASE_URL to run it.')
    return [sqlite]
  }
  const schema = `e2e_${Math.random().toString(36).slice(2, 12)}`
  const postgres: Database = {
    name: 'PostgreSQL',
    env: { DATABASE_URL: url, DATABASE_SCHEMA: schema },
    async cleanup() {
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      try {
        await client.query(`drop schema if exists "${schema}" cascade`)
      } finally {
        await client.end()
      }
    },
  }
  return [sqlite, postgres]
}

for (const database of databases()) {
  describe.skipIf(!hasChromium())(`studio: the Chat Room from an empty project, on ${database.name}`, () => {
    const journey = useStudioInChromium(1000, database.env)
    afterAll(() => database.cleanup())

    it('is built in the studio alone; three users chat, one is signed out, the server restarts; each message once', async () => {
      const started = Date.now()
      const { projectsDir } = journey
      const studio = await openStudio(journey, { project: PROJECT })
      const { page } = studio
      const file = (...path: string[]) => readFileSync(join(projectsDir, PROJECT, ...path), 'utf8')

      await importChatService(page)
      const service = JSON.parse(file('services', 'chatroom.service.json'))
      expect(service.queryParams).toEqual([
        { name: 'username', required: true },
        { name: 'history', default: '50' },
      ])
      expect(service.samples.request).toBe('test')
      expect(service.requestBody ?? '').toBe('') // the test message is not posted by every app
      expect(Object.keys(service.schema.properties).sort()).toEqual(['id', 'message', 'time', 'username'])

      await createChatVariable(page)
      await secureApp(page)
      await createEmployeeVariables(page)
      await designChatPage(page)
      await page.screenshot({ path: '/tmp/chatroom-designer.png' })
      await bindChatInputs(page)

      expect(validateProject(file('tether.json')).security).toEqual({
        enabled: true,
        provider: {
          type: 'database',
          entity: 'employee',
          idField: 'empId',
          usernameField: 'username',
          passwordField: 'password',
          roleField: 'role',
        },
      })
      expect(validatePage(file('pages', 'Main.page.json')).variables).toEqual({
        chatroom: {
          category: 'websocket',
          service: 'chatroom',
          connectOnLoad: true,
          onNewData: 'addAsLast',
          dataLimit: 200,
          resendRequestBodyOnReconnect: false,
          resume: { param: 'since', field: 'id' },
          dataBinding: { username: 'bind:loggedInUser.dataSet.name', RequestBody: 'bind:Widgets.message.datavalue' },
        },
        employeeDetails: {
          category: 'crud',
          entity: 'employee',
          requestOnLoad: true,
          size: 20,
          filter: { empId: 'bind:loggedInUser.dataSet.id' },
        },
        employeeData: { category: 'crud', entity: 'employee', requestOnLoad: true, size: 100 },
      })
      expect(studio.errors).toEqual([])
      await studio.context.close()
      const built = Date.now()

      // Three employees sign in, each in their own browser, through the app's sign-in page.
      const users = await Promise.all(['user1', 'user2', 'user3'].map((name) => openChat(journey, name)))
      const [user1, user2, user3] = users as [ChatUser, ChatUser, ChatUser]
      // The studio's test was echoed to the studio alone, and opening the page posted nothing (no empty
      // message): the room is empty, and stays free of anything but what is said below.
      const sent: { from: string; text: string }[] = []
      expect(await roomHistory(user1, journey.baseUrl)).toEqual([])
      for (const user of users) {
        await waitUntil(`${user.name}'s own picture in the navbar`, async () =>
          (await user.page.getAttribute('[data-widget="navbar"] img', 'src'))?.endsWith(`/pictures/${user.name}.svg`),
        )
      }
      for (const user of users) {
        await say(user, `Hello from ${user.name}`)
        sent.push({ from: user.name, text: `Hello from ${user.name}` })
        await everyoneSees(users, sent) // one at a time, so the order everyone sees is the sending order
      }
      for (const user of users) {
        for (const [i, message] of (await shownMessages(user.page)).entries()) {
          expect(message.name).toBe(sent[i]?.from)
          expect(message.time).toMatch(/^\d\d:\d\d:\d\d [AP]M$/)
          expect(message.picture).toBe(`/pictures/${sent[i]?.from}.svg`)
        }
      }

      // Mid-chat, user2 is signed out in another tab: their chat shows the sign-in form, in plain words.
      await signOutInAnotherTab(user2, journey.baseUrl)
      await user2.page.getByRole('button', { name: 'Sign in' }).waitFor()
      expect(await user2.page.locator('form [role="alert"]').textContent()).toBe('You were signed out. Sign in again.')
      await say(user1, 'user2 left?')
      sent.push({ from: 'user1', text: 'user2 left?' })
      await everyoneSees([user1, user3], sent)

      // The server restarts. While it is down user3 writes (the message waits in the variable's queue);
      // once it is back, user1's and user3's chats reconnect by themselves and catch up, each message once.
      await journey.server.restart(async () => {
        for (const user of [user1, user3]) await waitForDrop(user)
        await say(user3, 'Written while the server was down')
      })
      sent.push({ from: 'user3', text: 'Written while the server was down' })
      for (const user of [user1, user3]) await waitForConnection(user.page, 'open', 30_000)
      await everyoneSees([user1, user3], sent)

      // user2 signs in again: back on the chat with the whole history once, and talks.
      await signIn(user2.page, 'user2')
      await waitForConnection(user2.page, 'open')
      await say(user2, 'Signed in again')
      sent.push({ from: 'user2', text: 'Signed in again' })
      await everyoneSees(users, sent)

      expect(await roomHistory(user1, journey.baseUrl)).toEqual(sent.map((m) => m.text))
      for (const user of users) await user.page.screenshot({ path: `/tmp/chatroom-${user.name}.png` })
      // Expected noise: Chromium's own report of the refused reconnects while the server was down, and
      // the 401s of user2's calls once signed out.
      const expectedNoise = (error: string) =>
        /^console\.error: WebSocket connection to '[^']*\/websocket\/chatroom\?[^']*' failed: .*ERR_CONNECTION_REFUSED/.test(
          error,
        ) || error.startsWith('HTTP 401 ')
      for (const user of users) expect(user.errors.filter((error) => !expectedNoise(error))).toEqual([])
      for (const user of users) await user.context.close()
      console.log(`[journey] ${database.name}: studio ${built - started} ms, app ${Date.now() - built} ms`)
    }, 240_000)
  })
}
