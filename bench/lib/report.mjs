// Markdown pieces for BENCHMARKS.md.
import { fmtRatio } from './stats.mjs'

export function table(headers, rows) {
  const line = (cells) => `| ${cells.map((c) => String(c ?? '—').replaceAll('|', '\\|')).join(' | ')} |`
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n')
}

/**
 * A target check: `value` compared with `limit` ('>=' or '<='). A missing value (scenario failed or
 * skipped) is reported as not measured, never as met.
 */
export function target(scenario, description, value, op, limit, unitFormat = fmtRatio) {
  const met = value === null || value === undefined ? null : op === '>=' ? value >= limit : value <= limit
  return { scenario, description, measured: unitFormat(value), met }
}

export function verdict(met) {
  return met === null ? 'not measured' : met ? 'met' : '**missed**'
}

/**
 * Runs `task` and turns a failure into a line for the report instead of aborting the whole run;
 * `log.failed(label, message)`, when the runner provides it, counts the failure for the exit code.
 */
export async function attempt(label, task, log) {
  try {
    return { ok: true, value: await task() }
  } catch (error) {
    const message = String(error?.message ?? error)
      .split('\n')
      .slice(0, 6)
      .join(' ')
    log(`  ${label} failed: ${message}`)
    log.failed?.(label, message)
    return { ok: false, error: message }
  }
}
