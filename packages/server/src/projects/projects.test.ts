import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, useTestServer } from '../test-support/app-helpers.js'

const write = (path: string, content: unknown) => {
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content))
}

describe('projects: landing page, project files, app bundle and page scripts', () => {
  let dir: string

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tether-projects-'))
    const projects = join(dir, 'projects')
    const app = join(dir, 'app')
    write(join(app, 'index.html'), '<!doctype html><title>runtime</title>')
    write(join(app, 'assets/app-1.js'), 'console.log(1)')
    write(join(projects, 'demo/tether.json'), { title: 'Demo <b>app</b>', homePage: 'Main', pages: ['Main'] })
    write(join(projects, 'demo/services/feed.service.json'), { name: 'feed', url: '/websocket/heartrate' })
    write(join(projects, 'demo/pages/Main.page.json'), { name: 'Main', widgets: [] })
    write(join(projects, 'demo/scripts/main.js'), 'export function hello() { return 1 }')
    write(join(projects, 'broken/tether.json'), { title: 'Broken', homePage: 'Main', pages: ['Main'] })
    write(join(projects, 'broken/services/bad.service.json'), { name: 'bad', url: 'http://not-a-socket' })
    write(join(projects, 'badpage/tether.json'), { title: 'Bad page', homePage: 'Main', pages: ['Main'] })
    write(join(projects, 'badpage/pages/Main.page.json'), {
      name: 'Main',
      widgets: [{ type: 'Label', name: 'l', props: { caption: 'bind:Variables.(' } }],
    })
    write(join(projects, 'notes/readme.txt'), 'not a project')
    write(join(projects, 'secured/tether.json'), {
      title: 'Secured',
      homePage: 'Main',
      pages: ['Main'],
      security: { enabled: true },
    })
    write(join(projects, 'secured/pages/Main.page.json'), { name: 'Main', widgets: [] })
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const server = useTestServer({ env: () => ({ PROJECTS_DIR: join(dir, 'projects'), APP_DIR: join(dir, 'app') }) })

  const get = (path: string) => fetch(`${server.http}${path}`)

  it('lists projects on the landing page with their titles escaped, and the demo logins in demo mode', async () => {
    const response = await get('/')
    const html = await response.text()
    expect(response.headers.get('content-type')).toMatch(/text\/html/)
    expect(html).toContain('href="/apps/demo/"')
    expect(html).toContain('Demo &lt;b&gt;app&lt;/b&gt;')
    expect(html).not.toContain('<b>app</b>')
    expect(html).not.toContain('/apps/notes/')
    expect(html).toContain('user1')
    expect(html).toContain('href="/studio/"')
  })

  it('serves a project with its services and pages, and explains a broken or unknown one', async () => {
    const demo = await (await get('/api/projects/demo')).json()
    expect(demo.project).toMatchObject({ name: 'demo', homePage: 'Main' })
    expect(Object.keys(demo.services)).toEqual(['feed'])
    expect(Object.keys(demo.pages)).toEqual(['Main'])
    // Validated here, defaults applied: the browser app trusts what it is served and loads no validation.
    expect(demo.project.security).toEqual({ enabled: false })
    expect(demo.pages.Main.variables).toEqual({})

    const badPage = await get('/api/projects/badpage')
    expect(badPage.status).toBe(500)
    expect(await badPage.json()).toMatchObject({
      code: 'TETHER_PROJECT_INVALID',
      message: expect.stringMatching(/^Page "Main" in project "badpage" is invalid/),
      details: [expect.objectContaining({ path: 'widgets[0].props.caption' })],
    })

    const broken = await get('/api/projects/broken')
    expect(broken.status).toBe(500)
    expect(await broken.json()).toMatchObject({
      code: 'TETHER_PROJECT_INVALID',
      message: expect.stringMatching(/"bad".*ws:\/\//),
    })

    for (const name of ['nothere', '..%2F..%2Fetc']) {
      const missing = await get(`/api/projects/${name}`)
      expect(missing.status).toBe(404)
      expect((await missing.json()).code).toBe('TETHER_PROJECT_NOT_FOUND')
    }
  })

  // Finding 16 of issue 12: a secured project's files were readable without a session.
  it('serves a project with security enabled only to a signed-in user; its title stays listed', async () => {
    const anonymous = await get('/api/projects/secured')
    expect(anonymous.status).toBe(401)
    expect((await anonymous.json()).code).toBe('TETHER_UNAUTHENTICATED')
    const cookie = await login(server.http, 'user1')
    const signedIn = await fetch(`${server.http}/api/projects/secured`, { headers: { cookie } })
    expect(signedIn.status).toBe(200)
    expect((await signedIn.json()).project).toMatchObject({ name: 'secured', security: { enabled: true } })
    const listed = await (await get('/api/projects')).json()
    expect(listed.data).toContainEqual(expect.objectContaining({ name: 'secured', title: 'Secured' }))
  })

  it('serves the runtime bundle under /apps/<name>/, with index.html for in-app routes and never outside it', async () => {
    expect(await (await get('/apps/demo/')).text()).toContain('<title>runtime</title>')
    const asset = await get('/apps/demo/assets/app-1.js')
    expect(asset.headers.get('content-type')).toMatch(/javascript/)
    expect(asset.headers.get('cache-control')).toContain('immutable')
    expect(await (await get('/apps/demo/some/route')).text()).toContain('<title>runtime</title>')
    expect(await (await get('/apps/demo/..%2F..%2Fprojects%2Fdemo%2Ftether.json')).text()).toContain(
      '<title>runtime</title>',
    )
    const redirect = await fetch(`${server.http}/apps/demo`, { redirect: 'manual' })
    expect(redirect.status).toBe(302)
    expect(redirect.headers.get('location')).toBe('/apps/demo/')
  })

  it("serves the project's page scripts as JavaScript, and a 404 (not index.html) for anything else", async () => {
    const script = await get('/apps/demo/scripts/main.js')
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toMatch(/text\/javascript/)
    expect(script.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await script.text()).toContain('export function hello')
    for (const path of ['scripts/missing.js', 'scripts/..%2Ftether.json', 'scripts/main.ts']) {
      const response = await get(`/apps/demo/${path}`)
      expect(response.status).toBe(404)
      expect((await response.json()).code).toBe('TETHER_NOT_FOUND')
    }
  })
})
