import { describe, expect, it } from 'vitest'
import { PasswordCheckQueue } from './password-check-queue.js'

/** A check that finishes when the test says so. */
function pending() {
  let finish = () => {}
  const done = new Promise<void>((resolve) => {
    finish = resolve
  })
  return { check: () => done, finish }
}

describe('PasswordCheckQueue', () => {
  it('runs at most maxRunning checks, queues maxWaiting more in order, and refuses beyond with TETHER_BUSY', async () => {
    const queue = new PasswordCheckQueue({ maxRunning: 2, maxWaiting: 1 })
    const checks = [pending(), pending(), pending()]
    const order: number[] = []
    const runs = checks.map((c, i) => {
      queue.admit()
      return queue.run(c.check).then(() => order.push(i))
    })
    expect(queue.running).toBe(2)
    expect(queue.waiting).toBe(1)
    expect(() => queue.admit()).toThrow(expect.objectContaining({ code: 'TETHER_BUSY', statusCode: 503 }))

    checks[1]?.finish()
    await runs[1]
    // The waiter took the freed slot: still two running, nobody waiting, so one more may queue.
    expect(queue.running).toBe(2)
    expect(queue.waiting).toBe(0)
    expect(() => queue.admit()).not.toThrow()

    checks[0]?.finish()
    checks[2]?.finish()
    await Promise.all(runs)
    expect(order).toEqual([1, 0, 2])
    expect(queue.running).toBe(0)
  })

  it('frees the slot when a check fails', async () => {
    const queue = new PasswordCheckQueue({ maxRunning: 1, maxWaiting: 0 })
    await expect(queue.run(() => Promise.reject(new Error('scrypt failed')))).rejects.toThrow('scrypt failed')
    expect(queue.running).toBe(0)
    expect(() => queue.admit()).not.toThrow()
  })
})
