import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { inferSchema } from './infer-schema.js'
import { validates } from './test-support/json-schema-check.js'

const HEARTRATE = '{"time":1513152655902,"value":95}'
const CHAT = '{"username":"user1","message":"hello","time":1507809721548}'

const field = (result: ReturnType<typeof inferSchema>, path: string) => result.fields.find((f) => f.path === path)
const summary = (result: ReturnType<typeof inferSchema>) => result.fields.map((f) => `${f.path}: ${f.type}`)

/** Every path a JSON value has, written the way fields are: `a.b`, `items[]`, `a["x y"]`. An independent oracle. */
function pathsIn(value: unknown, path = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    if (value.length > 0) out.add(`${path}[]`)
    for (const item of value) pathsIn(item, `${path}[]`, out)
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      const childPath = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)
        ? path === ''
          ? key
          : `${path}.${key}`
        : `${path}[${JSON.stringify(key)}]`
      out.add(childPath)
      pathsIn(child, childPath, out)
    }
  }
  return out
}

/** A string sample is a text frame: inferSchema reads it as JSON when it parses (so `"0"` is the number 0). */
function asMessage(sample: unknown): unknown {
  if (typeof sample !== 'string') return sample
  try {
    return JSON.parse(sample)
  } catch {
    return sample
  }
}

describe('inferSchema on the seed samples', () => {
  it('heartrate: time is an epoch-ms timestamp, value an integer', () => {
    const result = inferSchema(HEARTRATE, { name: 'heartrate' })
    expect(summary(result)).toEqual(['time: timestamp (epoch ms)', 'value: integer'])
    expect(field(result, 'time')).toEqual({
      path: 'time',
      type: 'timestamp (epoch ms)',
      optional: false,
      nullable: false,
      description: 'epoch ms',
    })
    expect(result.jsonSchema).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'heartrate',
      type: 'object',
      properties: { time: { type: 'integer', description: 'timestamp (epoch ms)' }, value: { type: 'integer' } },
      required: ['time', 'value'],
    })
    expect(result.typescript).toBe(
      'export interface HeartrateMessage {\n  time: number /* epoch ms */\n  value: number\n}\n',
    )
    expect(result.discriminator).toBeUndefined()
  })

  it('chat: username and message are strings, time an epoch-ms timestamp', () => {
    const result = inferSchema([CHAT, JSON.parse(CHAT), { username: 'user2', message: 'hi', time: 1507809725000 }])
    expect(summary(result)).toEqual(['username: string', 'message: string', 'time: timestamp (epoch ms)'])
    expect(result.fields.every((f) => !f.optional && !f.nullable)).toBe(true)
    expect(result.typescript).toContain('export interface Message {')
  })
})

describe('inferSchema shapes', () => {
  it('walks nested objects and arrays', () => {
    const result = inferSchema({
      user: { name: 'ann', tags: ['a', 'b'] },
      items: [
        { id: 1, price: 2.5 },
        { id: 2, price: 3 },
      ],
      'x y': true,
    })
    expect(summary(result)).toEqual([
      'user: object',
      'user.name: string',
      'user.tags: array',
      'user.tags[]: string',
      'items: array',
      'items[]: object',
      'items[].id: integer',
      'items[].price: number',
      '["x y"]: boolean',
    ])
  })

  it('marks fields missing from some samples optional and null ones nullable', () => {
    const result = inferSchema([{ a: 1, b: null, c: { d: 1 } }, { a: 2, b: 'x', c: {} }, { a: 3 }])
    expect(field(result, 'a')).toMatchObject({ optional: false, nullable: false, type: 'integer' })
    expect(field(result, 'b')).toMatchObject({ optional: true, nullable: true, type: 'string' })
    expect(field(result, 'c.d')).toMatchObject({ optional: true, nullable: false })
    expect(result.jsonSchema).toMatchObject({ required: ['a'], properties: { b: { type: ['string', 'null'] } } })
    expect(result.typescript).toContain('b?: string | null')
  })

  it('tells integers from numbers and detects timestamps only where plausible', () => {
    const result = inferSchema([
      {
        n: 1,
        x: 1.5,
        createdAt: 1700000000000,
        sent_at: '2024-05-01T10:00:00.123Z',
        day: '2024-05-01',
        format: 1700000000000,
        time: 12,
      },
      {
        n: 2,
        x: 2,
        createdAt: 1700000000001,
        sent_at: '2024-05-01T10:00:00+02:00',
        day: '2024-05-02',
        format: 1700000000000,
        time: 13,
      },
    ])
    expect(summary(result)).toEqual([
      'n: integer',
      'x: number',
      'createdAt: timestamp (epoch ms)',
      'sent_at: timestamp (ISO 8601)',
      'day: date (ISO 8601)',
      'format: integer',
      'time: integer',
    ])
    expect(result.jsonSchema).toMatchObject({
      properties: { sent_at: { type: 'string', format: 'date-time' }, day: { format: 'date' } },
    })
  })

  it('finds a discriminated union when a type-like field splits differently shaped messages', () => {
    const samples = [
      { type: 'join', user: 'ann' },
      { type: 'message', user: 'ann', text: 'hi', time: 1507809721548 },
      { type: 'join', user: 'bob' },
      { type: 'leave', user: 'ann' },
    ]
    const result = inferSchema(samples, { name: 'chat' })
    expect(result.discriminator).toBe('type')
    expect(result.kinds?.map((k) => k.value)).toEqual(['join', 'message', 'leave'])
    expect(result.kinds?.[1]?.fields.map((f) => `${f.path}: ${f.type}`)).toEqual([
      'type: string',
      'user: string',
      'text: string',
      'time: timestamp (epoch ms)',
    ])
    const oneOf = result.jsonSchema.oneOf as Record<string, unknown>[]
    expect(oneOf.map((s) => (s.properties as Record<string, unknown>).type)).toEqual([
      { const: 'join' },
      { const: 'message' },
      { const: 'leave' },
    ])
    expect(field(result, 'type')?.description).toBe('one of "join", "message", "leave"')
    expect(result.typescript).toContain(
      'export type ChatMessage = ChatMessageJoin | ChatMessageMessage | ChatMessageLeave',
    )
    for (const sample of samples) expect(validates(result.jsonSchema, sample)).toBe(true)
  })

  it('does not take an ordinary field with unique values for a discriminator', () => {
    const result = inferSchema([
      { username: 'a', message: 'x' },
      { username: 'b', message: 'y', extra: 1 },
    ])
    expect(result.discriminator).toBeUndefined()
    expect(field(result, 'extra')?.optional).toBe(true)
    // Same shapes under a type field: nothing to tell apart, so one object.
    expect(
      inferSchema([
        { type: 'a', v: 1 },
        { type: 'b', v: 2 },
      ]).discriminator,
    ).toBeUndefined()
  })

  it('falls back to an anyOf union for samples with nothing in common', () => {
    const result = inferSchema([{ a: 1 }, { b: 'x' }, { a: 2 }])
    expect(result.jsonSchema.anyOf).toHaveLength(2)
    expect(result.discriminator).toBeUndefined()
    expect(summary(result)).toEqual(['a: integer', 'b: string'])
    const mixed = inferSchema([1, 'two', [3], { four: 4 }])
    expect(field(mixed, '')?.type).toBe('object | array | string | integer')
    expect(mixed.jsonSchema.anyOf).toHaveLength(4)
  })

  it('treats non-JSON text as a string message and parses JSON text', () => {
    expect(inferSchema('hello there').fields).toEqual([
      { path: '', type: 'string', optional: false, nullable: false, description: 'e.g. "hello there"' },
    ])
    expect(inferSchema('hello').typescript).toBe('export type Message = string\n')
    expect(summary(inferSchema(['[1,2]']))).toEqual([': array', '[]: integer'])
    expect(inferSchema([]).fields).toEqual([])
    expect(inferSchema([]).jsonSchema).toEqual({ $schema: 'https://json-schema.org/draft/2020-12/schema' })
  })
})

