// Journey: an administrator imports a Socket.IO server and the demo MQTT broker (Plant sensors) through the
// wizard: the protocol is detected and said why, the choice can be overridden, the protocol's fields are
// filled, and the saved definition has the protocol, its options and channels, and no password.
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { Server as SocketIoServer } from 'socket.io'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium, watchPageErrors } from './support/harness.js'
import { createProject, signIn, useStudioInChromium } from './support/studio.js'

/** The detection note under the protocol choice, once it says `text`. */
const detectionSays = (page: Page, text: string | RegExp) =>
  page.getByTestId('detection').getByText(text).waitFor({ timeout: 30_000 })

describe.skipIf(!hasChromium())('studio: importing protocol services in Chromium', () => {
  let http: Server
  let io: SocketIoServer
  let socketIoPort = 0
  let joined = 0
  beforeAll(async () => {
    http = createServer()
    io = new SocketIoServer(http)
    io.on('connection', () => joined++)
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    socketIoPort = (http.address() as AddressInfo).port
  })
  afterAll(() => new Promise<void>((resolve) => (io ? io.close(() => resolve()) : resolve())))
  const journey = useStudioInChromium(100, () => ({ PROXY_ALLOW: `127.0.0.1:${socketIoPort}` }))

  /** Signs in, creates `project` and opens the import wizard. */
  const openWizard = async (project: string) => {
    const { baseUrl, browser } = journey
    const context = await browser.newContext({ viewport: { width: 1360, height: 1100 } })
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    await page.goto(`${baseUrl}/studio/`)
    await signIn(page, 'admin')
    await createProject(page, project)
    await page.getByRole('button', { name: 'Import service' }).click()
    return { page, errors }
  }
  const savedFile = (project: string, name: string) =>
    readFileSync(join(journey.projectsDir, project, 'services', `${name}.service.json`), 'utf8')
  const secretNames = async (page: Page, project: string, service: string) =>
    (await page.request.get(`${journey.baseUrl}/api/studio/projects/${project}/services/${service}/secrets`)).json()

  it('detects a Socket.IO server, keeps an override, and saves namespace, auth and events', async () => {
    const { page, errors } = await openWizard('socketio')
    const protocol = page.getByLabel('What the service speaks')

    await page.getByLabel('Service URL').fill(`ws://127.0.0.1:${socketIoPort}/socket.io/?EIO=4&transport=websocket`)
    await detectionSays(page, 'Detected Socket.IO because the URL is an Engine.IO URL.')
    expect(await protocol.inputValue()).toBe('socket.io')
    await page.screenshot({ path: '/tmp/studio-import-socketio-step1.png', fullPage: true })

    // The user's choice wins over a later detection, which still says what it found.
    await protocol.selectOption({ label: 'STOMP' })
    await page.getByLabel('Service URL').fill(`ws://127.0.0.1:${socketIoPort}/`)
    await detectionSays(page, /Detected Socket\.IO because the server sent an Engine\.IO open packet at \/socket\.io\//)
    expect(await page.getByTestId('detection').textContent()).toContain('You chose STOMP instead.')
    expect(await protocol.inputValue()).toBe('stomp')
    await page.getByRole('button', { name: 'Use Socket.IO' }).click()
    expect(await protocol.inputValue()).toBe('socket.io')

    await page.getByLabel('Namespace', { exact: true }).fill('/admin')
    await page.getByLabel(/^Auth/).fill('{"room": "lobby"}')
    await page.getByRole('button', { name: '+ Add event' }).click()
    await page.getByLabel('Event 1', { exact: true }).fill('tick')
    await page.getByRole('button', { name: 'Proceed without test' }).click()

    // Step 2 shows the same fields, filled.
    expect(await page.getByLabel('What the service speaks').inputValue()).toBe('socket.io')
    expect(await page.getByLabel('Event 1', { exact: true }).inputValue()).toBe('tick')
    await page.getByLabel('Service name').fill('ticker')
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    await page.getByRole('link', { name: /ticker/ }).waitFor()

    expect(JSON.parse(savedFile('socketio', 'ticker'))).toMatchObject({
      name: 'ticker',
      url: `ws://127.0.0.1:${socketIoPort}/`,
      protocol: 'socket.io',
      protocolOptions: { namespace: '/admin', auth: { room: 'lobby' } },
      channels: ['tick'],
    })
    // Detection opened Engine.IO connections only: nobody joined a namespace.
    expect(joined).toBe(0)
    expect(errors).toEqual([])
  }, 120_000)

  it('detects the MQTT broker and keeps its password on the server, never in the file', async () => {
    const { page, errors } = await openWizard('plants')
    const brokerUrl = `${journey.baseUrl.replace(/^http/, 'ws')}/mqtt`
    await page.getByLabel('Service URL').fill(brokerUrl)
    await detectionSays(page, 'Detected MQTT because it accepted the mqtt subprotocol and answered CONNECT.')
    expect(await page.getByLabel('What the service speaks').inputValue()).toBe('mqtt')

    await page.getByLabel('Username').fill('reader')
    await page.getByLabel(/^Password/).fill('s3cret-plants')
    await page.getByLabel('Client id').fill('studio-e2e')
    await page.getByLabel('Quality of service').selectOption('1')
    await page.getByLabel(/^Clean session/).uncheck()
    await page.getByRole('button', { name: '+ Add topic filter' }).click()
    await page.getByLabel('Topic filter 1', { exact: true }).fill('plant/#/temperature')
    await page.getByRole('button', { name: 'Proceed without test' }).click()
    await page.getByLabel('Service name').fill('plants')

    // A misplaced wildcard and a password without the proxy are explained at their fields.
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    await expect
      .poll(() => page.locator('[data-problem-for="channels[0]"]').textContent())
      .toContain("'#' must be a whole level")
    expect(await page.locator('[data-problem-for="password"]').textContent()).toContain('Run through the proxy')
    await page.locator('input[name="channel-0"]').fill('plant/+/temperature')
    await page.getByLabel(/^Run through the proxy/).check()
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    await page.getByRole('link', { name: /plants/ }).waitFor()

    const text = savedFile('plants', 'plants')
    expect(JSON.parse(text)).toMatchObject({
      protocol: 'mqtt',
      protocolOptions: { username: 'reader', clientId: 'studio-e2e', qos: 1, clean: false },
      channels: ['plant/+/temperature'],
      useProxy: true,
    })
    expect(text).not.toContain('s3cret-plants')
    expect(await secretNames(page, 'plants', 'plants')).toEqual({ headers: [], credentials: ['password'] })

    // Service Settings: the same form, the password stored and not shown; saving keeps the protocol.
    await page.getByRole('link', { name: /plants/ }).click()
    await page.getByRole('heading', { name: 'plants' }).waitFor()
    expect(await page.getByLabel('What the service speaks').inputValue()).toBe('mqtt')
    expect(await page.getByLabel(/^New password/).getAttribute('placeholder')).toBe('stored (unchanged)')
    await page.getByLabel('Quality of service').selectOption('2')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByText('Saved plants.').waitFor()
    const again = savedFile('plants', 'plants')
    expect(JSON.parse(again)).toMatchObject({
      protocol: 'mqtt',
      protocolOptions: { qos: 2 },
      channels: ['plant/+/temperature'],
    })
    expect(again).not.toContain('s3cret-plants')
    expect(await secretNames(page, 'plants', 'plants')).toEqual({ headers: [], credentials: ['password'] })
    expect(errors).toEqual([])
  }, 120_000)
})
