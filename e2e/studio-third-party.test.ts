// Journey: an administrator imports a third-party WebSocket server — websocketd from Debian's
// packages, not Tether's own code — through the server's proxy, saves it as a proxied service, and a
// page of the project streams from it through the proxy.
import { type ChildProcess, spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp, loadConfig } from '@tether/server'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium, launchChromium, waitUntil, watchPageErrors } from './support/harness.js'

const WEBSOCKETD = '/usr/bin/websocketd'
const PROJECT = 'ticker'

function hasWebsocketd(): boolean {
  if (existsSync(WEBSOCKETD)) return true
  console.warn(`[e2e] ${WEBSOCKETD} not found: the third-party proxy journey is skipped (apt-get install websocketd).`)
  return false
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

describe.skipIf(!hasChromium() || !hasWebsocketd())('studio: a third-party service through the proxy', () => {
  let browser: Browser
  let baseUrl: string
  let tickerUrl: string
  let ticker: ChildProcess
  let close: () => Promise<void>
  let projectsDir: string
  let scratch: string

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'tether-third-party-'))
    // websocketd sends each line the program prints as one text message.
    const script = join(scratch, 'ticker.sh')
    writeFileSync(
      script,
      '#!/bin/sh\ni=0\nwhile true; do i=$((i+1)); echo "{\\"symbol\\":\\"ACME\\",\\"price\\":$((100 + i % 7)),\\"seq\\":$i}"; sleep 0.2; done\n',
    )
    chmodSync(script, 0o755)
    const port = await freePort()
    ticker = spawn(WEBSOCKETD, [`--port=${port}`, '--address=127.0.0.1', script], { stdio: 'ignore' })
    tickerUrl = `ws://127.0.0.1:${port}/`
    // Any HTTP answer means it listens (a plain GET is refused with a status, not a reset).
    await waitUntil('websocketd to listen', () =>
      fetch(`http://127.0.0.1:${port}/`).then(
        () => true,
        () => false,
      ),
    )

    projectsDir = join(scratch, 'projects')
    mkdirSync(projectsDir)
    const app = await buildApp(
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: join(scratch, 'data'),
        PROJECTS_DIR: projectsDir,
        LOG_LEVEL: 'silent',
        TETHER_DEMO: '1',
        // The ticker runs on loopback: the proxy reaches it only because it is listed.
        PROXY_ALLOW: `127.0.0.1:${port}`,
      }),
    )
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' })
    close = () => app.close()
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await close?.()
    ticker?.kill()
    rmSync(scratch, { recursive: true, force: true })
  })

  it('tests it through the proxy, imports it as a proxied service, and a page streams from it', async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } })
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    await page.goto(`${baseUrl}/studio/`)
    await page.getByLabel('Username').fill('admin')
    await page.getByLabel('Password').fill('admin')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByLabel('Name', { exact: true }).fill(PROJECT)
    await page.getByRole('button', { name: 'Create project' }).click()
    await page.getByRole('heading', { name: 'Web Services' }).waitFor()

    await page.getByRole('button', { name: 'Import service' }).click()
    await page.getByLabel('Service URL').fill(tickerUrl)
    await page.getByLabel("Test through the server's proxy").check()
    await page.getByRole('button', { name: 'Test', exact: true }).click()
    await waitUntil('two ticker messages through the proxy', async () => (await page.locator('.message').count()) >= 2)
    expect(await page.locator('.status').textContent()).toContain('Connected (via proxy)')
    const boxes = page.getByRole('checkbox', { name: 'Use as sample' })
    await boxes.nth(0).check()
    await boxes.nth(1).check()
    await waitUntil(
      'the inferred fields',
      async () => (await page.locator('.fields-table [data-field="price"]').count()) > 0,
    )
    expect(await page.locator('.fields-table [data-field="price"] .field-type').first().textContent()).toBe('integer')
    expect(await page.locator('.fields-table [data-field="symbol"] .field-type').first().textContent()).toBe('string')

    await page.getByRole('button', { name: /Next: configure/ }).click()
    await page.getByLabel('Service name').fill('ticker')
    await page.getByRole('checkbox', { name: /Run through the proxy/ }).check()
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    await page.getByRole('link', { name: /ticker/ }).waitFor()

    const saved = JSON.parse(readFileSync(join(projectsDir, PROJECT, 'services', 'ticker.service.json'), 'utf8'))
    expect(saved).toMatchObject({ name: 'ticker', url: tickerUrl, useProxy: true })
    expect(saved.samples.responses).toHaveLength(2)

    // A page bound to the proxied service: the running app reaches websocketd only through the proxy
    // (the browser never connects to its port), naming the project and service.
    writeFileSync(
      join(projectsDir, PROJECT, 'pages', 'Main.page.json'),
      JSON.stringify({
        name: 'Main',
        variables: { quotes: { category: 'websocket', service: 'ticker', onNewData: 'addAsLast', dataLimit: 5 } },
        widgets: [{ type: 'Label', name: 'price', props: { caption: 'bind:Variables.quotes.lastRecord.seq' } }],
      }),
    )
    const sockets: string[] = []
    page.on('websocket', (socket) => sockets.push(socket.url()))
    await page.goto(`${baseUrl}/apps/${PROJECT}/`)
    const seq = () => page.locator('.tether-label').first().textContent()
    await waitUntil('a quote on the page', async () => Number(await seq()) > 0)
    const first = Number(await seq())
    await waitUntil('the next quotes', async () => Number(await seq()) > first + 1)
    expect(sockets.length).toBeGreaterThan(0)
    for (const url of sockets)
      expect(url).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/api/proxy\\?project=${PROJECT}&service=ticker&url=`))
    expect(errors).toEqual([])
    await context.close()
  })
})
