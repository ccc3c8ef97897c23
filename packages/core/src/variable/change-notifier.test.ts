import { afterEach, describe, expect, it, vi } from 'vitest'
import { ChangeNotifier } from './change-notifier.js'

const tick = () => new Promise<void>((resolve) => queueMicrotask(resolve))

function notifierOver(records: unknown[]) {
  return new ChangeNotifier('heartrate', () => ({
    dataSet: [...records],
    firstRecord: records[0] ?? null,
    lastRecord: records.at(-1) ?? null,
    datasets: {},
  }))
}

describe('ChangeNotifier', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('counts received messages into the status when it is read, with the time of their tick', async () => {
    const now = vi.spyOn(Date, 'now').mockReturnValue(1513152655902)
    const notifier = notifierOver([])
    notifier.dispatch({ type: 'connect' })
    notifier.dispatch({ type: 'opened' })
    for (let i = 0; i < 3; i++) notifier.messageReceived()
    expect(notifier.status).toMatchObject({ state: 'open', messagesReceived: 3, lastMessageAt: 1513152655902 })
    expect(notifier.status).toBe(notifier.status) // same object until something changes
    notifier.messageReceived()
    expect(notifier.status.messagesReceived).toBe(4)
    expect(now).toHaveBeenCalledTimes(1) // one clock read for the whole tick

    await tick()
    now.mockReturnValue(1513152656402)
    notifier.messageReceived()
    expect(notifier.status).toMatchObject({ messagesReceived: 5, lastMessageAt: 1513152656402 })
  })

  it('keeps uncounted messages when a lifecycle action arrives before the status is read', () => {
    const notifier = notifierOver([])
    notifier.dispatch({ type: 'connect' })
    notifier.dispatch({ type: 'opened' })
    notifier.messageReceived()
    notifier.messageReceived()
    notifier.dispatch({ type: 'closing' })
    expect(notifier.status).toMatchObject({ state: 'closing', messagesReceived: 2 })
    expect(notifier.status.lastMessageAt).toBeGreaterThan(0)
  })

  it('gives a frozen snapshot that stays the same object until a message changes it', () => {
    const records: unknown[] = [{ value: 95 }]
    const notifier = notifierOver(records)
    const first = notifier.getSnapshot()
    expect(Object.isFrozen(first)).toBe(true)
    expect(notifier.getSnapshot()).toBe(first)
    records.push({ value: 96 })
    notifier.messageReceived()
    const second = notifier.getSnapshot()
    expect(second).not.toBe(first)
    expect(second.dataSet).toEqual([{ value: 95 }, { value: 96 }])
    expect(second.status.messagesReceived).toBe(1)
    expect(first.status.messagesReceived).toBe(0) // an old snapshot never changes
    expect(notifier.getSnapshot()).toBe(second)
  })

  it('notifies subscribers once per tick however many messages arrived, and again in a later tick', async () => {
    const notifier = notifierOver([])
    const seen: number[] = []
    notifier.subscribe(() => seen.push(notifier.getSnapshot().status.messagesReceived))
    for (let i = 0; i < 100; i++) notifier.messageReceived()
    expect(seen).toEqual([])
    await tick()
    expect(seen).toEqual([100])
    notifier.messageReceived()
    await tick()
    expect(seen).toEqual([100, 101])
  })

  it('records a throwing subscriber in the status without notifying again', async () => {
    const notifier = notifierOver([])
    let calls = 0
    notifier.subscribe(() => {
      calls++
      throw new Error('render failed')
    })
    notifier.messageReceived()
    await tick()
    await tick()
    expect(calls).toBe(1)
    expect(notifier.status.lastError?.code).toBe('TETHER_HANDLER_FAILED')
    expect(notifier.status.messagesReceived).toBe(1)
  })
})
