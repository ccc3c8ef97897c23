import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { MAX_SCRIPT_BYTES } from '@tether/runtime'
import { beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../security/index.js'
import { api, login, useTestServer } from '../test-support/app-helpers.js'
import { useTempProjects } from './test-support/temp-projects.js'

const SCRIPT_URL = '/api/studio/projects/chatroom/scripts/main.js'

describe('studio page scripts', () => {
  const files = useTempProjects()
  const server = useTestServer({ env: () => ({ PROJECTS_DIR: files.projectsDir, STUDIO_DIR: files.studioDir }) })
  let admin: string
  let user: string
  const call = (method: string, path: string, body?: unknown, cookie = admin) =>
    api(server.http, method, path, { cookie, ...(body === undefined ? {} : { body }) })
  const onDisk = (path: string) => readFileSync(join(files.projectsDir, 'chatroom', path), 'utf8')

  beforeAll(async () => {
    admin = await login(server.http, 'admin')
    user = await login(server.http, 'user1')
  })

  it('reads and writes only for admins: 401 without a session, 403 for a user', async () => {
    for (const [method, body] of [
      ['GET', undefined],
      ['PUT', { source: 'export function x() {}' }],
    ] as const) {
      const anonymous = await api(server.http, method, SCRIPT_URL, body ? { body } : {})
      expect(anonymous.status, method).toBe(401)
      expect(anonymous.body.code).toBe('TETHER_UNAUTHENTICATED')
      const forbidden = await call(method, SCRIPT_URL, body, user)
      expect(forbidden.status, method).toBe(403)
      expect(forbidden.body.code).toBe('TETHER_FORBIDDEN')
    }
    expect(() => onDisk('scripts/main.js')).toThrow()
  })

  it('saves a script atomically and reads it back with its handlers', async () => {
    expect((await call('GET', SCRIPT_URL)).body).toEqual({ path: 'scripts/main.js', source: '', exists: false })
    const source = 'export function chatroomonMessageReceive(variable, data, options) {\n  // …\n}\n'
    const saved = await call('PUT', SCRIPT_URL, { source })
    expect(saved.status).toBe(200)
    expect(saved.body).toEqual({ path: 'scripts/main.js', handlers: ['chatroomonMessageReceive'] })
    expect(onDisk('scripts/main.js')).toBe(source)
    expect((await call('GET', SCRIPT_URL)).body).toEqual({ path: 'scripts/main.js', source, exists: true })
    const nested = await call('PUT', '/api/studio/projects/chatroom/scripts/pages/other.mjs', { source: '' })
    expect(nested.body).toEqual({ path: 'scripts/pages/other.mjs', handlers: [] })
  })

  it('refuses a syntax error with its line and column, and keeps the saved script', async () => {
    const good = 'export function ok() {}\n'
    await call('PUT', SCRIPT_URL, { source: good })
    const refused = await call('PUT', SCRIPT_URL, { source: 'export function ok() {}\nconst x = ;\n' })
    expect(refused.status).toBe(400)
    expect(refused.body.code).toBe('TETHER_SCRIPT_SYNTAX_ERROR')
    expect(refused.body.message).toMatch(/line 2, column 11/)
    expect(refused.body.details).toEqual([{ path: 'body.source', message: 'Unexpected token', line: 2, column: 11 }])
    expect(onDisk('scripts/main.js')).toBe(good)
  })

  it('refuses paths outside the scripts folder and what is not a script', async () => {
    for (const path of ['..%2Ftether.json', 'main.json', 'a/..%2F..%2Fx.js', '.hidden.js', 'main.js%00.js']) {
      const refused = await call('PUT', `/api/studio/projects/chatroom/scripts/${path}`, { source: '' })
      expect(refused.status, path).toBe(400)
      expect(refused.body.code, path).toBe('TETHER_VALIDATION_FAILED')
    }
    expect((await call('PUT', SCRIPT_URL, { source: 42 })).body.code).toBe('TETHER_VALIDATION_FAILED')
    expect((await call('PUT', '/api/studio/projects/nothere/scripts/main.js', { source: '' })).status).toBe(404)
  })

  it(`refuses a script over ${MAX_SCRIPT_BYTES / 1024} KiB`, async () => {
    const atLimit = `// ${'x'.repeat(MAX_SCRIPT_BYTES - 3)}`
    expect((await call('PUT', SCRIPT_URL, { source: atLimit })).status).toBe(200)
    const over = await call('PUT', SCRIPT_URL, { source: `${atLimit}é` })
    expect(over.status).toBe(413)
    expect(over.body.code).toBe('TETHER_PAYLOAD_TOO_LARGE')
    expect(onDisk('scripts/main.js')).toBe(atLimit)
  })

  it("reading a project summarizes each page's script, so a missing handler can be found", async () => {
    const page = JSON.parse(onDisk('pages/Main.page.json'))
    writeFileSync(
      join(files.projectsDir, 'chatroom', 'pages', 'Main.page.json'),
      JSON.stringify({ ...page, script: './scripts/main.js' }),
    )
    await call('PUT', SCRIPT_URL, { source: 'export function a() {}\nexport const b = () => 1\n' })
    expect((await call('GET', '/api/studio/projects/chatroom')).body.scripts).toEqual({
      'scripts/main.js': { handlers: ['a', 'b'] },
    })
    writeFileSync(join(files.projectsDir, 'chatroom', 'scripts', 'main.js'), 'export function (')
    const broken = (await call('GET', '/api/studio/projects/chatroom')).body.scripts['scripts/main.js']
    expect(broken.error).toMatchObject({ line: 1, column: expect.any(Number) })
  })

  it('sends HTML with a Content-Security-Policy that allows scripts only from this server', async () => {
    for (const path of ['/', '/studio/']) {
      const response = await fetch(`${server.http}${path}`)
      expect(response.headers.get('content-type'), path).toMatch(/^text\/html/)
      expect(response.headers.get('content-security-policy'), path).toBe(CONTENT_SECURITY_POLICY)
    }
    expect(CONTENT_SECURITY_POLICY).toMatch(/(^|; )script-src 'self'(;|$)/)
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval/)
  })
})
