// Browser test of the runtime: a page bound to a live WebSocket variable, in headless Chromium.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { validatePage, validateProject } from '@tether/runtime'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import { ensureCurrentAppBundle } from './support/app-bundle.mjs'
import { hasChromium, launchChromium } from './support/chromium.mjs'
import { ANONYMOUS_USER, sendAppBundleFile } from './support/serve-app-bundle.mjs'

/** Rows for the virtualized table: more than could ever be rendered at once. */
const MANY = Array.from({ length: 5000 }, (_, i) => ({ id: i, name: `row ${String(i).padStart(4, '0')}` }))
/** Bars for the horizontal bar chart: lengths must come out in this order. */
const BARS = [
  { team: 'red', score: 10 },
  { team: 'green', score: 40 },
  { team: 'blue', score: 25 },
]

const project = {
  project: {
    name: 'test',
    title: 'Runtime test',
    homePage: 'Main',
    pages: ['Main', 'Shapes', 'Scripted', 'Failing'],
    security: { enabled: false },
  },
  services: {
    heartrateservice: { name: 'heartrateservice', url: 'ws://placeholder.invalid/websocket/heartrate' },
    // The test server refuses this one at once with 4403, as the chat refuses a foreign origin.
    refusedservice: { name: 'refusedservice', url: '/websocket/heartrate?refuse=1' },
  },
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
    Shapes: {
      name: 'Shapes',
      variables: {
        many: { category: 'static', value: MANY },
        bars: { category: 'static', value: BARS },
        people: { category: 'static', value: [{ username: 'ann' }, { username: 'bob' }] },
      },
      widgets: [
        {
          type: 'DataTable',
          name: 'big',
          props: {
            dataset: 'bind:Variables.many.dataSet',
            pageSize: 0,
            height: 320,
            columns: [
              { field: 'id', title: 'Id' },
              { field: 'name', title: 'Name' },
            ],
          },
        },
        {
          type: 'Chart',
          name: 'bar',
          props: { type: 'bar', dataset: 'bind:Variables.bars.dataSet', xField: 'team', yField: 'score', height: 240 },
        },
        {
          type: 'List',
          name: 'peopleList',
          props: { dataset: 'bind:Variables.people.dataSet' },
          children: [
            { type: 'Label', name: 'who', props: { caption: 'bind:Widgets.peopleList.currentItem.username' } },
          ],
        },
      ],
    },
    // Everything fails here: app users read plain sentences, the console gets the codes.
    Failing: {
      name: 'Failing',
      variables: {
        employees: { category: 'crud', entity: 'employee' },
        refused: { category: 'websocket', service: 'refusedservice' },
      },
      widgets: [
        {
          type: 'DataTable',
          name: 'employeeTable',
          props: { dataset: 'bind:Variables.employees.dataSet', columns: [{ field: 'username', title: 'User' }] },
        },
        { type: 'ConnectionStatus', name: 'refusedStatus', props: { variable: 'refused' } },
      ],
    },
    Scripted: {
      name: 'Scripted',
      script: './scripts/main.js',
      widgets: [
        { type: 'Button', name: 'greet', props: { caption: 'Greet' }, events: { onClick: [{ script: 'greet' }] } },
        { type: 'Label', name: 'greeting', props: { caption: 'bind:Widgets.greeting.caption' } },
      ],
    },
  },
}

/** What the real server sends for a project: its files validated, defaults applied (the app trusts them). */
const served = () => ({
  project: validateProject(project.project),
  services: project.services,
  pages: Object.fromEntries(Object.entries(project.pages).map(([name, page]) => [name, validatePage(page)])),
})

/** The Scripted page's script module: a handler called (widget, data, options) that changes the page. */
const PAGE_SCRIPT = `export function greet(widget, data, options) {
  options.page.setWidget('greeting', 'caption', 'Hello from ' + widget.name + ' on ' + location.pathname)
}
export const notAHandler = 42
`