describe('inferSchema on any input', () => {
  it('never throws, and returns JSON-serializable output', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withTypedArray: true,
          withSparseArray: true,
          withNullPrototype: true,
          withBoxedValues: true,
          withObjectString: true,
        }),
        fc.option(fc.string()),
        (sample, name) => {
          const result = inferSchema(sample, name === null ? {} : { name })
          expect(JSON.parse(JSON.stringify(result))).toEqual(result)
          expect(result.jsonSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
          expect(result.typescript).toMatch(/^export (interface|type) /)
        },
      ),
    )
  })

  it('survives cycles, extreme depth, throwing getters, revoked proxies and odd values', () => {
    const cyclic: Record<string, unknown> = { id: 1 }
    cyclic.self = cyclic
    cyclic.list = [cyclic]
    let deep: unknown = { leaf: 1 }
    for (let i = 0; i < 10_000; i++) deep = { child: deep }
    const throwing = Object.defineProperty({ ok: 1 }, 'bad', {
      enumerable: true,
      get() {
        throw new Error('boom')
      },
    })
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    const inputs: unknown[] = [
      cyclic,
      deep,
      throwing,
      proxy,
      [proxy],
      10n,
      Symbol('s'),
      () => 1,
      undefined,
      Number.NaN,
      new Array(1e6),
    ]
    for (const input of inputs) expect(() => inferSchema(input)).not.toThrow()
    expect(() => inferSchema({ a: 1 }, null as never)).not.toThrow()
    expect(field(inferSchema(cyclic), 'self')?.type).toBe('unknown')
    expect(field(inferSchema(throwing), 'bad')?.type).toBe('unknown')
    expect(field(inferSchema(throwing), 'ok')?.type).toBe('integer')
    expect(inferSchema(deep).fields.length).toBeLessThanOrEqual(40)
    expect(inferSchema({ big: 10n }).fields[0]?.type).toBe('integer')
    expect(inferSchema({ gone: undefined, fn: () => 1, kept: 1 }).fields.map((f) => f.path)).toEqual(['kept'])
  })

  it('lists every field path of every JSON sample, and every sample validates against the schema', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 4 }), { minLength: 1, maxLength: 5 }), (samples) => {
        const result = inferSchema(samples)
        const listed = new Set(result.fields.map((f) => f.path))
        for (const sample of samples.map(asMessage)) {
          for (const path of pathsIn(sample)) expect(listed).toContain(path)
          expect(validates(result.jsonSchema, JSON.parse(JSON.stringify(sample)))).toBe(true)
        }
        for (const kind of result.kinds ?? []) expect(kind.fields.length).toBeGreaterThan(0)
      }),
    )
  })

  it('reports a field optional exactly when some parent object lacks it', () => {
    const record = fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.oneof(fc.integer(), fc.constant(null)), {
      noNullPrototype: true,
    })
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 6 }), (samples) => {
        const result = inferSchema(samples)
        for (const f of result.fields.filter((f) => f.path !== '')) {
          expect(f.optional).toBe(samples.some((s) => !(f.path in s)))
          expect(f.nullable).toBe(samples.some((s) => s[f.path] === null))
        }
      }),
    )
  })
})
