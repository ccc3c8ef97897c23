import type { FastifyInstance } from 'fastify'

/**
 * Closes the app (WebSockets with 1001, requests in flight, the broker, the database), but waits at
 * most `timeoutMs` (`SHUTDOWN_TIMEOUT_MS`): a database or Redis that stopped answering must not keep
 * a stopping process alive forever. Resolves with what happened; the caller exits either way.
 *
 * @example
 * const outcome = await closeWithin(app, config.shutdownTimeoutMs)
 * process.exit(outcome === 'closed' ? 0 : 1)
 */
export async function closeWithin(app: FastifyInstance, timeoutMs: number): Promise<'closed' | 'timed out' | 'failed'> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<'timed out'>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), timeoutMs)
  })
  const closing = app.close().then(
    () => 'closed' as const,
    (error: unknown) => {
      app.log.error({ err: error }, 'shutdown failed')
      return 'failed' as const
    },
  )
  try {
    return await Promise.race([closing, deadline])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * While the app closes, responses to the requests still in flight say `Connection: close`: otherwise
 * their keep-alive connections stay open after the answer and hold the close up until the client's
 * keep-alive timeout. Call once on the root instance.
 */
export function closeConnectionsWhileClosing(app: FastifyInstance): void {
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close')
  })
}
