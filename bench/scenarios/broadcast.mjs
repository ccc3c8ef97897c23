// Scenario 1 (chat broadcast at full speed) and scenario 2 (latency at a fixed load): Tether's chat vs
// the raw `ws` loop vs Socket.IO 4, all three servers up at once and the runs interleaved
// (run 1: raw, Socket.IO, Tether; run 2: …) so drift on a shared machine hits every stack alike.
import { runChat } from '../lib/chat-run.mjs'
import { attempt, table, target } from '../lib/report.mjs'
import { tetherUnavailable } from '../lib/stacks.mjs'
import { fmt, fmtRatio, median, ratio } from '../lib/stats.mjs'

async function startAll({ log, pool }) {
  const stacks = []
  const notes = []
  for (const label of ['raw ws', 'Socket.IO', 'Tether']) {
    if (label === 'Tether' && tetherUnavailable()) {
      notes.push(`Tether not measured: ${tetherUnavailable()}.`)
      continue
    }
    const started = await attempt(`starting ${label}`, () => pool.get(label), log)
    if (started.ok) stacks.push(started.value)
    else notes.push(`${label} could not start: ${started.error}`)
  }
  return { stacks, notes }
}

/** Runs `runs` interleaved rounds; returns Map(stack name → { results[], errors[] }). */
async function interleave(stacks, runs, options, log, label) {
  const byStack = new Map(stacks.map((s) => [s.name, { results: [], errors: [] }]))
  for (let run = 1; run <= runs; run++) {
    for (const stack of stacks) {
      const outcome = await attempt(`${label} ${stack.name} run ${run}`, () => runChat([stack], options), log)
      const entry = byStack.get(stack.name)
      if (outcome.ok) {
        entry.results.push(outcome.value)
        log(
          `  ${label} ${stack.name} run ${run}: ${fmt(outcome.value.deliveriesPerSec)} deliveries/s, ` +
            `p50 ${fmt(outcome.value.p50ms)} ms, p99 ${fmt(outcome.value.p99ms)} ms`,
        )
      } else entry.errors.push(outcome.error)
    }
  }
  return byStack
}

function summarize(entry) {
  const pick = (key) => median(entry.results.map((r) => r[key]))
  return {
    runs: entry.results.length,
    deliveriesPerSec: pick('deliveriesPerSec'),
    p50ms: pick('p50ms'),
    p99ms: pick('p99ms'),
    serverCpuMicrosPerDelivery: pick('serverCpuMicrosPerDelivery'),
    serverCpuPct: pick('serverCpuPct'),
    loadgenCpuPct: pick('loadgenCpuPct'),
    closes: entry.results.flatMap((r) => Object.entries(r.unexpectedCloses ?? {}).map(([k, n]) => `${n}× ${k}`)),
    errors: entry.errors,
  }
}

function errorNotes(label, name, s) {
  const notes = s.errors.map((e) => `${label}, ${name}: a run failed: ${e}`)
  if (s.closes.length) notes.push(`${label}, ${name}: unexpected closes: ${s.closes.join(', ')}`)
  return notes
}

