// Journey: three employees sign in to the Chat Room in three browsers and talk; one of them loses the
// network for a while and, once back, sees what was said meanwhile, each message once.
//
// Going offline: `context.setOffline(true)` does not reliably cut an open WebSocket to 127.0.0.1, so
// the offline user's chat sockets are routed through Playwright (`page.routeWebSocket`), which forwards
// them to the real server. "Offline" closes the routed socket (both ends) and refuses new ones, exactly
// what the page sees when the network drops; "online" lets the next reconnect attempt through.
import type { BrowserContext, Page, WebSocketRoute } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import {
  hasChromium,
  saveScreenshot,
  useExamplesInChromium,
  waitForConnection,
  waitUntil,
  watchPageErrors,
} from './support/harness.js'

interface ShownMessage {
  text: string
  meta: string
  picture: string
}

interface ChatUser {
  name: string
  context: BrowserContext
  page: Page
  errors: string[]
  dialogs: string[]
}

// List items by their (implicit or explicit) list-item role.
const ITEMS = '[data-widget="chatmessageList"] li, [data-widget="chatmessageList"] [role="listitem"]'

/** The messages as the list shows them, top to bottom. */
function shownMessages(page: Page): Promise<ShownMessage[]> {
  return page.evaluate(
    (selector) =>
      [...document.querySelectorAll(selector)].map((item) => ({
        text: item.querySelector('[data-widget="messageText"]')?.textContent ?? '',
        meta: item.querySelector('[data-widget="messageMeta"]')?.textContent ?? '',
        picture: item.querySelector('img[data-widget="senderPicture"]')?.getAttribute('src') ?? '',
      })),
    ITEMS,
  )
}

/** `03:04:05 PM` → seconds since midnight. */
function secondsOfDay(time: string): number {
  const match = /^(\d{2}):(\d{2}):(\d{2}) (AM|PM)$/.exec(time)
  if (!match) throw new Error(`not an hh:mm:ss a time: "${time}"`)
  const [, h, m, s, half] = match
  return ((Number(h) % 12) + (half === 'PM' ? 12 : 0)) * 3600 + Number(m) * 60 + Number(s)
}

const localSecondsOfDay = (ms: number) => {
  const d = new Date(ms)
  return d.getHours() * 3600 + d.getMinutes() * 60 + d.getSeconds()
}

/** The offline switch for one page's chat sockets (see the note at the top). */
async function routeChatSockets(page: Page) {
  let offline = false
  const open = new Set<WebSocketRoute>()
  await page.routeWebSocket(/\/websocket\/chatroom/, (socket) => {
    if (offline) {
      socket.close({ code: 1001, reason: 'network unreachable (test)' })
      return
    }
    socket.connectToServer()
    open.add(socket)
    socket.onClose(() => open.delete(socket))
  })
  return {
    async goOffline() {
      offline = true
      for (const socket of open) await socket.close({ code: 1001, reason: 'network dropped (test)' })
      open.clear()
    },
    goOnline() {
      offline = false
    },
  }
}

