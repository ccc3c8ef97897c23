import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startChildServer } from '../feeds/test-support/child-server.js'
import { login } from '../test-support/app-helpers.js'
import { loadOrCreateSessionSecret, SESSION_SECRET_FILE } from './session-secret.js'

const folders: string[] = []
const newDataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tether-secret-'))
  folders.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true })
})

describe('the session secret demo mode keeps in DATA_DIR', () => {
  it('is generated once with mode 0600 and read back, also by starts racing on one folder', async () => {
    const dataDir = newDataDir()
    const secrets = await Promise.all([1, 2, 3].map(() => loadOrCreateSessionSecret(dataDir)))
    expect(new Set(secrets).size).toBe(1)
    expect(secrets[0]!.length).toBeGreaterThanOrEqual(32)
    const file = join(dataDir, SESSION_SECRET_FILE)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect((await readFile(file, 'utf8')).trim()).toBe(secrets[0])
    expect(await loadOrCreateSessionSecret(dataDir)).toBe(secrets[0])
  })

  it('refuses a file too short to be a secret, with TETHER_INVALID_CONFIG, and leaves it alone', async () => {
    const dataDir = newDataDir()
    writeFileSync(join(dataDir, SESSION_SECRET_FILE), 'short\n')
    await expect(loadOrCreateSessionSecret(dataDir)).rejects.toMatchObject({ code: 'TETHER_INVALID_CONFIG' })
    expect(await readFile(join(dataDir, SESSION_SECRET_FILE), 'utf8')).toBe('short\n')
  })

  it('keeps a demo server’s users signed in across a restart on the same DATA_DIR', async () => {
    const dataDir = newDataDir()
    // No SESSION_SECRET: the demo default a new user runs.
    const env = { DATA_DIR: dataDir, SESSION_SECRET: '' }
    const first = await startChildServer(env)
    let cookie: string
    try {
      cookie = await login(first.http, 'user1')
    } finally {
      await first.kill()
    }
    const second = await startChildServer(env)
    try {
      const me = await fetch(`${second.http}/api/auth/me`, { headers: { cookie } })
      expect(me.status).toBe(200)
      expect(await me.json()).toMatchObject({ isAuthenticated: true, name: 'user1' })
    } finally {
      await second.kill()
    }
  }, 60_000)
})
