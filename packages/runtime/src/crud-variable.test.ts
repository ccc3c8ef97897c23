import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CrudVariable } from './crud-variable.js'

// A real HTTP server with the CRUD API's response shape; it records every request URL.
const rows = Array.from({ length: 5 }, (_, i) => ({ empId: i + 1, username: `user${i + 1}` }))
const requests: string[] = []
let server: Server
let base = ''

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    requests.push(`${url.pathname}${url.search}`)
    if (url.pathname.endsWith('/broken')) {
      res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ code: 'TETHER_INTERNAL', message: 'database down' }))
      return
    }
    const id = url.searchParams.get('where[empId][eq]')
    const page = Number(url.searchParams.get('page'))
    const size = Number(url.searchParams.get('size'))
    const matching = id ? rows.filter((r) => r.empId === Number(id)) : rows
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(
      JSON.stringify({ data: matching.slice((page - 1) * size, page * size), page, size, total: matching.length }),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/entities`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const until = async (check: () => boolean) => {
  const deadline = Date.now() + 5000
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 5))
  }
}

describe('CrudVariable', () => {
  it('requests on load with the filter, then refetches when a bound filter value changes', async () => {
    const successes: unknown[][] = []
    const v = new CrudVariable({
      name: 'employeeDetails',
      entity: 'employee',
      baseUrl: base,
      filter: { empId: 2 },
      onSuccess: (_v, data) => successes.push(data),
    })
    expect(v.getSnapshot().status.state).toBe('idle')
    await until(() => v.getSnapshot().status.state === 'ready')
    expect(v.getSnapshot().firstRecord).toEqual({ empId: 2, username: 'user2' })
    expect(requests.at(-1)).toBe('/api/entities/employee?where%5BempId%5D%5Beq%5D=2&page=1&size=20')
    v.setFilter({ empId: 4 })
    await until(() => successes.length === 2)
    expect(v.getSnapshot().dataSet).toEqual([{ empId: 4, username: 'user4' }])
    // Empty filter values are skipped: all rows.
    v.setFilter({ empId: '' })
    await until(() => successes.length === 3)
    expect(v.getSnapshot().total).toBe(5)
    v.dispose()
  })

  it('pages through results', async () => {
    const v = new CrudVariable({ name: 'e', entity: 'employee', baseUrl: base, size: 2 })
    await until(() => v.getSnapshot().status.state === 'ready')
    expect(v.getSnapshot().dataSet.map((r) => r.empId)).toEqual([1, 2])
    await v.nextPage()
    expect(v.getSnapshot().page).toBe(2)
    expect(v.getSnapshot().dataSet.map((r) => r.empId)).toEqual([3, 4])
    await v.previousPage()
    expect(v.getSnapshot().dataSet.map((r) => r.empId)).toEqual([1, 2])
    v.dispose()
  })

  it('turns a failed request into error state and onError, keeping the server message', async () => {
    const errors: string[] = []
    const v = new CrudVariable({ name: 'b', entity: 'broken', baseUrl: base, onError: (_v, e) => errors.push(e.code) })
    await until(() => v.getSnapshot().status.state === 'error')
    expect(v.getSnapshot().status.lastError?.message).toContain('database down')
    expect(errors).toEqual(['TETHER_CRUD_REQUEST_FAILED'])
    v.dispose()
  })

  it('does not request on load when requestOnLoad is false', async () => {
    const before = requests.length
    const v = new CrudVariable({ name: 'n', entity: 'employee', baseUrl: base, requestOnLoad: false })
    await new Promise((r) => setTimeout(r, 20))
    expect(requests.length).toBe(before)
    await v.invoke()
    expect(v.getSnapshot().status.state).toBe('ready')
    v.dispose()
  })
})