let server: Server
let wss: WebSocketServer
let browser: Browser
let origin = ''
let nextValue = 60

describe.skipIf(!hasChromium())('runtime in Chromium', () => {
  beforeAll(async () => {
    await ensureCurrentAppBundle()
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname
      if (path === '/favicon.ico') return void res.writeHead(204).end()
      // The app reads the public list first (is the project secured?), as it does on the real server.
      if (path === '/api/projects')
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ data: [{ name: 'test', title: 'Test', description: '', secured: false }] }))
      if (path === '/api/projects/test')
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(served()))
      if (path === '/api/entities/employee')
        return void res
          .writeHead(500, { 'content-type': 'application/json' })
          .end(
            JSON.stringify({ code: 'TETHER_INTERNAL', message: 'Internal error (request id req-7) at /api/entities' }),
          )
      if (path === '/api/auth/me')
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(ANONYMOUS_USER))
      // What the server's proposed route does: /apps/<project>/scripts/*.js from the project's scripts/ folder.
      if (path === '/apps/test/scripts/main.js')
        return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(PAGE_SCRIPT)
      if (path.startsWith('/apps/test/')) return sendAppBundleFile(res, path.slice('/apps/test/'.length))
      res.writeHead(404).end()
    })
    wss = new WebSocketServer({ server, path: '/websocket/heartrate' })
    wss.on('connection', (socket, request) => {
      if (request.url?.includes('refuse=1')) return socket.close(4403, 'TETHER_FORBIDDEN: this origin may not connect')
      const timer = setInterval(() => socket.send(JSON.stringify({ time: Date.now(), value: nextValue++ })), 40)
      socket.on('close', () => clearInterval(timer))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    browser = await launchChromium()
  }, 120_000) // a build takes a while on two busy cores

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

  it('a virtualized DataTable (pageSize 0) renders only visible rows, scrolls and sorts; a bar chart is horizontal', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } })
    const consoleErrors: string[] = []
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
    page.on('pageerror', (e) => consoleErrors.push(e.message))
    await page.goto(`${origin}/apps/test/#/Shapes`)

    const bodyRows = page.locator('[data-widget="big"] tbody tr:not(.tether-table-spacer)')
    await expect.poll(() => bodyRows.count(), { timeout: 10_000 }).toBeGreaterThan(5)
    // 5,000 records, a 320 px window of 32 px rows: only the visible rows plus overscan are in the DOM,
    // while the spacer keeps the full scroll height.
    expect(await bodyRows.count()).toBeLessThan(40)
    expect(await bodyRows.first().locator('td').first().textContent()).toBe('0')
    const scroller = page.locator('[data-widget="big"] .tether-table-scroll')
    expect(await scroller.evaluate((e) => e.scrollHeight)).toBeGreaterThan(5000 * 32 * 0.9)

    await scroller.evaluate((e) => {
      e.scrollTop = e.scrollHeight
    })
    await expect
      .poll(async () => (await bodyRows.last().locator('td').nth(1).textContent()) ?? '', { timeout: 10_000 })
      .toBe('row 4999')
    expect(await bodyRows.count()).toBeLessThan(40)

    // Sorting a virtualized table sorts all 5,000 records, not the visible window.
    await scroller.evaluate((e) => {
      e.scrollTop = 0
    })
    const idHeader = page.locator('[data-widget="big"] th', { hasText: 'Id' })
    await idHeader.locator('button').click()
    await expect.poll(() => idHeader.getAttribute('aria-sort')).not.toBe('none')
    if ((await idHeader.getAttribute('aria-sort')) !== 'descending') await idHeader.locator('button').click()
    await expect.poll(() => idHeader.getAttribute('aria-sort')).toBe('descending')
    await expect.poll(async () => bodyRows.first().locator('td').first().textContent()).toBe('4999')

    // Horizontal bars: find the series colour (#3b82f6) on the canvas and group its rows into bands.
    // Three records give three bands, each wider than tall, whose lengths follow the scores 10, 40, 25.
    const bands = await page.locator('[data-widget="bar"] canvas').evaluate((canvas: HTMLCanvasElement) => {
      const context = canvas.getContext('2d')
      if (!context) return []
      const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height)
      const near = (i: number, r: number, g: number, b: number) =>
        Math.abs((data[i] ?? 0) - r) < 12 &&
        Math.abs((data[i + 1] ?? 0) - g) < 12 &&
        Math.abs((data[i + 2] ?? 0) - b) < 12
      const found: { top: number; bottom: number; length: number }[] = []
      let current: { top: number; bottom: number; length: number } | null = null
      for (let y = 0; y < height; y++) {
        let count = 0
        for (let x = 0; x < width; x++) if (near((y * width + x) * 4, 59, 130, 246)) count++
        if (count <= 3) continue
        if (current && current.bottom === y - 1) {
          current.bottom = y
          current.length = Math.max(current.length, count)
        } else {
          current = { top: y, bottom: y, length: count }
          found.push(current)
        }
      }
      return found.filter((b) => b.bottom - b.top >= 4)
    })
    expect(bands).toHaveLength(3)
    for (const band of bands) expect(band.length).toBeGreaterThan(band.bottom - band.top)
    // Top to bottom in record order (red 10, green 40, blue 25).
    const [red, green, blue] = bands.map((b) => b.length) as [number, number, number]
    expect(green).toBeGreaterThan(blue)
    expect(blue).toBeGreaterThan(red)
    expect(green / red).toBeGreaterThan(2.5)

    // Widgets.<list>.currentItem resolves inside that list's template.
    await expect.poll(() => page.locator('[data-widget="who"]').allTextContents()).toEqual(['ann', 'bob'])
    expect(consoleErrors).toEqual([])
    await page.close()
  })

  it('failures read as plain sentences for the user, with the codes on the console', async () => {
    const page = await browser.newPage()
    const consoleErrors: string[] = []
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
    await page.goto(`${origin}/apps/test/#/Failing`)
    const table = page.locator('[data-widget="employeeTable"] [role="alert"]')
    await table.waitFor()
    expect(await table.textContent()).toBe('The server had a problem. Try again in a moment.')
    const status = page.locator('[data-widget="refusedStatus"]')
    await page.locator('[data-widget="refusedStatus"][data-state="error"]').waitFor()
    expect(await status.textContent()).toContain("You don't have permission to do this.")
    await page.screenshot({ path: '/tmp/app-plain-errors.png' })
    const shown = await page.locator('body').innerText()
    expect(shown).not.toMatch(/TETHER_|\b(500|4403)\b|\/api\/|ws:\/\/|Details/)
    // The developer's detail, with its code, is on the console.
    await expect
      .poll(() => consoleErrors.join('\n'))
      .toContain('[tether] variable "employees": TETHER_CRUD_REQUEST_FAILED (HTTP 500)')
    expect(consoleErrors.join('\n')).toMatch(/variable "refused": TETHER_CONNECTION_LOST \(close 4403\)/)
    await page.close()
  })

  it('a page script module loads from the app URL and its handler runs from an action', async () => {
    const page = await browser.newPage()
    const consoleErrors: string[] = []
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
    page.on('pageerror', (e) => consoleErrors.push(e.message))
    const scriptRequests: string[] = []
    page.on('request', (r) => r.url().includes('/scripts/') && scriptRequests.push(new URL(r.url()).pathname))
    await page.goto(`${origin}/apps/test/#/Scripted`)
    await page.click('[data-widget="greet"]')
    await expect
      .poll(() => page.locator('[data-widget="greeting"]').textContent())
      .toBe('Hello from greet on /apps/test/')
    expect(scriptRequests).toEqual(['/apps/test/scripts/main.js'])
    expect(consoleErrors).toEqual([])
    await page.close()
  })
})
