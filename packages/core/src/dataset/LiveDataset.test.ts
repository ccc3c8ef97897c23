import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isTetherError } from '../errors.js'
import { LiveDataset, MAX_DATA_LIMIT, type OnNewData } from './LiveDataset.js'

interface Rec {
  id: number | undefined
  t: number
  n: number
}

/** The obvious (slow) implementation the ring-buffer dataset must agree with. */
class NaiveModel {
  list: Rec[] = []
  latest: Rec | null = null
  constructor(
    readonly policy: OnNewData,
    public limit: number,
    readonly windowMs: number | undefined,
  ) {}

  add(r: Rec, now: number): void {
    if (this.policy === 'refresh') {
      this.latest = r
      return
    }
    if (this.policy === 'addAsFirst') this.list = [r, ...this.list]
    else if (this.policy === 'addAsLast') this.list = [...this.list, r]
    else {
      const index = r.id === undefined ? -1 : this.list.findIndex((x) => x.id === r.id)
      if (index >= 0) this.list[index] = r
      else this.list = [...this.list, r]
    }
    this.trimLimit()
    this.prune(now)
  }

  setLimit(limit: number): void {
    this.limit = limit
    if (this.policy !== 'refresh') this.trimLimit()
  }

  trimLimit(): void {
    if (this.limit === 0 || this.list.length <= this.limit) return
    this.list = this.policy === 'addAsFirst' ? this.list.slice(0, this.limit) : this.list.slice(-this.limit)
  }

  prune(now: number): void {
    if (this.windowMs === undefined || this.policy === 'refresh') return
    const cutoff = now - this.windowMs
    if (this.policy === 'addAsFirst') {
      while (this.list.length > 0 && (this.list[this.list.length - 1] as Rec).t < cutoff) this.list.pop()
    } else {
      while (this.list.length > 0 && (this.list[0] as Rec).t < cutoff) this.list.shift()
    }
  }
}

type Op =
  | { kind: 'add'; id: number | undefined; dt: number }
  | { kind: 'limit'; limit: number }
  | { kind: 'tick'; dt: number }

const ops: fc.Arbitrary<Op[]> = fc.array(
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('add' as const),
        id: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
        dt: fc.integer({ min: 0, max: 30 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('limit' as const), limit: fc.integer({ min: 0, max: 12 }) }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('tick' as const), dt: fc.integer({ min: 0, max: 100 }) }) },
  ),
  { maxLength: 150 },
)

describe('LiveDataset against a naive array model (property)', () => {
  for (const policy of ['refresh', 'addAsLast', 'addAsFirst', 'upsert'] as const) {
    it(`${policy}: same records, order, first and last for any limit, window and operations`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 10 }),
          fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined }),
          ops,
          (limit, windowMs, operations) => {
            const dataset = new LiveDataset({
              onNewData: policy,
              dataLimit: limit,
              keyField: 'id',
              timeWindowMs: windowMs,
              timeField: 't',
            })
            const model = new NaiveModel(policy, limit, windowMs)
            let now = 1_000
            let n = 0
            for (const o of operations) {
              if (o.kind === 'add') {
                now += o.dt
                const rec: Rec = { id: o.id, t: now, n: n++ }
                dataset.add(rec, now)
                model.add(rec, now)
              } else if (o.kind === 'limit') {
                dataset.setDataLimit(o.limit)
                model.setLimit(o.limit)
              } else {
                now += o.dt
                dataset.prune(now)
                model.prune(now)
              }
              const view = dataset.view()
              if (policy === 'refresh') {
                expect(view.dataSet).toBe(model.latest)
                expect(view.lastRecord).toBe(model.latest)
                expect(dataset.list()).toEqual(model.latest === null ? [] : [model.latest])
              } else {
                expect(view.dataSet).toEqual(model.list)
                expect(view.firstRecord).toBe(model.list[0] ?? null)
                expect(view.lastRecord).toBe(model.list[model.list.length - 1] ?? null)
                expect(dataset.size).toBe(model.list.length)
              }
            }
          },
        ),
        { numRuns: 300 },
      )
    })
  }
})