/** Posts messages as `username` from a plain WebSocket client, before anyone opens the app (the room's history). */
async function postHistory(baseUrl: string, username: string, messages: string[]): Promise<void> {
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
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/websocket/chatroom`, { headers: { cookie } })
  await new Promise<void>((resolve, reject) => {
    let echoed = 0
    socket.on('open', () => {
      for (const message of messages) socket.send(message)
    })
    socket.on('message', () => {
      if (++echoed === messages.length) resolve()
    })
    socket.on('error', reject)
    socket.on('close', (code) => reject(new Error(`the chat closed with ${code} before echoing everything`)))
  })
  socket.close()
}

describe.skipIf(!hasChromium())('Chat Room in Chromium', () => {
  const journey = useExamplesInChromium()

  async function openAs(name: string, prepare?: (page: Page) => Promise<void>): Promise<ChatUser> {
    const context = await journey.browser.newContext({ viewport: { width: 1000, height: 700 } })
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    const dialogs: string[] = []
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`)
      void dialog.dismiss()
    })
    await prepare?.(page)
    await page.goto(`${journey.server.baseUrl}/apps/chatroom/`)
    await page.fill('input[name="username"]', name)
    await page.fill('input[name="password"]', name)
    await page.click('button[type="submit"]')
    await waitForConnection(page, 'open')
    return { name, context, page, errors, dialogs }
  }

  /** Types into the textarea and sends with Enter or the paper-plane button; the textarea is cleared. */
  async function say(user: ChatUser, text: string, via: 'enter' | 'button'): Promise<void> {
    const box = user.page.locator('[data-widget="message"]')
    await box.fill(text)
    if (via === 'enter') await box.press('Enter')
    else await user.page.click('[data-widget="send"]')
    await waitUntil(`${user.name}'s textarea to be cleared`, async () => (await box.inputValue()) === '')
  }

  const texts = async (user: ChatUser) => (await shownMessages(user.page)).map((m) => m.text)

  async function expectEveryoneSees(users: ChatUser[], expected: { from: string; text: string }[]) {
    for (const user of users) {
      await waitUntil(`${user.name} to show ${expected.length} messages`, async () => {
        const shown = JSON.stringify(await texts(user))
        if (shown === JSON.stringify(expected.map((m) => m.text))) return true
        throw new Error(`shown: ${shown}`)
      })
    }
  }

  it('three users exchange messages; each sees every message once, in order; a dropped user catches up', async () => {
    const startedAt = Date.now()
    // Earlier conversation: enough to overflow the list, so "kept in view" means scrolled to the bottom.
    const history = Array.from({ length: 12 }, (_, i) => `Earlier message ${i + 1}`)
    await postHistory(journey.server.baseUrl, 'admin', history)
    const sent: { from: string; text: string }[] = history.map((text) => ({ from: 'admin', text }))

    const user1 = await openAs('user1')
    const user2 = await openAs('user2')
    let network: Awaited<ReturnType<typeof routeChatSockets>> | undefined
    const user3 = await openAs('user3', async (page) => {
      network = await routeChatSockets(page)
    })
    const users = [user1, user2, user3]
    await expectEveryoneSees(users, sent) // recent history on join
    for (const user of users) {
      // The navbar shows the signed-in user's own picture (employeeDetails, filtered by loggedInUser.id).
      await waitUntil(`${user.name}'s navbar picture`, async () =>
        (await user.page.getAttribute('[data-widget="navbar"] img', 'src'))?.endsWith(`/pictures/${user.name}.svg`),
      )
    }

    const conversation: [ChatUser, string, 'enter' | 'button'][] = [
      [user1, 'Hello everyone, user1 here', 'enter'],
      [user2, 'Hi user1! Good to see you', 'button'],
      [user3, '<img src=x onerror=alert(1)>', 'enter'],
      [user1, 'That should read as text, not run', 'button'],
    ]
    for (const [user, text, via] of conversation) {
      await say(user, text, via)
      sent.push({ from: user.name, text })
      await expectEveryoneSees(users, sent) // one at a time, so the global order is the sending order
    }

    // user3 drops off the network: the others keep talking, and user3 writes something meanwhile.
    if (!network) throw new Error('user3 has no network switch')
    await network.goOffline()
    await waitUntil('user3 to notice the drop', async () => {
      const state = await user3.page.getAttribute('[data-widget="connection"]', 'data-state')
      return state === 'reconnecting' || state === 'connecting'
    })
    const before = sent.length
    for (const [user, text, via] of [
      [user2, 'user3 went quiet?', 'enter'],
      [user1, 'Maybe a tunnel. We will wait.', 'button'],
    ] as const) {
      await say(user, text, via)
      sent.push({ from: user.name, text })
      await expectEveryoneSees([user1, user2], sent)
    }
    await say(user3, 'Sorry, my network dropped', 'enter') // queued while offline, sent on reconnect
    // A draft left in the textarea is the bound RequestBody: reconnecting must not post it.
    const draft = 'a draft I have not sent'
    await user3.page.fill('[data-widget="message"]', draft)
    expect(await texts(user3)).toEqual(sent.slice(0, before).map((m) => m.text)) // nothing arrived meanwhile

    network.goOnline()
    await waitForConnection(user3.page, 'open', 30_000)
    sent.push({ from: 'user3', text: 'Sorry, my network dropped' })
    await expectEveryoneSees(users, sent)
    expect(await user3.page.inputValue('[data-widget="message"]')).toBe(draft)
    const finishedAt = Date.now()

    for (const user of users) {
      const shown = await shownMessages(user.page)
      expect(
        shown.map((m) => m.text),
        `${user.name}: every message exactly once, in order`,
      ).toEqual(sent.map((m) => m.text))
      shown.forEach((message, i) => {
        const from = sent[i]?.from
        const meta = /^by (\S+) at (\d{2}:\d{2}:\d{2} (?:AM|PM))$/.exec(message.meta)
        expect(meta, `meta of message ${i}: "${message.meta}"`).not.toBeNull()
        expect(meta?.[1]).toBe(from)
        const at = secondsOfDay(meta?.[2] ?? '')
        expect(at).toBeGreaterThanOrEqual(localSecondsOfDay(startedAt) - 1)
        expect(at).toBeLessThanOrEqual(localSecondsOfDay(finishedAt) + 1)
        expect(message.picture).toBe(`/pictures/${from}.svg`)
      })
      // The markup arrived as text: no element was made of it and no dialog opened.
      expect(await user.page.locator('[data-widget="chatmessageList"] img[src="x"]').count()).toBe(0)
      expect(user.dialogs).toEqual([])
      expect(user.errors).toEqual([])
    }

    // Newest at the bottom, kept in view although the list overflows.
    const scroll = await user1.page.evaluate((selector) => {
      const items = document.querySelectorAll(selector)
      const last = items[items.length - 1]
      const list = last?.parentElement
      if (!last || !list) return null
      const box = list.getBoundingClientRect()
      const rect = last.getBoundingClientRect()
      return {
        overflows: list.scrollHeight > list.clientHeight,
        inView: rect.bottom <= box.bottom + 1 && rect.top >= box.top - 1,
      }
    }, ITEMS)
    expect(scroll).toEqual({ overflows: true, inView: true })

    // The message text leads; "by … at …" is secondary (the muted Label variant): lighter and smaller.
    const looks = await user1.page.evaluate(() => {
      const style = (name: string) => {
        const element = document.querySelector(`[data-widget="${name}"]`)
        return element ? getComputedStyle(element) : null
      }
      const [text, meta] = [style('messageText'), style('messageMeta')]
      return {
        textWeight: Number(text?.fontWeight),
        metaWeight: Number(meta?.fontWeight),
        sameColor: text?.color === meta?.color,
        smaller: Number.parseFloat(meta?.fontSize ?? '') < Number.parseFloat(text?.fontSize ?? ''),
      }
    })
    expect(looks.textWeight).toBeGreaterThanOrEqual(600)
    expect(looks.metaWeight).toBeLessThan(600)
    expect(looks).toMatchObject({ sameColor: false, smaller: true })

    await saveScreenshot(user1.page, 'chatroom.png')

    // On a phone (390×844): nothing scrolls sideways, and the footer's textarea and send button stay on
    // screen and work.
    await user1.page.setViewportSize({ width: 390, height: 844 })
    const phone = await user1.page.evaluate(() => {
      const box = (name: string) => document.querySelector(`[data-widget="${name}"]`)?.getBoundingClientRect()
      const [textarea, send] = [box('message'), box('send')]
      const inside = (rect: DOMRect | undefined) =>
        !!rect &&
        rect.width > 0 &&
        rect.left >= 0 &&
        rect.right <= window.innerWidth &&
        rect.bottom <= window.innerHeight
      return {
        innerWidth: window.innerWidth,
        scrollWidth: document.documentElement.scrollWidth,
        textareaOnScreen: inside(textarea),
        sendOnScreen: inside(send),
        sendHeight: send?.height ?? 0,
      }
    })
    expect(phone.innerWidth).toBe(390)
    expect(phone.scrollWidth).toBeLessThanOrEqual(phone.innerWidth)
    expect(phone).toMatchObject({ textareaOnScreen: true, sendOnScreen: true })
    expect(phone.sendHeight).toBeGreaterThanOrEqual(38) // a comfortable touch target
    await say(user1, 'Sent from my phone', 'button')
    sent.push({ from: 'user1', text: 'Sent from my phone' })
    await expectEveryoneSees(users, sent)
    expect(user1.errors).toEqual([])

    for (const user of users) await user.context.close()
  }, 60_000)

  it('signed out in another tab: the chat leads to the sign-in form in plain words, and back with the history once', async () => {
    const user = await openAs('user2')
    const other = await user.context.newPage()
    await other.goto(`${journey.server.baseUrl}/apps/chatroom/`)
    await waitForConnection(other, 'open')
    const warnings: string[] = []
    user.page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text())
    })

    // The other tab signs out: the server ends the session and closes its sockets (4401).
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
    await user.page.waitForSelector('form.tether-login input[name="username"]')
    expect(await user.page.locator('form.tether-login [role="alert"]').textContent()).toBe(
      'You were signed out. Sign in again.',
    )
    const shown = await user.page.evaluate(() => document.body.innerText)
    expect(shown).not.toMatch(/4401|close code|\/api\/|ws:\/\//)
    // The developer's detail went to the console.
    expect(warnings.some((w) => w.includes('4401') && w.includes('/websocket/chatroom'))).toBe(true)

    // Said while user2 was away: it must arrive once, with the rest of the history.
    const meanwhile = `While user2 was signed out ${Date.now()}`
    await postHistory(journey.server.baseUrl, 'user1', [meanwhile])

    await user.page.fill('input[name="username"]', 'user2')
    await user.page.fill('input[name="password"]', 'user2')
    await user.page.click('button[type="submit"]')
    await waitForConnection(user.page, 'open')
    await waitUntil('the message said meanwhile', async () => (await texts(user)).includes(meanwhile))
    const after = await texts(user)
    expect(after.filter((text) => text === meanwhile)).toHaveLength(1)
    expect(new Set(after).size, `each message once: ${JSON.stringify(after)}`).toBe(after.length)
    expect(user.errors.filter((e) => !e.startsWith('HTTP 401'))).toEqual([])
    await user.context.close()
  }, 60_000)
})
