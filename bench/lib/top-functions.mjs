// Summarizes V8 CPU profiles (`node --cpu-prof`): self time per function, heaviest first.
// Usage: node bench/lib/top-functions.mjs bench/profiles/*.cpuprofile [--top 25]
import { readFileSync } from 'node:fs'

const args = process.argv.slice(2)
const topIndex = args.indexOf('--top')
const top = topIndex >= 0 ? Number(args.splice(topIndex, 2)[1]) : 25
const self = new Map()
let total = 0
for (const file of args) {
  const profile = JSON.parse(readFileSync(file, 'utf8'))
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const deltas = profile.timeDeltas
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i])
    const { functionName, url, lineNumber } = node.callFrame
    const where = url ? `${url.replace(/^file:\/\/.*?\/(node_modules|packages)\//, '$1/')}:${lineNumber + 1}` : ''
    const key = `${functionName || '(anonymous)'} ${where}`.trim()
    const dt = deltas[i] ?? 0
    self.set(key, (self.get(key) ?? 0) + dt)
    total += dt
  }
}
const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, top)
for (const [key, micros] of rows) console.log(`${((micros / total) * 100).toFixed(1).padStart(5)}%  ${key}`)
