// Browser test of the runtime: a page bound to a live WebSocket variable, in headless Chromium.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'

const CHROMIUM = '/usr/bin/chromium'
const hasChromium = existsSync(CHROMIUM)
if (!hasChromium)
  console.warn(`e2e/runtime.test.ts: skipped — ${CHROMIUM} is missing (install Debian's chromium package).`)

const reactDir = fileURLToPath(new URL('../packages/react/', import.meta.url))
const appDir = join(reactDir, 'dist-app')

const project = {
  project: { name: 'test', title: 'Runtime test', homePage: 'Main', pages: ['Main'], security: { enabled: false } },
  services: { heartrateservice: { name: 'heartrateservice', url: 'ws://placeholder.invalid/websocket/heartrate' } },
  pages: {
    Main: {
      name: 'Main',
      variables: {
        heartratevariable: {
          category: 'websocket',
          service: 'heartrateservice',
          onNewData: 'addAsLast',
          dataLimit: 20,
        },
      },
      widgets: [
        { type: 'ConnectionStatus', name: 'status', props: { variable: 'heartratevariable' } },
        { type: 'Label', name: 'lastValue', props: { caption: 'bind:Variables.heartratevariable.lastRecord.value' } },
        {
          type: 'DataTable',
          name: 'readings',
          props: {
            dataset: 'bind:Variables.heartratevariable.dataSet',
            pageSize: 50,
            columns: [
              { field: 'time', title: 'Time', format: 'date:hh:mm:ss a' },
              { field: 'value', title: 'Value' },
            ],
          },
        },
        {
          type: 'Chart',
          name: 'chart',
          props: {
            type: 'line',
            dataset: 'bind:Variables.heartratevariable.dataSet',
            xField: 'time',
            yField: 'value',
            xTitle: 'Time',
            yTitle: 'Value',
          },
        },
      ],
    },
  },
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
}

let server: Server
let wss: WebSocketServer
let browser: Browser
let origin = ''
let nextValue = 60

describe.skipIf(!hasChromium)('runtime in Chromium', () => {
  beforeAll(async () => {
    if (!existsSync(join(appDir, 'index.html'))) {
      const built = spawnSync(
        process.execPath,
        [join(reactDir, '../../node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
        { cwd: reactDir, stdio: 'inherit' },
      )
      if (built.status !== 0) throw new Error('building dist-app failed')
    }
    server = createServer(async (req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname
      if (path === '/favicon.ico') return void res.writeHead(204).end()
      if (path === '/api/projects/test')
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(project))
      if (path === '/api/auth/me')
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            isAuthenticated: false,
            isSecurityEnabled: false,
            name: null,
            id: null,
            roles: [],
            tenantId: null,
            userAttributes: {},
          }),
        )
      if (path.startsWith('/apps/test/')) {
        const wanted = normalize(join(appDir, path.slice('/apps/test/'.length) || 'index.html'))
        const file =
          wanted.startsWith(appDir + sep) && existsSync(wanted) && extname(wanted) ? wanted : join(appDir, 'index.html')
        return void res
          .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
          .end(await readFile(file))
      }
      res.writeHead(404).end()
    })
    wss = new WebSocketServer({ server, path: '/websocket/heartrate' })
    wss.on('connection', (socket) => {
      const timer = setInterval(() => socket.send(JSON.stringify({ time: Date.now(), value: nextValue++ })), 40)
      socket.on('close', () => clearInterval(timer))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
  })

  afterAll(async () => {
    await browser?.close()
    for (const client of wss?.clients ?? []) client.terminate()
    wss?.close()
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  })

  it('a table, a chart and a label bound to a live WebSocket variable update', async () => {
    // The service URL in the project is absolute but the page must still work; point it at our server.
    project.services.heartrateservice.url = `${origin.replace('http', 'ws')}/websocket/heartrate`
    const page = await browser.newPage()
    const consoleErrors: string[] = []
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
    page.on('pageerror', (e) => consoleErrors.push(e.message))
    await page.goto(`${origin}/apps/test/#/Main`)

    await page.waitForSelector('[data-widget="status"][data-state="open"]')
    const label = page.locator('[data-widget="lastValue"]')
    await expect.poll(async () => Number(await label.textContent()), { timeout: 10_000 }).toBeGreaterThan(60)
    const first = Number(await label.textContent())
    await expect.poll(async () => Number(await label.textContent()), { timeout: 10_000 }).toBeGreaterThan(first + 3)

    const rows = page.locator('[data-widget="readings"] tbody tr')
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(20) // data limit 20: never more
    const times = await page.locator('[data-widget="readings"] tbody td:first-child').allTextContents()
    expect(times.every((t) => /^\d\d:\d\d:\d\d [AP]M$/.test(t))).toBe(true)
    // The newest row's value is the label's value (same snapshot, same frame or the next one).
    await expect
      .poll(async () => {
        const values = await page.locator('[data-widget="readings"] tbody td:nth-child(2)').allTextContents()
        return Number(values.at(-1)) >= first
      })
      .toBe(true)

    await expect
      .poll(async () => Number(await page.locator('[data-widget="chart"]').getAttribute('data-points')))
      .toBe(20)
    expect(await page.locator('[data-widget="chart"] canvas').count()).toBeGreaterThan(0)
    expect(consoleErrors).toEqual([])
    await page.close()
  })
})
