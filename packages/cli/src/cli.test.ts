import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defineWebSocketService, serializeServiceDefinition } from '@tether/core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { main } from './cli.js'
import { captureIo, startWsServer, streamTo } from './test-support/cli-helpers.js'

/** Polls until `check` holds (no fixed sleeps). */
async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tether-cli-'))
  writeFileSync(join(dir, 'tether.json'), '{"name":"demo","homePage":"Main","pages":["Main"]}\n')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('tether (usage)', () => {
  it('prints help and uses exit code 2 for wrong command lines', async () => {
    const none = captureIo(dir)
    expect(await main([], none.io)).toBe(2)
    expect(none.stdout()).toMatch(/Usage: tether <command>/)
    for (const command of ['import', 'test', 'start']) {
      const help = captureIo(dir)
      expect(await main([command, '--help'], help.io)).toBe(0)
      expect(help.stdout()).toMatch(new RegExp(`Usage: tether ${command}`))
      expect(help.stdout()).toMatch(/Exit codes/)
    }
    const unknown = captureIo(dir)
    expect(await main(['deploy'], unknown.io)).toBe(2)
    expect(unknown.stderr()).toMatch(/unknown command "deploy"/)
    const badOption = captureIo(dir)
    expect(await main(['import', 'ws://127.0.0.1:1/x', '--sample', '3'], badOption.io)).toBe(2)
    expect(badOption.stderr()).toMatch(/Unknown option '--sample'[\s\S]*tether import --help/)
    const badNumber = captureIo(dir)
    expect(await main(['test', 'ws://127.0.0.1:1/x', '--count', 'many'], badNumber.io)).toBe(2)
    expect(badNumber.stderr()).toMatch(/--count must be a whole number/)
  })

  it('refuses non-WebSocket URLs with exit code 2 and a suggestion', async () => {
    const http = captureIo(dir)
    expect(await main(['test', 'http://127.0.0.1:8080/websocket/echo'], http.io)).toBe(2)
    expect(http.stderr()).toMatch(/is an HTTP URL[\s\S]*Did you mean ws:\/\/127\.0\.0\.1:8080\/websocket\/echo/)
    const missing = captureIo(dir)
    expect(await main(['import'], missing.io)).toBe(2)
    expect(missing.stderr()).toMatch(/Missing the service URL/)
    const ftp = captureIo(dir)
    expect(await main(['import', 'ftp://127.0.0.1/x'], ftp.io)).toBe(2)
  })
})

