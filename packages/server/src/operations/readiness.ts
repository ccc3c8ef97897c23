import type { ServerMetrics } from './metrics.js'

/** How long one dependency may take to answer a readiness check. */
export const READINESS_TIMEOUT_MS = 2000

export interface CheckResult {
  ok: boolean
  /** Round trip in milliseconds, when it answered. */
  ms?: number
  /** Why it failed. */
  error?: string
}

/**
 * The dependencies `/readyz` checks (the database; Redis when configured). Features add their own
 * with `add`; each check resolves when the dependency answered and rejects otherwise, and is given
 * `READINESS_TIMEOUT_MS`.
 */
export class ReadinessChecks {
  readonly #checks = new Map<string, () => Promise<unknown>>()
  readonly #metrics: ServerMetrics

  constructor(metrics: ServerMetrics) {
    this.#metrics = metrics
  }

  add(name: string, check: () => Promise<unknown>): void {
    this.#checks.set(name, check)
  }

  /** Runs every check at once; records each round trip in the metrics. */
  async run(): Promise<Record<string, CheckResult>> {
    const entries = await Promise.all(
      [...this.#checks].map(async ([name, check]): Promise<[string, CheckResult]> => {
        const started = performance.now()
        let timer: NodeJS.Timeout | undefined
        try {
          await Promise.race([
            check(),
            new Promise((_, reject) => {
              timer = setTimeout(
                () => reject(new Error(`no answer within ${READINESS_TIMEOUT_MS} ms`)),
                READINESS_TIMEOUT_MS,
              )
            }),
          ])
          const ms = performance.now() - started
          this.#metrics.dependencyPinged(name, ms)
          return [name, { ok: true, ms: Math.round(ms * 10) / 10 }]
        } catch (error) {
          this.#metrics.dependencyPinged(name, null)
          return [name, { ok: false, error: error instanceof Error ? error.message : String(error) }]
        } finally {
          clearTimeout(timer)
        }
      }),
    )
    return Object.fromEntries(entries)
  }
}