describe('LiveDataset', () => {
  const beats = (count: number) =>
    Array.from({ length: count }, (_, i) => ({ time: 1513152655902 + i * 500, value: 61 + i }))

  it('addAsLast keeps the newest at the end and evicts the oldest (first element)', () => {
    const d = new LiveDataset({ onNewData: 'addAsLast', dataLimit: 3 })
    for (const b of beats(5)) d.add(b)
    expect((d.view().dataSet as { value: number }[]).map((b) => b.value)).toEqual([63, 64, 65])
    expect(d.view().firstRecord).toEqual(beats(5)[2])
    expect(d.view().lastRecord).toEqual({ time: 1513152657902, value: 65 })
  })

  it('addAsFirst keeps the newest at the start and evicts the oldest (last element)', () => {
    const d = new LiveDataset({ onNewData: 'addAsFirst', dataLimit: 3 })
    for (const b of beats(5)) d.add(b)
    expect((d.view().dataSet as { value: number }[]).map((b) => b.value)).toEqual([65, 64, 63])
    expect((d.view().firstRecord as { value: number }).value).toBe(65)
  })

  it('lowering the limit shrinks at once, evicting the oldest in both directions', () => {
    const last = new LiveDataset({ onNewData: 'addAsLast', dataLimit: 0 })
    const first = new LiveDataset({ onNewData: 'addAsFirst', dataLimit: 0 })
    for (const b of beats(30)) {
      last.add(b)
      first.add(b)
    }
    expect(last.size).toBe(30) // 0 = up to MAX_DATA_LIMIT
    last.setDataLimit(2)
    first.setDataLimit(2)
    expect((last.view().dataSet as { value: number }[]).map((b) => b.value)).toEqual([89, 90])
    expect((first.view().dataSet as { value: number }[]).map((b) => b.value)).toEqual([90, 89])
  })

  it('dataLimit 0 keeps at most MAX_DATA_LIMIT records, and a larger dataLimit is refused with a code', () => {
    const d = new LiveDataset({ onNewData: 'addAsLast', dataLimit: 0 })
    for (let n = 0; n <= MAX_DATA_LIMIT; n++) d.add(n)
    expect(d.size).toBe(MAX_DATA_LIMIT)
    expect(d.view().firstRecord).toBe(1)
    for (const dataLimit of [MAX_DATA_LIMIT + 1, Number.POSITIVE_INFINITY]) {
      let error: unknown
      try {
        new LiveDataset({ onNewData: 'addAsLast', dataLimit })
      } catch (e) {
        error = e
      }
      expect(isTetherError(error, 'TETHER_INVALID_VARIABLE_OPTIONS')).toBe(true)
      expect((error as Error).message).toContain('0 to 100,000')
    }
    expect(() => d.setDataLimit(MAX_DATA_LIMIT + 1)).toThrow(/0 to 100,000/)
    expect(d.dataLimit).toBe(0)
  })

  it('upsert replaces a record with the same key in place and adds new keys as last', () => {
    const d = new LiveDataset({ onNewData: 'upsert', keyField: 'username' })
    d.add({ username: 'user1', message: 'hello', time: 1507809721548 })
    d.add({ username: 'user2', message: 'hi', time: 1507809721549 })
    d.add({ username: 'user1', message: 'again', time: 1507809721550 })
    expect(d.view().dataSet).toEqual([
      { username: 'user1', message: 'again', time: 1507809721550 },
      { username: 'user2', message: 'hi', time: 1507809721549 },
    ])
  })

  it('refresh holds the latest message, strings included', () => {
    const d = new LiveDataset()
    expect(d.view().dataSet).toBeNull()
    d.add({ time: 1513152655902, value: 95 })
    d.add('plain text')
    expect(d.view()).toEqual({ dataSet: 'plain text', firstRecord: 'plain text', lastRecord: 'plain text' })
  })

  it('the time window drops records older than the window, by time field or arrival', () => {
    const byField = new LiveDataset({ onNewData: 'addAsLast', dataLimit: 0, timeWindowMs: 1000, timeField: 'time' })
    for (const b of beats(6)) byField.add(b, 1513152655902 + 2500)
    expect((byField.view().dataSet as unknown[]).length).toBe(3) // times ≥ now-1000
    const byArrival = new LiveDataset({ onNewData: 'addAsLast', timeWindowMs: 100 })
    byArrival.add('a', 0)
    byArrival.add('b', 50)
    expect(byArrival.prune(120)).toBe(true)
    expect(byArrival.view().dataSet).toEqual(['b'])
    expect(byArrival.prune(120)).toBe(false)
  })

  it('the view is the same frozen object until a change', () => {
    const d = new LiveDataset({ onNewData: 'addAsLast' })
    d.add(1)
    const a = d.view()
    expect(d.view()).toBe(a)
    expect(Object.isFrozen(a.dataSet)).toBe(true)
    d.add(2)
    expect(d.view()).not.toBe(a)
  })

  it('rejects options it cannot honour with a coded error listing each problem', () => {
    try {
      new LiveDataset({ onNewData: 'upsert', dataLimit: -1, timeWindowMs: 0 })
      expect.unreachable()
    } catch (error) {
      expect(isTetherError(error, 'TETHER_INVALID_VARIABLE_OPTIONS')).toBe(true)
      expect((error as { details: { path: string }[] }).details.map((d) => d.path)).toEqual([
        'dataLimit',
        'keyField',
        'timeWindowMs',
      ])
    }
    expect(() => new LiveDataset({ onNewData: 'append' as never })).toThrow(/onNewData/)
  })
})
