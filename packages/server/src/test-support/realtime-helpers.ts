import WebSocket from 'ws'

/** Polls `check` until it returns a truthy value or the deadline passes (then throws with `what`). */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  what: string,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) return value as NonNullable<T>
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** A client socket that records every frame and its close, for assertions. */
export interface RecordingClient {
  ws: WebSocket
  /** Text frames, parsed as JSON when possible. */
  messages: unknown[]
  /** Raw frames with their binary flag. */
  frames: { data: Buffer; isBinary: boolean }[]
  /** Set once the socket closed. */
  closed: { code: number; reason: string } | null
  opened: Promise<void>
  /** Resolves with the close code and reason (also when the socket never opened). */
  closedPromise: Promise<{ code: number; reason: string }>
}

export function connectClient(
  url: string,
  options: WebSocket.ClientOptions & { protocols?: string[] } = {},
): RecordingClient {
  const { protocols, ...rest } = options
  const ws = new WebSocket(url, protocols ?? [], rest)
  const client: RecordingClient = {
    ws,
    messages: [],
    frames: [],
    closed: null,
    opened: new Promise((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('close', () => reject(new Error('closed before opening')))
    }),
    closedPromise: new Promise((resolve) => {
      ws.once('close', (code, reason) => {
        client.closed = { code, reason: reason.toString() }
        resolve(client.closed)
      })
    }),
  }
  client.opened.catch(() => {})
  ws.on('error', () => {})
  ws.on('message', (data: Buffer, isBinary) => {
    client.frames.push({ data, isBinary })
    if (isBinary) return
    const text = data.toString()
    try {
      client.messages.push(JSON.parse(text))
    } catch {
      client.messages.push(text)
    }
  })
  return client
}

/** Prints why a suite is skipped (a silent skip looks like a pass). */
export function skipNotice(suite: string, variable: string): void {
  console.warn(`[skipped] ${suite}: set ${variable} to run it (e.g. via .ci/run).`)
}
