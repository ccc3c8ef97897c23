// A burst of logins must not starve the rest of the server (issue 12, finding 1). Password checks
// (scrypt) run on libuv's thread pool, which static files share; LOGIN_CONCURRENT_CHECKS bounds how
// many run at once. This starts the built server twice — bounded (the default, 2) and effectively
// unbounded (64, more than the pool's 4 threads: the old behaviour) — fires 200 simultaneous logins
// at each, and times a picture download (a file read on the same pool) while the burst runs.
//
//   npm run build && node bench/login-burst.mjs
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp, loadConfig } from '../packages/server/dist/index.js'

const BURST = 200

async function timeGet(url) {
  const started = performance.now()
  const response = await fetch(url)
  await response.arrayBuffer()
  return performance.now() - started
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN

async function measure(concurrentChecks) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tether-login-burst-'))
  const app = await buildApp(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      TETHER_DEMO: '1',
      LOGIN_CONCURRENT_CHECKS: String(concurrentChecks),
      LOGIN_QUEUE_MAX: String(BURST),
      LOGIN_MAX_ATTEMPTS: '100000',
    }),
  )
  const base = await app.listen({ port: 0, host: '127.0.0.1' })
  try {
    const picture = `${base}/pictures/user2.svg`
    const idle = []
    for (let i = 0; i < 20; i++) idle.push(await timeGet(picture))
    let done = false
    const burst = Promise.all(
      Array.from({ length: BURST }, (_, i) =>
        fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: `nobody${i}`, password: 'wrong' }),
        }).then((r) => r.status),
      ),
    ).finally(() => {
      done = true
    })
    const during = []
    while (!done) during.push(await timeGet(picture))
    const statuses = await burst
    return {
      concurrentChecks,
      idleMedianMs: median(idle),
      duringMedianMs: median(during),
      duringMaxMs: Math.max(...during),
      samples: during.length,
      refused: statuses.filter((s) => s !== 401).length,
    }
  } finally {
    await app.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

const bounded = await measure(2)
const unbounded = await measure(64)
for (const row of [bounded, unbounded]) {
  console.log(
    `LOGIN_CONCURRENT_CHECKS=${row.concurrentChecks}: picture idle ${row.idleMedianMs.toFixed(1)} ms, during ${BURST} logins median ${row.duringMedianMs.toFixed(1)} ms, max ${row.duringMaxMs.toFixed(1)} ms (${row.samples} samples; ${row.refused} logins not 401)`,
  )
}
console.log(
  `during the burst, bounded vs unbounded: median ${(unbounded.duringMedianMs / bounded.duringMedianMs).toFixed(1)}x faster, max ${(unbounded.duringMaxMs / bounded.duringMaxMs).toFixed(1)}x faster`,
)
