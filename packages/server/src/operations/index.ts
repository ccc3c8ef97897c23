import type { ServerMetrics } from './metrics.js'
import type { ReadinessChecks } from './readiness.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's Prometheus metrics (see `operations/metrics.ts`). */
    metrics: ServerMetrics
    /** The dependencies `/readyz` checks; features add theirs. */
    readiness: ReadinessChecks
  }
}

export { routeLabel, ServerMetrics } from './metrics.js'
export { installOperations } from './operations-routes.js'
export { type CheckResult, READINESS_TIMEOUT_MS, ReadinessChecks } from './readiness.js'