export async function chatBroadcast(ctx) {
  const { log, scale } = ctx
  const { stacks, notes } = await startAll(ctx)
  const rows = []
  const targets = []
  for (const members of scale.roomSizes) {
    const options = {
      members,
      senders: 4,
      mode: 'flood',
      window: scale.window,
      warmupMs: scale.warmupMs,
      durationMs: scale.durationMs,
    }
    const byStack = await interleave(stacks, ctx.runs, options, log, `room ${members}`)
    const s = Object.fromEntries([...byStack].map(([name, entry]) => [name, summarize(entry)]))
    for (const [name, summary] of Object.entries(s)) {
      notes.push(...errorNotes(`room of ${members}`, name, summary))
      rows.push([
        fmt(members),
        name,
        fmt(summary.deliveriesPerSec),
        fmtRatio(ratio(summary.deliveriesPerSec, s['raw ws']?.deliveriesPerSec)),
        fmtRatio(ratio(summary.deliveriesPerSec, s['Socket.IO']?.deliveriesPerSec)),
        fmt(summary.p50ms),
        fmt(summary.p99ms),
        fmt(summary.serverCpuMicrosPerDelivery),
        fmtRatio(ratio(summary.serverCpuMicrosPerDelivery, s['raw ws']?.serverCpuMicrosPerDelivery)),
        `${fmt(summary.serverCpuPct)} / ${fmt(summary.loadgenCpuPct)}`,
      ])
    }
    const tether = s.Tether?.deliveriesPerSec
    targets.push(
      target(
        1,
        // Coalesced writes (one corked writev per member per event-loop turn) against the raw loop's
        // one write per message per member: issue 17's goal.
        `room ${fmt(members)}: Tether ÷ raw ws deliveries/s ≥ 1.2`,
        ratio(tether, s['raw ws']?.deliveriesPerSec),
        '>=',
        1.2,
      ),
      target(
        1,
        `room ${fmt(members)}: Tether ÷ Socket.IO deliveries/s ≥ 1.5`,
        ratio(tether, s['Socket.IO']?.deliveriesPerSec),
        '>=',
        1.5,
      ),
    )
  }
  const body = [
    `${scale.roomSizes.map((n) => fmt(n)).join(' and ')} members in one room; 4 of them post 150-byte texts as fast as the room`,
    `takes them (at most ${scale.window} messages not yet delivered to every member); every member, the sender`,
    `included, receives every message. ${ctx.runs} interleaved run(s) per stack, ${scale.durationMs / 1000} s measured`,
    `after ${scale.warmupMs / 1000} s warm-up; medians shown. Latency: post → receipt at each member.`,
    '',
    table(
      [
        'Room',
        'Stack',
        'Deliveries/s',
        'vs raw ws',
        'vs Socket.IO',
        'p50 ms',
        'p99 ms',
        'Server CPU µs/delivery',
        'CPU µs vs raw',
        'CPU % server / load gen',
      ],
      rows,
    ),
  ]
  return { body, notes, targets }
}

export async function fixedLoadLatency(ctx) {
  const { log, scale } = ctx
  const { stacks, notes } = await startAll(ctx)
  const rows = []
  let s = {}
  const options = {
    members: scale.fixedMembers,
    senders: 4,
    mode: 'rate',
    ratePerSec: 10,
    warmupMs: scale.warmupMs,
    durationMs: scale.fixedDurationMs,
  }
  const byStack = await interleave(stacks, ctx.runs, options, log, 'fixed load')
  s = Object.fromEntries([...byStack].map(([name, entry]) => [name, summarize(entry)]))
  for (const [name, summary] of Object.entries(s)) {
    notes.push(...errorNotes('fixed load', name, summary))
    rows.push([
      name,
      fmt(summary.p50ms),
      fmt(summary.p99ms),
      fmtRatio(ratio(summary.p99ms, s['raw ws']?.p99ms)),
      fmt(summary.deliveriesPerSec),
      fmt(summary.serverCpuPct),
    ])
  }
  const body = [
    `${fmt(scale.fixedMembers)} members, 10 messages/s posted in total (so ${fmt(scale.fixedMembers * 10)} deliveries/s),`,
    `${scale.fixedDurationMs / 1000} s measured, ${ctx.runs} interleaved run(s), medians.`,
    '',
    table(['Stack', 'p50 ms', 'p99 ms', 'p99 vs raw ws', 'Deliveries/s', 'Server CPU %'], rows),
  ]
  const targets = [target(2, 'Tether p99 ÷ raw ws p99 ≤ 1.25', ratio(s.Tether?.p99ms, s['raw ws']?.p99ms), '<=', 1.25)]
  return { body, notes, targets }
}
