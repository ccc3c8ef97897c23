import { describe, expect, it } from 'vitest'
import {
  definitionToDraft,
  draftToDefinition,
  emptyDraft,
  secretsToSave,
  suggestServiceName,
  validateDraft,
} from './service-draft.js'

const heartrate = { ...emptyDraft('ws://127.0.0.1:8080/websocket/heartrate'), name: 'heartrate' }

describe('draftToDefinition', () => {
  it('leaves out empty optional fields and infers the schema from the samples', () => {
    const definition = draftToDefinition({ ...heartrate, samples: [{ time: 1513152655902, value: 95 }] })
    expect(Object.keys(definition)).toEqual(['name', 'url', 'samples', 'schema'])
    expect(definition.samples).toEqual({ responses: [{ time: 1513152655902, value: 95 }] })
    expect(definition.schema).toHaveProperty('properties.time')
  })

  it('keeps params, subprotocols, proxy and request body, and derives path params from the URL', () => {
    const definition = draftToDefinition({
      ...heartrate,
      url: 'ws://h/rooms/{room}?user=',
      queryParams: [{ name: 'user', required: true, default: '' }],
      pathParams: [{ name: 'room', default: 'lobby' }, { name: 'gone' }],
      subprotocols: 'chat, json',
      useProxy: true,
      requestBody: '{"hello":1}',
    })
    expect(definition.queryParams).toEqual([{ name: 'user', required: true }])
    expect(definition.pathParams).toEqual([{ name: 'room', default: 'lobby' }])
    expect(definition.subprotocols).toEqual(['chat', 'json'])
    expect(definition.useProxy).toBe(true)
    expect(definition.requestBody).toBe('{"hello":1}')
  })

  it('round-trips through definitionToDraft', () => {
    const definition = draftToDefinition({ ...heartrate, description: 'Beats', subprotocols: 'a', samples: [1] })
    expect(draftToDefinition(definitionToDraft(definition))).toEqual(definition)
  })
})

describe('validateDraft', () => {
  it('accepts a valid draft', () => {
    expect(validateDraft(heartrate, [])).toEqual({})
  })

  it("reports core's problems at their field paths, and a name taken in the project", () => {
    const problems = validateDraft(
      { ...heartrate, name: '1bad', url: 'http://h/x', queryParams: [{ name: 'a' }, { name: 'a' }] },
      [],
    )
    expect(problems.name?.[0]).toMatch(/letters, digits and _/)
    expect(problems.url?.[0]).toMatch(/use ws:\/\/ or wss:\/\//)
    expect(problems['queryParams[1].name']?.[0]).toMatch(/Duplicate name 'a'/)
    expect(validateDraft(heartrate, ['heartrate']).name).toEqual([
      "The project already has a service named 'heartrate'.",
    ])
  })

  it('asks for header values, and for stored ones again once the headers change', () => {
    const stored = { name: 'Authorization', value: '', stored: true }
    expect(validateDraft({ ...heartrate, headers: [stored] }, [], ['Authorization'])).toEqual({})
    const added = validateDraft(
      { ...heartrate, headers: [stored, { name: 'X-Key', value: '', stored: false }] },
      [],
      ['Authorization'],
    )
    expect(added['headers[1].value']).toBeDefined()
    expect(added['headers[0].value']?.[0]).toMatch(/Type this value again/)
    expect(
      validateDraft({ ...heartrate, headers: [{ name: 'bad name', value: 'x', stored: false }] }, [])[
        'headers[0].name'
      ],
    ).toBeDefined()
  })
})

describe('secretsToSave', () => {
  it('is null when nothing changed, the new set otherwise (removal included)', () => {
    const stored = { name: 'Authorization', value: '', stored: true }
    expect(secretsToSave({ ...heartrate, headers: [stored] }, ['Authorization'])).toBeNull()
    expect(secretsToSave({ ...heartrate, headers: [] }, ['Authorization'])).toEqual({})
    expect(secretsToSave({ ...heartrate, headers: [{ ...stored, value: 'Bearer x' }] }, ['Authorization'])).toEqual({
      Authorization: 'Bearer x',
    })
  })
})

describe('suggestServiceName', () => {
  it('uses the last plain path segment, made an identifier and unique', () => {
    expect(suggestServiceName('ws://h/websocket/heartrate', [])).toBe('heartrate')
    expect(suggestServiceName('ws://h/websocket/heartrate', ['heartrate'])).toBe('heartrate2')
    expect(suggestServiceName('ws://h/v1/price-feed/{id}', [])).toBe('price_feed')
    expect(suggestServiceName('ws://h', [])).toBe('service')
  })
})
