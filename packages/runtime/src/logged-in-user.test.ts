import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { runActions } from './actions.js'
import { LoggedInUserVariable } from './logged-in-user.js'
import { createAppRuntime } from './runtime.js'

// A real HTTP server standing in for the auth routes: /me answers by a flag the logout route clears.
let server: Server
let base = ''
let signedIn = true
let failLogout = false
const calls: string[] = []

beforeAll(async () => {
  server = createServer((req, res) => {
    calls.push(`${req.method} ${req.url} ${req.headers['content-type'] ?? ''}`.trim())
    res.setHeader('content-type', 'application/json')
    if (req.url === '/api/auth/me') {
      return void res.end(
        JSON.stringify(signedIn ? { user: { username: 'user1', id: 7 } } : { isAuthenticated: false }),
      )
    }
    if (req.url === '/api/auth/logout' && req.method === 'POST') {
      if (failLogout) return void res.writeHead(503).end(JSON.stringify({ message: 'The server is restarting.' }))
      signedIn = false
      return void res.end(JSON.stringify({ isAuthenticated: false }))
    }
    res.writeHead(404).end('{}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

function user(): LoggedInUserVariable {
  return new LoggedInUserVariable({
    isSecurityEnabled: true,
    url: `${base}/api/auth/me`,
    logoutUrl: `${base}/api/auth/logout`,
  })
}

describe('signing out', () => {
  it('a { logout: true } action posts to the logout route and leaves loggedInUser anonymous', async () => {
    signedIn = true
    failLogout = false
    const loggedInUser = user()
    expect((await loggedInUser.refresh()).name).toBe('user1')
    const notes: string[] = []
    const app = createAppRuntime({
      project: { name: 'p', title: 'P', variables: {}, security: { enabled: true } },
      services: {},
      navigate: () => {},
      notify: (message) => notes.push(message),
      loggedInUser,
    })
    let changes = 0
    loggedInUser.subscribe(() => changes++)
    await runActions(app.runtime, [{ logout: true }])
    expect(calls.at(-1)).toBe('POST /api/auth/logout application/json')
    expect(loggedInUser.dataSet).toMatchObject({ isAuthenticated: false, name: null, isSecurityEnabled: true })
    expect(changes).toBeGreaterThan(0)
    expect(notes).toEqual([])
    // The server agrees: asking again still says nobody.
    expect((await loggedInUser.refresh()).isAuthenticated).toBe(false)
    app.dispose()
  })

  it('a failed sign-out is reported and the user stays signed in', async () => {
    signedIn = true
    failLogout = true
    const loggedInUser = user()
    await loggedInUser.refresh()
    const notes: string[] = []
    const app = createAppRuntime({
      project: { name: 'p', title: 'P', variables: {}, security: { enabled: true } },
      services: {},
      navigate: () => {},
      notify: (message) => notes.push(message),
      loggedInUser,
    })
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
    await runActions(app.runtime, [{ logout: true }, { notify: 'not reached' }])
    expect(consoleError).toHaveBeenCalledTimes(1) // the failure is on the console too
    consoleError.mockRestore()
    expect(notes).toEqual(['Something went wrong. Try again in a moment.'])
    expect(loggedInUser.dataSet.name).toBe('user1')
    app.dispose()
  })
})
