// Runs the load generator once against one or more server instances and returns its result, plus the
// servers' CPU time over the measured window (read through the probe at measure-start/measure-end).
import { join } from 'node:path'
import { LOADGEN_CORE, readJsonLines, requestStats, spawnNode, stopProcess } from './processes.mjs'
import { DEMO_USERS, ROOM, root } from './stacks.mjs'

const loadgen = join(root, 'bench', 'loadgen', 'chat-clients.mjs')

/** Settings for every run; the smoke pass lowers the time allowed for all members to join. */
export const chatDefaults = { readyTimeoutMs: 30_000 }

function cpuMicros(stats) {
  return stats.cpu.user + stats.cpu.system
}

/**
 * @param servers started stacks (one, or several instances of the same stack sharing Redis)
 * @param options { members, senders, mode, window?, ratePerSec?, warmupMs, durationMs, textBytes, fdLimit?,
 *   onHolding?(loadgenChild) — idle mode: called once every member is connected and has joined }
 */
export async function runChat(servers, options) {
  const [first] = servers
  const config = {
    protocol: first.protocol,
    usernameParam: first.usernameParam,
    targets: servers.map((s) => s.target),
    users: DEMO_USERS,
    room: ROOM,
    textBytes: 150,
    ...chatDefaults,
    ...options,
  }
  delete config.onHolding
  delete config.fdLimit
  const child = spawnNode(loadgen, [JSON.stringify(config)], { core: LOADGEN_CORE, fdLimit: options.fdLimit })
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)))
  let before = null
  let after = null
  let result = null
  let error = null
  let holding = null
  const pending = []
  readJsonLines(child, (event) => {
    if (event.event === 'measure-start') {
      pending.push(Promise.all(servers.map((s) => requestStats(s.child))).then((s) => (before = s)))
    } else if (event.event === 'measure-end') {
      pending.push(Promise.all(servers.map((s) => requestStats(s.child))).then((s) => (after = s)))
    } else if (event.event === 'result') result = event
    else if (event.event === 'error') error = event.message
    else if (event.event === 'holding' && options.onHolding) {
      holding = Promise.resolve(options.onHolding(child)).finally(() => stopProcess(child))
    }
  })
  const code = await exited
  await Promise.all(pending)
  if (holding) return await holding
  if (error || !result) {
    throw new Error(
      error ?? `load generator exited (${code}) without a result:\n${child.stderrText}${child.stdoutText}`,
    )
  }
  const serverCpu = before && after ? after.reduce((sum, s, i) => sum + cpuMicros(s) - cpuMicros(before[i]), 0) : null
  return {
    ...result,
    serverCpuPct: serverCpu === null ? null : (serverCpu / (result.seconds * 1e6)) * 100,
    serverCpuMicrosPerDelivery: serverCpu === null || result.deliveries === 0 ? null : serverCpu / result.deliveries,
  }
}
