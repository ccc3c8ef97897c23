// What the protocol journeys share: a running app whose one page binds a protocol service's channel to a
// table. The project is written as files into a fresh projects folder; the service goes through the
// proxy, and its broker login (if any) is stored server-side through the studio API, so the page never
// holds it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { APP_BUNDLE_DIR } from './app-bundle.mjs'
import { startServer, type TetherServer, waitUntil } from './harness.js'

export const PROJECT = 'live'

export interface ProtocolAppOptions {
  /** The service definition (its `name` included); it is saved with `useProxy: true`. */
  service: Record<string, unknown>
  /** A broker login the proxy adds server-side (STOMP login/passcode, MQTT username/password). */
  credentials?: { username: string; password: string }
  /** Headers the proxy adds server-side (an API token). */
  secretHeaders?: Record<string, string>
  /** The variable's own settings on top of `category` and `service`. */
  variable?: Record<string, unknown>
  /** The channel whose dataset the table shows. */
  channel: string
  /** `host:port` targets the proxy may reach. */
  proxyAllow: string
}

export interface ProtocolApp {
  server: TetherServer
  /** Opens the app in a new browser context, signed in as user1 (the proxy needs a session). */
  open(browser: Browser): Promise<Page>
  close(): Promise<void>
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`

export async function startProtocolApp(options: ProtocolAppOptions): Promise<ProtocolApp> {
  const scratch = mkdtempSync(join(tmpdir(), 'tether-e2e-protocol-'))
  const folder = join(scratch, PROJECT)
  mkdirSync(join(folder, 'services'), { recursive: true })
  mkdirSync(join(folder, 'pages'), { recursive: true })
  const name = String(options.service.name)
  writeFileSync(
    join(folder, 'tether.json'),
    json({ name: PROJECT, title: 'Live', homePage: 'Main', pages: ['Main'], security: { enabled: false } }),
  )
  writeFileSync(join(folder, 'services', `${name}.service.json`), json({ ...options.service, useProxy: true }))
  writeFileSync(
    join(folder, 'pages', 'Main.page.json'),
    json({
      name: 'Main',
      variables: { feed: { category: 'websocket', service: name, onNewData: 'addAsLast', ...options.variable } },
      widgets: [
        { type: 'ConnectionStatus', name: 'connection', props: { variable: 'feed' } },
        {
          type: 'DataTable',
          name: 'rows',
          props: { dataset: `bind:Variables.feed.datasets[${JSON.stringify(options.channel)}]` },
        },
      ],
    }),
  )
  const server = await startServer({ PROJECTS_DIR: scratch, APP_DIR: APP_BUNDLE_DIR, PROXY_ALLOW: options.proxyAllow })
  if (options.credentials || options.secretHeaders) {
    const login = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'admin' }),
    })
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const saved = await fetch(`${server.baseUrl}/api/studio/projects/${PROJECT}/services/${name}/secrets`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ credentials: options.credentials ?? {}, headers: options.secretHeaders ?? {} }),
    })
    if (saved.status !== 204) throw new Error(`storing the secrets failed: ${saved.status} ${await saved.text()}`)
  }
  return {
    server,
    async open(browser) {
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 } })
      const signedIn = await context.request.post(`${server.baseUrl}/api/auth/login`, {
        data: { username: 'user1', password: 'user1' },
      })
      if (!signedIn.ok()) throw new Error(`sign-in failed: ${signedIn.status()}`)
      const page = await context.newPage()
      await page.goto(`${server.baseUrl}/apps/${PROJECT}/`)
      return page
    },
    async close() {
      await server.close()
      rmSync(scratch, { recursive: true, force: true })
    },
  }
}

/** The texts of the table's body rows, once there are at least `count`. */
export async function tableRows(page: Page, count: number): Promise<string[]> {
  const rows = page.locator('[data-widget="rows"] tbody tr')
  await waitUntil(`${count} rows in the table`, async () => (await rows.count()) >= count)
  return rows.allInnerTexts()
}
