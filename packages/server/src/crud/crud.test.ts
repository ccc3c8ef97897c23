import { beforeAll, describe, expect, it } from 'vitest'
import { api, login, type TestDatabase, testDatabases, useTestServer } from '../test-support/app-helpers.js'
import { skipNotice } from '../test-support/realtime-helpers.js'

// One suite, run against every database: SQLite always, PostgreSQL when TEST_DATABASE_URL is set.
if (!process.env.TEST_DATABASE_URL) skipNotice('CRUD API on PostgreSQL', 'TEST_DATABASE_URL')

for (const makeDatabase of testDatabases()) {
  const database: TestDatabase = makeDatabase()

  describe(`CRUD API on ${database.name}`, () => {
    const server = useTestServer({ database })
    let admin: string
    let user: string
    const get = (path: string, cookie = user) => api(server.http, 'GET', path, { cookie })

    beforeAll(async () => {
      admin = await login(server.http, 'admin')
      user = await login(server.http, 'user1')
    })

    it('lists employees in camelCase with paging metadata, never the password hash', async () => {
      const { status, body } = await get('/api/entities/employee')
      expect(status).toBe(200)
      expect(body).toMatchObject({ page: 1, size: 20, total: 15 })
      expect(body.data).toHaveLength(15)
      const eric = body.data.find((e: { username: string }) => e.username === 'eric')
      expect(Object.keys(eric).sort()).toEqual(
        [
          'birthdate',
          'city',
          'deptId',
          'empId',
          'firstname',
          'jobTitle',
          'lastname',
          'managerId',
          'picurl',
          'role',
          'state',
          'street',
          'tenantId',
          'username',
          'zip',
        ].sort(),
      )
      expect(eric).toMatchObject({ firstname: 'Eric', lastname: 'Lin', picurl: '/pictures/eric.svg', managerId: null })
      expect(JSON.stringify(body)).not.toMatch(/password|scrypt/i)
    })

    it('describes the entities from the same whitelist: fields, keys, nullability, filter operators', async () => {
      expect((await api(server.http, 'GET', '/api/entities')).status).toBe(401)
      const { status, body } = await get('/api/entities')
      expect(status).toBe(200)
      expect(body.data.map((e: { name: string }) => e.name)).toEqual(['employee', 'department'])
      const employee = body.data[0]
      expect(employee.primaryKey).toBe('empId')
      const field = (name: string) => employee.fields.find((f: { name: string }) => f.name === name)
      expect(field('empId')).toMatchObject({ type: 'integer', primaryKey: true, nullable: false, readOnly: true })
      expect(field('firstname')).toMatchObject({ type: 'string', nullable: false, required: true, maxLength: 100 })
      expect(field('managerId')).toMatchObject({ type: 'integer', nullable: true, primaryKey: false })
      expect(field('birthdate')).toMatchObject({ type: 'date', nullable: true })
      expect(field('role')).toMatchObject({ nullable: false, values: ['user', 'admin'] })
      expect(field('firstname').filterOperators).toContain('contains')
      expect(field('deptId').filterOperators).not.toContain('contains')
      // The password is named (a sign-in checks it), its column and hashes never are.
      expect(employee.passwordField).toBe('password')
      expect(body.data[1].passwordField).toBeUndefined()
      expect(field('username')).toMatchObject({ unique: true })
      expect(field('firstname')).toMatchObject({ unique: false })
      expect(JSON.stringify(body)).not.toMatch(/password_hash|scrypt|emp_id|job_title/)

      // The described fields are exactly what records carry.
      const record = (await get('/api/entities/employee?size=1')).body.data[0]
      expect(employee.fields.map((f: { name: string }) => f.name).sort()).toEqual(Object.keys(record).sort())

      // Every operator the metadata offers is accepted by the list endpoint, and every other one refused.
      const sample: Record<string, string> = { integer: '1', string: 'a', date: '2000-01-01' }
      for (const entity of body.data) {
        for (const f of entity.fields) {
          for (const op of ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'contains', 'in', 'isNull']) {
            const value =
              op === 'isNull' ? 'true' : op === 'in' ? `${sample[f.type]},${sample[f.type]}` : sample[f.type]
            const answer = await get(`/api/entities/${entity.name}?where[${f.name}][${op}]=${value}`)
            expect(answer.status, `${entity.name}.${f.name} ${op}`).toBe(f.filterOperators.includes(op) ? 200 : 400)
          }
        }
      }
    })

    it('filters by equality, comparison, contains and in', async () => {
      const engineering = (await get('/api/entities/department?where[name][eq]=Engineering')).body.data[0]
      const byDept = await get(`/api/entities/employee?where[deptId]=${engineering.deptId}`)
      expect(byDept.body.data.map((e: { username: string }) => e.username).sort()).toEqual([
        'chris',
        'daniel',
        'eric',
        'sofia',
        'user1',
      ])
      expect(byDept.body.total).toBe(5)

      const older = await get('/api/entities/employee?where[birthdate][lt]=1980-01-01&sort=birthdate')
      expect(older.body.data.map((e: { username: string }) => e.username)).toEqual(['eric', 'chris', 'tom'])

      // contains is case-insensitive on both databases, and % or _ are literal characters.
      const ar = await get('/api/entities/employee?where[lastname][contains]=AR&sort=lastname')
      expect(ar.body.data.map((e: { lastname: string }) => e.lastname)).toEqual(['Carter', 'Marino'])
      expect((await get('/api/entities/employee?where[firstname][contains]=%25')).body.total).toBe(0)
      expect((await get('/api/entities/employee?where[firstname][contains]=_')).body.total).toBe(0)

      const ids = (await get('/api/entities/employee?sort=empId&size=3')).body.data.map(
        (e: { empId: number }) => e.empId,
      )
      const inList = await get(`/api/entities/employee?where[empId][in]=${ids.join(',')}&sort=-empId`)
      expect(inList.body.data.map((e: { empId: number }) => e.empId)).toEqual([...ids].reverse())

      const range = await get(`/api/entities/employee?where[empId][gte]=${ids[1]}&where[empId][lte]=${ids[2]}`)
      expect(range.body.total).toBe(2)
      const noManager = await get('/api/entities/employee?where[managerId][isNull]=true')
      expect(noManager.body.data.map((e: { username: string }) => e.username)).toEqual(['eric'])
      const notUser = await get('/api/entities/employee?where[role][ne]=user')
      expect(notUser.body.data.map((e: { username: string }) => e.username)).toEqual(['admin'])
    })

    it('sorts by several fields and pages with a stable total', async () => {
      const all = (await get('/api/entities/employee?sort=lastname,-firstname&size=500')).body.data
      const lastnames = all.map((e: { lastname: string }) => e.lastname)
      expect(lastnames).toEqual([...lastnames].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)))
      const pages = []
      for (let page = 1; page <= 4; page++) {
        const { body } = await get(`/api/entities/employee?sort=lastname,-firstname&size=4&page=${page}`)
        expect(body).toMatchObject({ page, size: 4, total: 15 })
        pages.push(...body.data)
      }
      expect(pages).toEqual(all)
      expect((await get('/api/entities/employee?page=99')).body.data).toEqual([])
    })

    it('gets one record or a 404', async () => {
      const first = (await get('/api/entities/employee?where[username]=amy')).body.data[0]
      const one = await get(`/api/entities/employee/${first.empId}`)
      expect(one.status).toBe(200)
      expect(one.body).toEqual(first)
      const missing = await get('/api/entities/employee/999999')
      expect(missing.status).toBe(404)
      expect(missing.body.code).toBe('TETHER_NOT_FOUND')
      expect((await get('/api/entities/employee/abc')).body.code).toBe('TETHER_VALIDATION_FAILED')
      expect((await get('/api/entities/payroll')).status).toBe(404)
    })

    it('creates, updates (PATCH and PUT) and deletes as admin', async () => {
      const dept = await api(server.http, 'POST', '/api/entities/department', {
        cookie: admin,
        body: { name: 'Research', budget: 100000, location: 'Denver' },
      })
      expect(dept.status).toBe(201)
      expect(dept.body).toMatchObject({ name: 'Research', budget: 100000, location: 'Denver', deptCode: null })

      const created = await api(server.http, 'POST', '/api/entities/employee', {
        cookie: admin,
        body: {
          firstname: 'Ada',
          lastname: 'Byron',
          deptId: dept.body.deptId,
          birthdate: '1990-12-10',
          username: 'ada',
          password: 'analytical',
        },
      })
      expect(created.status).toBe(201)
      expect(created.body).toMatchObject({ firstname: 'Ada', role: 'user', deptId: dept.body.deptId, username: 'ada' })
      expect(created.body).not.toHaveProperty('password')
      const id = created.body.empId
      // The password given on create works for login.
      await login(server.http, 'ada', 'analytical')

      const patched = await api(server.http, 'PATCH', `/api/entities/employee/${id}`, {
        cookie: admin,
        body: { jobTitle: 'Analyst', city: 'London' },
      })
      expect(patched.status).toBe(200)
      expect(patched.body).toMatchObject({ firstname: 'Ada', jobTitle: 'Analyst', city: 'London' })

      const replaced = await api(server.http, 'PUT', `/api/entities/employee/${id}`, {
        cookie: admin,
        body: { firstname: 'Ada', lastname: 'Lovelace' },
      })
      expect(replaced.status).toBe(200)
      expect(replaced.body).toMatchObject({
        lastname: 'Lovelace',
        city: null,
        jobTitle: null,
        deptId: null,
        role: 'user',
      })
      expect((await get(`/api/entities/employee/${id}`)).body).toEqual(replaced.body)

      const duplicate = await api(server.http, 'POST', '/api/entities/employee', {
        cookie: admin,
        body: { firstname: 'Other', lastname: 'Amy', username: 'amy' },
      })
      expect(duplicate.status).toBe(409)
      expect(duplicate.body.code).toBe('TETHER_CONFLICT')
      const badRef = await api(server.http, 'PATCH', `/api/entities/employee/${id}`, {
        cookie: admin,
        body: { deptId: 999999 },
      })
      expect(badRef.status).toBe(409)

      expect((await api(server.http, 'DELETE', `/api/entities/employee/${id}`, { cookie: admin })).status).toBe(204)
      expect((await get(`/api/entities/employee/${id}`)).status).toBe(404)
      expect((await api(server.http, 'DELETE', `/api/entities/employee/${id}`, { cookie: admin })).status).toBe(404)
      // A department still referenced by employees cannot be deleted; nothing is half-done.
      const engineering = (await get('/api/entities/department?where[name]=Engineering')).body.data[0]
      const referenced = await api(server.http, 'DELETE', `/api/entities/department/${engineering.deptId}`, {
        cookie: admin,
      })
      expect(referenced.status).toBe(409)
      expect((await get(`/api/entities/department/${engineering.deptId}`)).status).toBe(200)
    })

    it('refuses unknown fields, bad types and read-only fields with paths', async () => {
      const response = await api(server.http, 'POST', '/api/entities/employee', {
        cookie: admin,
        body: { firstname: 42, salary: 1, empId: 7, birthdate: '1990-02-30', role: 'root' },
      })
      expect(response.status).toBe(400)
      expect(response.body.code).toBe('TETHER_VALIDATION_FAILED')
      const paths = response.body.details.map((d: { path: string }) => d.path).sort()
      expect(paths).toEqual([
        'body.birthdate',
        'body.empId',
        'body.firstname',
        'body.lastname',
        'body.role',
        'body.salary',
      ])
      expect((await get('/api/entities/employee?where[empId]=all', admin)).status).toBe(400)
      const total = (await get('/api/entities/employee', admin)).body.total
      expect(total).toBe(15) // nothing was written
    })

    it('refuses bad filters, sorts and sizes', async () => {
      const bad = await get(
        '/api/entities/employee?where[firstname][like]=a&where[passwordHash]=x&sort=salary&size=501&foo=1',
      )
      expect(bad.status).toBe(400)
      expect(bad.body.code).toBe('TETHER_VALIDATION_FAILED')
      expect(bad.body.details.map((d: { path: string }) => d.path).sort()).toEqual([
        'query.foo',
        'query.size',
        'query.sort',
        'query.where[firstname][like]',
        'query.where[passwordHash]',
      ])
      const containsOnNumber = await get('/api/entities/employee?where[deptId][contains]=1')
      expect(containsOnNumber.body.details[0].path).toBe('query.where[deptId][contains]')
    })

    it('needs a session to read and the admin role to write', async () => {
      const anonymous = await api(server.http, 'GET', '/api/entities/employee')
      expect(anonymous.status).toBe(401)
      expect(anonymous.body.code).toBe('TETHER_UNAUTHENTICATED')
      expect((await api(server.http, 'GET', '/api/entities/department/1')).status).toBe(401)
      const anonymousWrite = await api(server.http, 'POST', '/api/entities/department', { body: { name: 'X' } })
      expect(anonymousWrite.status).toBe(401)
      const userWrite = await api(server.http, 'POST', '/api/entities/department', {
        cookie: user,
        body: { name: 'X' },
      })
      expect(userWrite.status).toBe(403)
      expect(userWrite.body.code).toBe('TETHER_FORBIDDEN')
      const userDelete = await api(server.http, 'DELETE', '/api/entities/department/1', { cookie: user })
      expect(userDelete.status).toBe(403)
      expect((await get('/api/entities/department?where[name]=X', admin)).body.total).toBe(0)
    })
  })
}
