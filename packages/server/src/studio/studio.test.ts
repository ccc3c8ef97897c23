import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { serializeServiceDefinition } from '@tether/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, login, useTestServer } from '../test-support/app-helpers.js'
import { MAX_SECRET_HEADERS } from './index.js'
import { useTempProjects } from './test-support/temp-projects.js'

describe('studio API', () => {
  const files = useTempProjects()
  const server = useTestServer({ env: () => ({ PROJECTS_DIR: files.projectsDir, STUDIO_DIR: files.studioDir }) })
  let admin: string
  let user: string
  const call = (method: string, path: string, body?: unknown, cookie = admin) =>
    api(server.http, method, path, { cookie, ...(body === undefined ? {} : { body }) })

  beforeAll(async () => {
    admin = await login(server.http, 'admin')
    user = await login(server.http, 'user1')
  })

  const serviceFile = (project: string, name: string) =>
    join(files.projectsDir, project, 'services', `${name}.service.json`)

  it('needs an admin session: 401 without one, 403 for other roles', async () => {
    for (const [method, path] of [
      ['GET', '/api/studio/projects'],
      ['GET', '/api/studio/projects/heartrate'],
      ['PUT', '/api/studio/projects/heartrate/services/x'],
      ['POST', '/api/studio/infer'],
    ] as const) {
      const anonymous = await api(server.http, method, path, method === 'GET' ? {} : { body: {} })
      expect(anonymous.status, `${method} ${path}`).toBe(401)
      expect(anonymous.body.code).toBe('TETHER_UNAUTHENTICATED')
      const forbidden = await call(method, path, method === 'GET' ? undefined : {}, user)
      expect(forbidden.status, `${method} ${path}`).toBe(403)
      expect(forbidden.body.code).toBe('TETHER_FORBIDDEN')
    }
  })

  it('serves the studio app under /studio/ with index.html for in-app routes', async () => {
    const index = await fetch(`${server.http}/studio/`)
    expect(index.status).toBe(200)
    expect(await index.text()).toContain('Tether Studio')
    const route = await fetch(`${server.http}/studio/projects/heartrate/services`)
    expect(await route.text()).toContain('Tether Studio')
    const asset = await fetch(`${server.http}/studio/assets/app.js`)
    expect(asset.headers.get('content-type')).toMatch(/javascript/)
    const outside = await fetch(`${server.http}/studio/..%2f..%2fpackage.json`)
    expect(await outside.text()).toContain('Tether Studio')
  })

  it('lists projects and reads one whole', async () => {
    const list = await call('GET', '/api/studio/projects')
    expect(list.body.data).toEqual(
      expect.arrayContaining([
        { name: 'heartrate', title: 'Heartrate Monitor' },
        { name: 'chatroom', title: expect.any(String) },
      ]),
    )
    const project = await call('GET', '/api/studio/projects/heartrate')
    expect(project.status).toBe(200)
    expect(project.body.project.homePage).toBe('Main')
    expect(project.body.services.heartrateservice.url).toBe('/websocket/heartrate')
    expect(project.body.pages.Main.name).toBe('Main')
    expect(project.body.mocks).toEqual([])
    expect((await call('GET', '/api/studio/projects/nothere')).status).toBe(404)
  })

  it('creates an empty project with a valid project file and home page', async () => {
    const created = await call('POST', '/api/studio/projects', { name: 'sensors', title: 'Sensors' })
    expect(created.status).toBe(201)
    expect(created.body.project).toMatchObject({ name: 'sensors', title: 'Sensors', homePage: 'Main', pages: ['Main'] })
    expect(created.body.pages.Main).toEqual({ name: 'Main', variables: {}, widgets: [] })
    const text = readFileSync(join(files.projectsDir, 'sensors', 'tether.json'), 'utf8')
    expect(text.endsWith('}\n')).toBe(true)
    expect(text).toContain('\n  "homePage": "Main"')
    expect((await call('POST', '/api/studio/projects', { name: 'sensors' })).status).toBe(409)
    const bad = await call('POST', '/api/studio/projects', { name: '../evil' })
    expect(bad.status).toBe(400)
    expect(bad.body.details).toEqual([{ path: 'body.name', message: expect.any(String) }])
    expect(existsSync(join(files.projectsDir, '..', 'evil'))).toBe(false)
  })

  it('saves a service validated, in stable key order with a trailing newline', async () => {
    // Keys deliberately out of order: the file must come out in core's order all the same.
    const body = {
      samples: { responses: [{ t: 1, v: 2 }] },
      url: 'ws://127.0.0.1:9/feed/{room}?token=',
      name: 'feed',
      description: 'A feed',
    }
    const saved = await call('PUT', '/api/studio/projects/sensors/services/feed', body)
    expect(saved.status).toBe(200)
    const text = readFileSync(serviceFile('sensors', 'feed'), 'utf8')
    expect(text).toBe(serializeServiceDefinition(body))
    expect(Object.keys(JSON.parse(text))).toEqual(['name', 'description', 'url', 'samples'])
    expect(text.endsWith('}\n')).toBe(true)
    expect(saved.body).toEqual(JSON.parse(text))
    // Saving the same definition again gives the same bytes.
    await call('PUT', '/api/studio/projects/sensors/services/feed', saved.body)
    expect(readFileSync(serviceFile('sensors', 'feed'), 'utf8')).toBe(text)
  })

  it('refuses an invalid service with every problem located, and leaves the file as it was', async () => {
    const before = readFileSync(serviceFile('sensors', 'feed'), 'utf8')
    const invalid = await call('PUT', '/api/studio/projects/sensors/services/feed', {
      name: 'feed',
      url: 'http://example.com/x',
      subprotocols: ['a b'],
    })
    expect(invalid.status).toBe(400)
    expect(invalid.body.code).toBe('TETHER_INVALID_SERVICE_DEFINITION')
    const paths = invalid.body.details.map((d: { path: string }) => d.path)
    expect(paths).toEqual(expect.arrayContaining(['url', 'subprotocols[0]']))
    expect(readFileSync(serviceFile('sensors', 'feed'), 'utf8')).toBe(before)

    const mismatch = await call('PUT', '/api/studio/projects/sensors/services/feed', { name: 'other', url: 'ws://h/' })
    expect(mismatch.status).toBe(400)
    expect(mismatch.body.details[0].path).toBe('name')
    const traversal = await call('PUT', '/api/studio/projects/sensors/services/..%2Ffeed', {
      name: 'feed',
      url: 'ws://h/',
    })
    expect(traversal.status).toBe(400)
    expect(traversal.body.details[0].path).toBe('params.service')
  })

  it('keeps secrets server-side: header names only, file mode 0600', async () => {
    const put = await call('PUT', '/api/studio/projects/sensors/services/feed/secrets', {
      headers: { Authorization: 'Bearer s3cr3t-value', 'X-Api-Key': 'k3y-value' },
    })
    expect(put.status).toBe(204)
    const names = await call('GET', '/api/studio/projects/sensors/services/feed/secrets')
    expect(names.body).toEqual({ headers: ['Authorization', 'X-Api-Key'], credentials: [] })
    const secretsFile = join(server.config.dataDir, 'secrets', 'sensors.json')
    expect(statSync(secretsFile).mode & 0o777).toBe(0o600)
    expect(readFileSync(secretsFile, 'utf8')).toContain('s3cr3t-value')
    for (const path of ['/api/studio/projects/sensors', '/api/studio/projects/sensors/services/feed/asyncapi']) {
      const response = await call('GET', path)
      expect(JSON.stringify(response.body)).not.toMatch(/s3cr3t|k3y-value/)
    }
    expect(readFileSync(serviceFile('sensors', 'feed'), 'utf8')).not.toMatch(/s3cr3t/)

    const bad = await call('PUT', '/api/studio/projects/sensors/services/feed/secrets', {
      headers: { 'Bad Name': 'x', Host: 'evil', Ok: 'line\nbreak', Cookie: 'tether_session=stolen' },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.code).toBe('TETHER_VALIDATION_FAILED')
    expect(bad.body.details.map((d: { path: string }) => d.path)).toEqual([
      'body.headers.Bad Name',
      'body.headers.Host',
      'body.headers.Ok',
      'body.headers.Cookie',
    ])
    expect((await call('GET', '/api/studio/projects/sensors/services/nothere/secrets')).status).toBe(404)
  })

  it('merges secret headers: a value sets, null removes, an omitted name keeps its stored value', async () => {
    await call('PUT', '/api/studio/projects/sensors/services/merged', { name: 'merged', url: 'ws://h/' })
    const path = '/api/studio/projects/sensors/services/merged/secrets'
    const stored = () => JSON.parse(readFileSync(join(server.config.dataDir, 'secrets', 'sensors.json'), 'utf8')).merged
    expect((await call('PUT', path, { headers: { Authorization: 'Bearer one', 'X-Trace': 't1' } })).status).toBe(204)

    // Only the changed header is sent; the other keeps the value the studio never saw.
    expect((await call('PUT', path, { headers: { 'X-Trace': 't2', 'X-New': 'n' } })).status).toBe(204)
    expect(stored()).toEqual({ headers: { Authorization: 'Bearer one', 'X-Trace': 't2', 'X-New': 'n' } })

    // null removes; names match whatever their case, the new spelling wins.
    expect((await call('PUT', path, { headers: { 'x-new': null, 'x-trace': 't3' } })).status).toBe(204)
    expect(stored()).toEqual({ headers: { Authorization: 'Bearer one', 'x-trace': 't3' } })
    expect((await call('GET', path)).body).toEqual({ headers: ['Authorization', 'x-trace'], credentials: [] })

    // An empty change keeps everything; ?replace=1 replaces the whole set.
    expect((await call('PUT', path, { headers: {} })).status).toBe(204)
    expect(stored().headers.Authorization).toBe('Bearer one')
    expect((await call('PUT', `${path}?replace=1`, { headers: { Only: 'o' } })).status).toBe(204)
    expect(stored()).toEqual({ headers: { Only: 'o' } })
    const badFlag = await call('PUT', `${path}?replace=yes`, { headers: {} })
    expect(badFlag.status).toBe(400)
    expect(badFlag.body.details[0].path).toBe('query.replace')

    // The limit applies to what the merge leaves, and a refused change writes nothing.
    const many = Object.fromEntries(Array.from({ length: MAX_SECRET_HEADERS }, (_, i) => [`X-H${i}`, 'v']))
    const tooMany = await call('PUT', path, { headers: many })
    expect(tooMany.status).toBe(400)
    expect(tooMany.body.details[0].path).toBe('body.headers')
    expect(stored()).toEqual({ headers: { Only: 'o' } })
    const twice = await call('PUT', path, { headers: { Key: 'a', KEY: 'b' } })
    expect(twice.status).toBe(400)
    expect(twice.body.details).toEqual([{ path: 'body.headers.KEY', message: expect.stringMatching(/twice/) }])

    // Removing the last header removes the service's entry.
    expect((await call('PUT', path, { headers: { Only: null } })).status).toBe(204)
    expect(stored()).toBeUndefined()
    expect((await call('GET', path)).body).toEqual({ headers: [], credentials: [] })
  })

  it('keeps a broker login beside the headers: names only, merged, single-line', async () => {
    await call('PUT', '/api/studio/projects/sensors/services/broker', { name: 'broker', url: 'ws://h/' })
    const path = '/api/studio/projects/sensors/services/broker/secrets'
    const stored = () => JSON.parse(readFileSync(join(server.config.dataDir, 'secrets', 'sensors.json'), 'utf8')).broker
    const credentials = { username: 'sensor-7', password: 'p4ss-w0rd' }
    expect((await call('PUT', path, { credentials })).status).toBe(204)
    expect((await call('GET', path)).body).toEqual({ headers: [], credentials: ['username', 'password'] })
    expect(JSON.stringify((await call('GET', '/api/studio/projects/sensors')).body)).not.toContain('p4ss-w0rd')

    // Headers and credentials merge independently; null removes one field.
    expect((await call('PUT', path, { headers: { 'X-Key': 'k' }, credentials: { password: null } })).status).toBe(204)
    expect(stored()).toEqual({ headers: { 'X-Key': 'k' }, credentials: { username: 'sensor-7' } })

    const bad = await call('PUT', path, { credentials: { username: 'a\nb', token: 'x' }, extra: 1 })
    expect(bad.status).toBe(400)
    expect(bad.body.details.map((d: { path: string }) => d.path)).toEqual([
      'body.extra',
      'body.credentials.username',
      'body.credentials.token',
    ])
    expect(stored()).toEqual({ headers: { 'X-Key': 'k' }, credentials: { username: 'sensor-7' } })
    expect((await call('PUT', `${path}?replace=1`, { headers: {} })).status).toBe(204)
    expect(stored()).toBeUndefined()
  })

  it('lands every one of concurrent merges', async () => {
    // On an example project, so this test stands alone.
    await call('PUT', '/api/studio/projects/chatroom/services/parallel', { name: 'parallel', url: 'ws://h/' })
    const path = '/api/studio/projects/chatroom/services/parallel/secrets'
    const names = Array.from({ length: 8 }, (_, i) => `X-Parallel${i}`)
    const answers = await Promise.all(names.map((name) => call('PUT', path, { headers: { [name]: 'v' } })))
    expect(answers.map((a) => a.status)).toEqual(names.map(() => 204))
    expect((await call('GET', path)).body.headers.sort()).toEqual([...names].sort())
    await call('DELETE', '/api/studio/projects/chatroom/services/parallel')
  })

  it('saves a protobuf service only when its .proto parses and declares the message type', async () => {
    const path = '/api/studio/projects/sensors/services/readings'
    const proto = 'syntax = "proto3";\npackage plant;\nmessage Reading {\n  double celsius = 1\n}'
    const service = (messageType: string, text = proto) => ({
      name: 'readings',
      url: 'ws://h/readings',
      payloadFormat: 'protobuf',
      protobuf: { proto: text, messageType },
    })
    const broken = await call('PUT', path, service('plant.Reading'))
    expect(broken.status).toBe(400)
    expect(broken.body).toMatchObject({
      code: 'TETHER_INVALID_SERVICE_DEFINITION',
      details: [{ path: 'protobuf.proto', message: expect.stringMatching(/Line 5: illegal token '}', ';' expected/) }],
    })
    const fixed = proto.replace('= 1\n', '= 1;\n')
    const wrongType = await call('PUT', path, service('plant.Status', fixed))
    expect(wrongType.body.details).toEqual([
      {
        path: 'protobuf.messageType',
        message: "the .proto has no message type 'plant.Status': choose one of plant.Reading.",
      },
    ])
    expect(existsSync(serviceFile('sensors', 'readings'))).toBe(false)
    expect((await call('PUT', path, service('plant.Reading', fixed))).status).toBe(200)
  })

  it('exports AsyncAPI 3.0 and TypeScript types', async () => {
    const asyncapi = await call('GET', '/api/studio/projects/heartrate/services/heartrateservice/asyncapi')
    expect(asyncapi.status).toBe(200)
    expect(asyncapi.body.asyncapi).toMatch(/^3\./)
    const types = await fetch(`${server.http}/api/studio/projects/heartrate/services/heartrateservice/types`, {
      headers: { cookie: admin },
    })
    expect(types.headers.get('content-type')).toMatch(/^text\/plain/)
    const text = await types.text()
    expect(text).toMatch(/time: number/)
    expect(text).toMatch(/value: number/)
    await call('PUT', '/api/studio/projects/sensors/services/bare', { name: 'bare', url: 'ws://h/' })
    const none = await call('GET', '/api/studio/projects/sensors/services/bare/types')
    expect(none.status).toBe(404)
    expect(none.body.message).toMatch(/no sample/)
  })

  it('renames a service with its secrets, refuses to overwrite another, and deletes', async () => {
    const renamed = await call('PUT', '/api/studio/projects/sensors/services/stream?rename=feed', {
      name: 'stream',
      url: 'ws://127.0.0.1:9/feed/{room}?token=',
    })
    expect(renamed.status).toBe(200)
    expect(existsSync(serviceFile('sensors', 'feed'))).toBe(false)
    expect(existsSync(serviceFile('sensors', 'stream'))).toBe(true)
    expect((await call('GET', '/api/studio/projects/sensors/services/stream/secrets')).body.headers).toEqual([
      'Authorization',
      'X-Api-Key',
    ])
    const conflict = await call('PUT', '/api/studio/projects/sensors/services/bare?rename=stream', {
      name: 'bare',
      url: 'ws://h/',
    })
    expect(conflict.status).toBe(409)
    expect(existsSync(serviceFile('sensors', 'stream'))).toBe(true)

    expect((await call('DELETE', '/api/studio/projects/sensors/services/stream')).status).toBe(204)
    expect(existsSync(serviceFile('sensors', 'stream'))).toBe(false)
    expect(readFileSync(join(server.config.dataDir, 'secrets', 'sensors.json'), 'utf8')).not.toContain('s3cr3t')
    expect((await call('DELETE', '/api/studio/projects/sensors/services/stream')).status).toBe(404)
  })

  it('validates pages and the project file, reporting the offending paths', async () => {
    const page = {
      name: 'Main',
      widgets: [{ type: 'Label', name: 'reading', props: { caption: 'bind:Variables.feed.lastRecord.value' } }],
    }
    const saved = await call('PUT', '/api/studio/projects/sensors/pages/Main', page)
    expect(saved.status).toBe(200)
    const pageFile = join(files.projectsDir, 'sensors', 'pages', 'Main.page.json')
    expect(JSON.parse(readFileSync(pageFile, 'utf8'))).toEqual({ ...page, variables: {} })

    const broken = await call('PUT', '/api/studio/projects/sensors/pages/Main', {
      name: 'Main',
      widgets: [
        { type: 'Label', name: 'a', props: { caption: 'bind:Variables.(' } },
        { type: 'Label', name: 'a', props: {} },
      ],
    })
    expect(broken.status).toBe(400)
    expect(broken.body.code).toBe('TETHER_INVALID_PAGE_DEFINITION')
    expect(broken.body.details.map((d: { path: string }) => d.path)).toEqual([
      'widgets[0].props.caption',
      'widgets[1].name',
    ])
    expect(JSON.parse(readFileSync(pageFile, 'utf8')).widgets[0].name).toBe('reading')

    const project = (await call('GET', '/api/studio/projects/sensors')).body.project
    const withVariable = { ...project, variables: { limit: { category: 'static', value: 20 } } }
    expect((await call('PUT', '/api/studio/projects/sensors/project', withVariable)).status).toBe(200)
    expect(JSON.parse(readFileSync(join(files.projectsDir, 'sensors', 'tether.json'), 'utf8')).variables).toEqual({
      limit: { category: 'static', value: 20 },
    })
    const badProject = await call('PUT', '/api/studio/projects/sensors/project', { ...project, homePage: 'Nope' })
    expect(badProject.status).toBe(400)
    expect(badProject.body.details).toEqual([{ path: 'homePage', message: expect.stringMatching(/not one of pages/) }])
    const renamed = await call('PUT', '/api/studio/projects/sensors/project', { ...project, name: 'other' })
    expect(renamed.status).toBe(400)
  })

  it('infers a schema from samples', async () => {
    const inferred = await call('POST', '/api/studio/infer', {
      samples: [
        { type: 'tick', price: 1.5 },
        { type: 'news', headline: 'x' },
      ],
    })
    expect(inferred.status).toBe(200)
    expect(inferred.body.discriminator).toBe('type')
    expect(inferred.body.typescript).toMatch(/headline/)
    expect((await call('POST', '/api/studio/infer', { samples: [] })).status).toBe(400)
  })

  it('saves and reads mocks, refusing messages out of order', async () => {
    const session = {
      service: 'feed',
      recordedAt: '2025-01-01T00:00:00.000Z',
      messages: [
        { at: 0, data: '{"n":1}' },
        { at: 10, data: 'AAEC/w==', binary: true },
      ],
    }
    expect((await call('PUT', '/api/studio/projects/sensors/mocks/feedSession', session)).status).toBe(200)
    expect((await call('GET', '/api/studio/projects/sensors/mocks/feedSession')).body).toEqual(session)
    expect((await call('GET', '/api/studio/projects/sensors')).body.mocks).toEqual(['feedSession'])
    const unordered = await call('PUT', '/api/studio/projects/sensors/mocks/feedSession', {
      ...session,
      messages: [
        { at: 5, data: 'a' },
        { at: 1, data: 'b' },
      ],
    })
    expect(unordered.status).toBe(400)
    expect(unordered.body.details).toEqual([{ path: 'body.messages.1.at', message: expect.any(String) }])
    expect((await call('DELETE', '/api/studio/projects/sensors/mocks/feedSession')).status).toBe(204)
    expect((await call('GET', '/api/studio/projects/sensors/mocks/feedSession')).status).toBe(404)
  })
})
