import { strToU8, zipSync } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTempProjects } from '../studio/test-support/temp-projects.js'
import {
  api,
  login,
  sessionCookie,
  type TestDatabase,
  testDatabases,
  useTestServer,
} from '../test-support/app-helpers.js'
import { skipNotice } from '../test-support/realtime-helpers.js'

// One suite, run against every database: SQLite always, PostgreSQL when TEST_DATABASE_URL is set.
if (!process.env.TEST_DATABASE_URL) skipNotice('app sign-in on PostgreSQL', 'TEST_DATABASE_URL')

const employeeProvider = {
  type: 'database',
  entity: 'employee',
  idField: 'empId',
  usernameField: 'username',
  passwordField: 'password',
  roleField: 'role',
}

for (const makeDatabase of testDatabases()) {
  const database: TestDatabase = makeDatabase()

  describe(`security providers and app sign-in on ${database.name}`, () => {
    const files = useTempProjects()
    const server = useTestServer({
      database,
      env: () => ({ PROJECTS_DIR: files.projectsDir, STUDIO_DIR: files.studioDir }),
    })
    let admin: string
    const studio = (method: string, path: string, body?: unknown) =>
      api(server.http, method, path, { cookie: admin, ...(body === undefined ? {} : { body }) })
    const saveSecurity = (project: string, security: unknown) =>
      studio('PUT', `/api/studio/projects/${project}/project`, {
        name: project,
        homePage: 'Main',
        pages: ['Main', 'Admin'],
        security,
      })
    const signIn = async (username: string, project?: string) => {
      const response = await fetch(`${server.http}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: username, ...(project ? { project } : {}) }),
      })
      const body = await response.json()
      return { status: response.status, body, cookie: response.ok ? sessionCookie(response) : '' }
    }

    beforeAll(async () => {
      admin = await login(server.http, 'admin')
      for (const name of ['secured', 'noroles', 'legacy', 'welcoming']) {
        expect((await studio('POST', '/api/studio/projects', { name })).status).toBe(201)
        const page = await studio('PUT', `/api/studio/projects/${name}/pages/Admin`, { name: 'Admin', widgets: [] })
        expect(page.status).toBe(200)
      }
    })

    it('refuses a provider that cannot sign anyone in, saying what to pick, and writes nothing', async () => {
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ entity: 'staff' }, 'security.provider.entity', /Pick one of employee, department/],
        [{ entity: 'department' }, 'security.provider.entity', /stores no password.*Pick employee\./],
        [{ idField: 'username' }, 'security.provider.idField', /pick empId/],
        [{ usernameField: 'firstname' }, 'security.provider.usernameField', /cannot tell users apart: pick username/],
        [{ usernameField: 'nickname' }, 'security.provider.usernameField', /has no field "nickname"/],
        [{ passwordField: 'username' }, 'security.provider.passwordField', /stores password hashes: pick password/],
        [{ roleField: 'deptId' }, 'security.provider.roleField', /is not text/],
      ]
      for (const [change, path, message] of cases) {
        const { status, body } = await saveSecurity('secured', {
          enabled: true,
          provider: { ...employeeProvider, ...change },
        })
        expect(status, JSON.stringify(change)).toBe(400)
        expect(body.code).toBe('TETHER_SECURITY_PROVIDER_INVALID')
        expect(body.details[0].path).toBe(path)
        expect(body.details[0].message).toMatch(message)
        expect(body.message).toMatch(/^Security cannot sign users in: /)
      }
      const stored = await studio('GET', '/api/studio/projects/secured')
      expect(stored.body.project.security).toEqual({ enabled: false })
    })

    it('refuses to import a project whose provider cannot sign anyone in', async () => {
      const project = { name: 'imported', homePage: 'Main', pages: ['Main'] }
      const security = { enabled: true, provider: { ...employeeProvider, entity: 'department' } }
      const zip = zipSync({
        'imported/tether.json': strToU8(JSON.stringify({ ...project, security })),
        'imported/pages/Main.page.json': strToU8(JSON.stringify({ name: 'Main', widgets: [] })),
      })
      const { status, body } = await studio('POST', '/api/studio/projects/import', {
        zip: Buffer.from(zip).toString('base64'),
      })
      expect(status).toBe(400)
      expect(body.details).toEqual([
        {
          path: 'tether.json',
          message: expect.stringMatching(/^Security cannot sign users in: department stores no password/),
        },
      ])
    })

    it('refuses page rules the project file cannot hold, with their paths', async () => {
      const emptyRoles = await saveSecurity('secured', {
        enabled: true,
        pages: { Admin: { access: 'roles', roles: [] } },
      })
      expect(emptyRoles.status).toBe(400)
      expect(emptyRoles.body.code).toBe('TETHER_INVALID_PAGE_DEFINITION')
      expect(emptyRoles.body.details).toEqual([
        { path: 'security.pages.Admin.roles', message: 'name at least one role, or let every signed-in user in' },
      ])
      const unknownPage = await saveSecurity('secured', { enabled: true, pages: { Nope: { access: 'signedIn' } } })
      expect(unknownPage.body.details.map((d: { path: string }) => d.path)).toEqual(['security.pages.Nope'])
    })

    it("signs a user in through the app's mapping: roles come from its role field", async () => {
      const saved = await saveSecurity('secured', {
        enabled: true,
        provider: { ...employeeProvider, roleField: 'jobTitle' },
        pages: { Admin: { access: 'roles', roles: ['IT Administrator'] } },
      })
      expect(saved.status).toBe(200)
      const signedIn = await signIn('admin', 'secured')
      expect(signedIn.status).toBe(200)
      expect(signedIn.body).toMatchObject({ isAuthenticated: true, name: 'admin', roles: ['IT Administrator'] })
      const asApp = await api(server.http, 'GET', '/api/auth/me?project=secured', { cookie: signedIn.cookie })
      expect(asApp.body.roles).toEqual(['IT Administrator'])
      // The same session, seen by the studio (the built-in mapping), keeps the Employee's role.
      const asStudio = await api(server.http, 'GET', '/api/auth/me', { cookie: signedIn.cookie })
      expect(asStudio.body.roles).toEqual(['admin'])

      const { roleField: _, ...noRoles } = employeeProvider
      expect((await saveSecurity('noroles', { enabled: true, provider: noRoles })).status).toBe(200)
      expect((await signIn('user1', 'noroles')).body).toMatchObject({ name: 'user1', roles: [] })
    })

    it('keeps { enabled: true } meaning the built-in Employee mapping, and the studio login as it was', async () => {
      expect((await saveSecurity('legacy', { enabled: true })).status).toBe(200)
      expect((await signIn('admin', 'legacy')).body).toMatchObject({ name: 'admin', roles: ['admin'] })
      expect((await signIn('user1', 'legacy')).body.roles).toEqual(['user'])
      expect((await signIn('admin')).body.roles).toEqual(['admin'])
      const wrong = await fetch(`${server.http}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'nope', project: 'legacy' }),
      })
      expect(wrong.status).toBe(401)
      expect((await signIn('admin', 'nosuchapp')).body.code).toBe('TETHER_PROJECT_NOT_FOUND')
    })

    it('serves a visitor the pages open to everyone, and nothing of an app that has none', async () => {
      expect((await saveSecurity('welcoming', { enabled: true, pages: { Main: { access: 'everyone' } } })).status).toBe(
        200,
      )
      const visitor = await api(server.http, 'GET', '/api/projects/welcoming')
      expect(visitor.status).toBe(200)
      expect(Object.keys(visitor.body.pages)).toEqual(['Main'])
      const user = await signIn('user1', 'welcoming')
      const signedIn = await api(server.http, 'GET', '/api/projects/welcoming', { cookie: user.cookie })
      expect(Object.keys(signedIn.body.pages).sort()).toEqual(['Admin', 'Main'])
      expect((await api(server.http, 'GET', '/api/projects/legacy')).status).toBe(401)

      const listing = (await api(server.http, 'GET', '/api/projects')).body.data
      const entry = (name: string) => listing.find((p: { name: string }) => p.name === name)
      expect(entry('welcoming')).toMatchObject({ secured: true, welcomesVisitors: true })
      expect(entry('legacy')).toMatchObject({ secured: true, welcomesVisitors: false })
    })
  })
}
