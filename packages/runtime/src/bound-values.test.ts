import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BoundValues } from './bound-values.js'
import { LoggedInUserVariable } from './logged-in-user.js'
import { createAppRuntime } from './runtime.js'
import { createFrameScheduler } from './scheduler.js'

// A real HTTP server standing in for /api/auth/me: who is signed in is whatever `signedIn` says.
let server: Server
let base = ''
let signedIn: string | null = null

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify(signedIn ? { user: { username: signedIn, id: 1 } } : { isAuthenticated: false }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

function appWithUser() {
  const loggedInUser = new LoggedInUserVariable({ isSecurityEnabled: true, url: `${base}/api/auth/me` })
  const app = createAppRuntime({
    project: { name: 'p', title: 'P', variables: {}, security: { enabled: true } },
    services: {},
    navigate: () => {},
    notify: () => {},
    loggedInUser,
    scheduler: createFrameScheduler((callback) => queueMicrotask(callback)),
  })
  return { app, loggedInUser }
}

describe('bound values that read loggedInUser', () => {
  it.each([
    ['a path', 'bind:loggedInUser.dataSet.name'],
    ['brackets', "bind:loggedInUser['dataSet'].name"],
    ['the whole variable', 'bind:loggedInUser'],
  ])('follow a sign-in when the expression reads %s', async (_how, binding) => {
    signedIn = null
    const { app, loggedInUser } = appWithUser()
    await loggedInUser.refresh()
    const bound = new BoundValues(app.runtime, { value: binding })
    const seen: unknown[] = []
    const stop = bound.subscribe(() => seen.push(bound.getSnapshot().values.value))
    const before = bound.getSnapshot().values.value

    signedIn = 'user1'
    await loggedInUser.refresh()
    await expect.poll(() => seen.length, { timeout: 10_000 }).toBeGreaterThan(0)
    const after = bound.getSnapshot().values.value
    expect(after).not.toEqual(before)
    expect(JSON.stringify(after)).toContain('user1')
    stop()
    app.dispose()
  })
})