describe('tether import', () => {
  let service: Awaited<ReturnType<typeof startWsServer>>
  beforeAll(async () => {
    service = await startWsServer((socket, url) => {
      if (url.startsWith('/silent')) return
      if (url.startsWith('/subscribe')) {
        socket.once('message', (data) => streamTo(socket, [JSON.stringify({ subscribed: data.toString(), n: 1 })]))
        return
      }
      if (url.startsWith('/closing')) {
        socket.send('{"n":1}')
        socket.close(4403, 'subscription refused')
        return
      }
      streamTo(socket, [
        Buffer.from([0xde, 0xad]),
        JSON.stringify({ time: 1513152655902, value: 95 }),
        JSON.stringify({ time: 1513152656402, value: 93, note: null }),
      ])
    })
  })
  afterAll(() => service?.close())

  it('shows messages with progress, infers the schema and writes a valid service file', async () => {
    const run = captureIo(dir)
    const code = await main(
      ['import', `${service.url}/websocket/heart-rate?patient=7`, '--samples', '3', '--project', '.'],
      run.io,
    )
    for (const n of [1, 2, 3]) expect(run.stderr()).toContain(`received ${n}/3 samples…\n`)
    expect(code).toBe(0)
    const file = join(dir, 'services', 'heart_rate.service.json')
    const text = readFileSync(file, 'utf8')
    const definition = defineWebSocketService(text).definition
    expect(text).toBe(serializeServiceDefinition(definition))
    expect(definition.name).toBe('heart_rate')
    expect(definition.url).toBe(`${service.url}/websocket/heart-rate?patient=7`)
    expect(definition.samples?.responses).toHaveLength(3)
    expect(definition.schema).toMatchObject({
      type: 'object',
      properties: { time: expect.any(Object), value: expect.any(Object) },
    })
    expect(run.stderr()).toMatch(/binary message skipped/)
    expect(run.stdout()).toMatch(/\d\d:\d\d:\d\d\.\d{3} {2}2 B {2}binary\n {2}0000 {2}de ad/)
    expect(run.stdout()).toMatch(/JSON\n {2}\{\n {4}"time": 1513152655902,/)
    expect(run.stdout()).toMatch(/Wrote .*heart_rate\.service\.json/)
    expect(run.stdout()).toMatch(
      / {2}time: timestamp \(epoch ms\) {2}\(epoch ms\)\n {2}value: integer {2}\(e\.g\. 95\)\n {2}note: null {2}\(optional\)\n/,
    )
    expect(run.stdout()).toMatch(/export interface HeartRateMessage/)
  })

  it('sends --body once connected and saves it as the RequestBody; refuses to overwrite without --force', async () => {
    const args = ['import', `${service.url}/subscribe`, '--samples', '1', '--name', 'quotes', '--body', 'EURUSD']
    const first = captureIo(dir)
    expect(await main(args, first.io)).toBe(0)
    const definition = JSON.parse(readFileSync(join(dir, 'services', 'quotes.service.json'), 'utf8'))
    expect(definition.requestBody).toBe('EURUSD')
    expect(definition.samples).toEqual({ request: 'EURUSD', responses: [{ subscribed: 'EURUSD', n: 1 }] })
    const again = captureIo(dir)
    expect(await main(args, again.io)).toBe(1)
    expect(again.stderr()).toMatch(/exists already[\s\S]*--force/)
    const forced = captureIo(dir)
    expect(await main([...args, '--force'], forced.io)).toBe(0)
  })

  it('times out with exit 1 when the service sends nothing, writing nothing', async () => {
    const run = captureIo(dir)
    expect(await main(['import', `${service.url}/silent`, '--timeout', '1'], run.io)).toBe(1)
    expect(run.stderr()).toMatch(/The service sent nothing for 1 s \(got 0 of 3 samples\)[\s\S]*--body/)
    expect(existsSync(join(dir, 'services'))).toBe(false)
  })

  it('reports the close code and reason when the service closes early', async () => {
    const run = captureIo(dir)
    expect(await main(['import', `${service.url}/closing`, '--samples', '2'], run.io)).toBe(1)
    expect(run.stderr()).toMatch(/closed the connection after 1 of 2 samples: 4403 \(forbidden\): subscription refused/)
    expect(run.stderr()).toMatch(/Rerun with --samples 1/)
  })

  it('rejects a name that is not an identifier', async () => {
    const run = captureIo(dir)
    expect(await main(['import', `${service.url}/x`, '--name', '../evil'], run.io)).toBe(2)
    expect(run.stderr()).toMatch(/not a valid service name/)
  })
})

describe('tether test', () => {
  let service: Awaited<ReturnType<typeof startWsServer>>
  let notFound: Server
  let notFoundPort: number
  beforeAll(async () => {
    service = await startWsServer((socket, url) => {
      if (url === '/bye') return socket.close(4403, 'go away')
      if (url === '/done') {
        socket.send('last words')
        return socket.close(1000, 'finished')
      }
      streamTo(socket, ['plain text', '{"a":[1,2]}', Buffer.from([1, 2, 3])])
    })
    notFound = createServer((_request, response) => response.writeHead(404).end())
    notFound.on('upgrade', (_request, socket) => socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n'))
    await new Promise<void>((resolve) => notFound.listen(0, '127.0.0.1', resolve))
    notFoundPort = (notFound.address() as AddressInfo).port
  })
  afterAll(async () => {
    await service?.close()
    notFound?.close()
  })

  it('prints live messages (time, size, text / pretty JSON / hex) until --count', async () => {
    const run = captureIo(dir)
    expect(await main(['test', `${service.url}/feed`, '--count', '3'], run.io)).toBe(0)
    const out = run.stdout()
    expect(out).toMatch(/^\d\d:\d\d:\d\d\.\d{3} {2}10 B {2}text\n {2}plain text\n/)
    expect(out).toMatch(/11 B {2}JSON\n {2}\{\n {4}"a": \[\n/)
    expect(out).toMatch(/3 B {2}binary\n {2}0000 {2}01 02 03\n$/)
  })

  it('runs until Ctrl-C and exits 0', async () => {
    const run = captureIo(dir)
    const done = main(['test', `${service.url}/feed`], run.io)
    await waitFor(() => run.stdout().includes('plain text'), 'a first message')
    run.abort()
    expect(await done).toBe(0)
  })

  it('exits 0 on a normal close and 1 on an error close, with code and reason', async () => {
    const normal = captureIo(dir)
    expect(await main(['test', `${service.url}/done`], normal.io)).toBe(0)
    expect(normal.stdout()).toMatch(/last words/)
    expect(normal.stderr()).toMatch(/1000 \(normal closure\): finished/)
    const refused = captureIo(dir)
    expect(await main(['test', `${service.url}/bye`], refused.io)).toBe(1)
    expect(refused.stderr()).toMatch(/The connection closed: 4403 \(forbidden\): go away/)
  })

  it('explains a refused connection', async () => {
    const closed = await startWsServer(() => {})
    await closed.close()
    const run = captureIo(dir)
    expect(await main(['test', `${closed.url}/x`], run.io)).toBe(1)
    expect(run.stderr()).toMatch(/Connection refused by 127\.0\.0\.1:\d+\.\n {2}Is the service running/)
  })

  it('explains an HTTP status instead of an upgrade', async () => {
    const run = captureIo(dir)
    expect(await main(['test', `ws://127.0.0.1:${notFoundPort}/nothing`], run.io)).toBe(1)
    expect(run.stderr()).toMatch(
      /answered HTTP 404 Not Found instead of opening a WebSocket[\s\S]*Nothing at \/nothing/,
    )
  })

  it('explains a TLS failure (wss:// to a plain server)', async () => {
    const run = captureIo(dir)
    expect(await main(['test', `wss://127.0.0.1:${service.port}/feed`, '--timeout', '5'], run.io)).toBe(1)
    expect(run.stderr()).toMatch(/TLS handshake with 127\.0\.0\.1:\d+ failed[\s\S]*use ws:\/\/ instead of wss:\/\//)
  })
})

describe('tether start', () => {
  it('runs a project folder and prints its app URL until Ctrl-C', async () => {
    const projects = join(dir, 'projects')
    const project = join(projects, 'demo')
    mkdirSync(join(project, 'pages'), { recursive: true })
    writeFileSync(join(project, 'tether.json'), '{"name":"demo","title":"Demo","homePage":"Main","pages":["Main"]}\n')
    writeFileSync(join(project, 'pages', 'Main.page.json'), '{"name":"Main","widgets":[]}\n')
    const run = captureIo(dir, { DATA_DIR: join(dir, 'data'), TETHER_DEMO: '1', LOG_LEVEL: 'silent' })
    const done = main(['start', 'projects/demo', '--port', '0', '--host', '127.0.0.1'], run.io)
    await waitFor(() => /app: +http:\/\/127\.0\.0\.1:\d+\/apps\/demo\//.test(run.stdout()), 'the app URL', 20_000)
    const base = /http:\/\/127\.0\.0\.1:\d+/.exec(run.stdout())?.[0]
    const listed = await (await fetch(`${base}/api/projects`)).json()
    expect(listed.data).toEqual([
      { name: 'demo', title: 'Demo', description: '', secured: false, welcomesVisitors: true },
    ])
    run.abort()
    expect(await done).toBe(0)
  })

  it('refuses a folder without tether.json', async () => {
    const run = captureIo(dir)
    expect(await main(['start', 'nowhere'], run.io)).toBe(2)
    expect(run.stderr()).toMatch(/is not a Tether project \(it has no tether\.json\)/)
  })
})
