import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { freePort } from './free-port.js'

/**
 * A redis-server of the test's own, on a free loopback port, that the test may kill and start again
 * (the shared one on 6379 is never touched). Needs Debian's `redis-server`; `available` says whether
 * it is installed.
 */
export interface TestRedis {
  url: string
  port: number
  /** Kills the server with SIGKILL (an outage: no goodbye to clients) and waits for it to exit. */
  kill(): Promise<void>
  /** Starts it again on the same port, empty, and waits until it accepts commands. */
  start(): Promise<void>
}

export const redisServerAvailable = spawnSync('redis-server', ['--version']).status === 0

/** A port no server listens on (for "Redis was never there"), with `start()` to bring one up. */
export async function startTestRedis(options: { running?: boolean } = {}): Promise<TestRedis> {
  const port = await freePort()
  let child: ChildProcess | null = null
  const redis: TestRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      if (child) return
      const started = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      )
      child = started
      await new Promise<void>((resolve, reject) => {
        let output = ''
        started.stdout?.on('data', (chunk: Buffer) => {
          output += chunk.toString()
          if (output.includes('Ready to accept connections')) resolve()
        })
        started.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)))
      })
    },
    async kill() {
      const running = child
      if (!running) return
      child = null
      if (running.exitCode !== null) return
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve())
        running.kill('SIGKILL')
      })
    },
  }
  if (options.running ?? true) await redis.start()
  return redis
}
