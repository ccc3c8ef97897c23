import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { strToU8, unzipSync, zipSync } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, login, useTestServer } from '../test-support/app-helpers.js'
import { useTempProjects } from './test-support/temp-projects.js'

/** Every file of a folder with its bytes, by relative path. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {}
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder)) {
      const path = join(folder, entry)
      if (statSync(path).isDirectory()) walk(path)
      else files[relative(dir, path)] = readFileSync(path).toString('base64')
    }
  }
  walk(dir)
  return files
}

describe('studio projects: rename, duplicate, delete, export and import', () => {
  const files = useTempProjects()
  const server = useTestServer({ env: () => ({ PROJECTS_DIR: files.projectsDir, STUDIO_DIR: files.studioDir }) })
  let admin: string
  const call = (method: string, path: string, body?: unknown) =>
    api(server.http, method, path, { cookie: admin, ...(body === undefined ? {} : { body }) })
  const importZip = (zip: Uint8Array, name?: string) =>
    call('POST', '/api/studio/projects/import', { zip: Buffer.from(zip).toString('base64'), ...(name ? { name } : {}) })
  const projectsNow = () => readdirSync(files.projectsDir).sort()

  beforeAll(async () => {
    admin = await login(server.http, 'admin')
  })

  it('exports a project, deletes it and imports it back byte for byte', async () => {
    const before = snapshot(join(files.projectsDir, 'heartrate'))
    const othersBefore = projectsNow().filter((name) => name !== 'heartrate')
    const exported = await fetch(`${server.http}/api/studio/projects/heartrate/export`, { headers: { cookie: admin } })
    expect(exported.headers.get('content-type')).toBe('application/zip')
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="heartrate.zip"')
    const zip = new Uint8Array(await exported.arrayBuffer())

    expect((await call('DELETE', '/api/studio/projects/heartrate')).status).toBe(204)
    expect(projectsNow()).toEqual(othersBefore)
    const imported = await importZip(zip)
    expect(imported).toMatchObject({ status: 201, body: { name: 'heartrate' } })
    expect(snapshot(join(files.projectsDir, 'heartrate'))).toEqual(before)
    // Once more: the name is taken now.
    expect((await importZip(zip)).status).toBe(409)
  })

  it('refuses a zip that is not a valid project and writes nothing', async () => {
    const cases: [Uint8Array, RegExp][] = [
      [strToU8('not a zip'), /not a zip/],
      [zipSync({ 'evil/../../outside.json': strToU8('{}') }), /not a valid project/],
      [zipSync({ 'shop/tether.json': strToU8('{"homePage": 1}') }), /not a valid project/],
      [zipSync({ 'shop/pages/Main.page.json': strToU8('{"name":"Main","widgets":[]}') }), /not a valid project/],
      [zipSync({ 'a/tether.json': strToU8('{}'), 'b/tether.json': strToU8('{}') }), /one folder/],
    ]
    const before = projectsNow()
    for (const [zip, message] of cases) {
      const answer = await importZip(zip)
      expect(answer.status).toBe(400)
      expect(answer.body.code).toBe('TETHER_VALIDATION_FAILED')
      expect(answer.body.message).toMatch(message)
    }
    expect(projectsNow()).toEqual(before)
    expect(existsSync(join(files.projectsDir, '..', 'outside.json'))).toBe(false)
  })

  it('carries page scripts, sub-folders and .mjs included, and refuses one that does not parse', async () => {
    const exported = await fetch(`${server.http}/api/studio/projects/heartrate/export`, { headers: { cookie: admin } })
    const entries = unzipSync(new Uint8Array(await exported.arrayBuffer()))
    const good = { ...entries, 'heartrate/scripts/pages/extra.mjs': strToU8('export const answer = 42\n') }
    const imported = await importZip(zipSync(good), 'scripted')
    expect(imported.status).toBe(201)
    expect(readFileSync(join(files.projectsDir, 'scripted/scripts/pages/extra.mjs'), 'utf8')).toContain('42')

    const broken = { ...entries, 'heartrate/scripts/main.js': strToU8('export function (') }
    const refused = await importZip(zipSync(broken), 'broken')
    expect(refused.status).toBe(400)
    expect(refused.body.details).toEqual([
      { path: 'scripts/main.js', message: expect.stringMatching(/^Line 1, column \d+: /) },
    ])
    expect(existsSync(join(files.projectsDir, 'broken'))).toBe(false)
  })

  it('duplicates and renames, keeping the project file in step with the folder', async () => {
    expect((await call('POST', '/api/studio/projects/chatroom/duplicate', { to: 'chat_copy' })).status).toBe(200)
    expect((await call('POST', '/api/studio/projects/chat_copy/rename', { to: 'chat2' })).status).toBe(200)
    expect(existsSync(join(files.projectsDir, 'chat_copy'))).toBe(false)
    expect(JSON.parse(readFileSync(join(files.projectsDir, 'chat2', 'tether.json'), 'utf8')).name).toBe('chat2')
    expect((await call('GET', '/api/studio/projects/chat2')).body.services.chatroom).toBeDefined()
    expect((await call('POST', '/api/studio/projects/chat2/rename', { to: 'chatroom' })).status).toBe(409)
    expect((await call('POST', '/api/studio/projects/chat2/rename', { to: '../x' })).status).toBe(400)
  })
})
