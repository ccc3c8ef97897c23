import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { demoEmployees, sampleEmployees } from '../db/index.js'
import { api, login, useTestServer } from '../test-support/app-helpers.js'
import { avatarSvg, PICTURES_DIR } from './index.js'

describe('employee pictures', () => {
  const server = useTestServer()

  it('ships one generated avatar per seeded employee, in sync with the generator', () => {
    for (const person of [...sampleEmployees, ...demoEmployees]) {
      expect(readFileSync(join(PICTURES_DIR, `${person.username}.svg`), 'utf8')).toBe(avatarSvg(person))
    }
  })

  it("serves every employee's picurl locally as SVG", async () => {
    const cookie = await login(server.http, 'user1')
    const { body } = await api(server.http, 'GET', '/api/entities/employee?size=500', { cookie })
    expect(body.data.length).toBe(15)
    for (const employee of body.data) {
      const response = await fetch(`${server.http}${employee.picurl}`)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/)
      expect(await response.text()).toContain(`${employee.firstname} ${employee.lastname}`)
    }
    expect((await fetch(`${server.http}/pictures/../package.json`)).status).toBe(404)
  })

  it('escapes names in the SVG', () => {
    expect(avatarSvg({ firstname: '<script>', lastname: '&', username: 'x' })).not.toContain('<script>')
  })
})
