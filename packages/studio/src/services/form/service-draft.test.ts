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

  it('keeps a shared feed and the buffer bounds set in the file, and reports a shared service without the proxy', () => {
    const saved = { name: 'prices', url: 'wss://h/prices', useProxy: true, shared: { bufferMessages: 5 } }
    expect(draftToDefinition(definitionToDraft(saved)).shared).toEqual({ bufferMessages: 5 })
    expect(draftToDefinition({ ...heartrate, useProxy: true, shared: true }).shared).toBe(true)
    expect(draftToDefinition(heartrate).shared).toBeUndefined()
    expect(validateDraft({ ...heartrate, shared: true }, [])).toHaveProperty('shared')
  })

  it("keeps the test's sample request as documentation, not as the RequestBody every app sends", () => {
    const definition = draftToDefinition({ ...heartrate, sampleRequest: 'test', samples: [{ value: 1 }] })
    expect(definition.requestBody).toBeUndefined()
    expect(definition.samples?.request).toBe('test')
    expect(definitionToDraft(definition)).toMatchObject({ requestBody: '', sampleRequest: 'test' })
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

  it('asks for new header values only: stored ones keep theirs when left empty', () => {
    const stored = { name: 'Authorization', value: '', stored: true }
    expect(validateDraft({ ...heartrate, headers: [stored] }, [])).toEqual({})
    const added = validateDraft({ ...heartrate, headers: [stored, { name: 'X-Key', value: '', stored: false }] }, [])
    expect(added['headers[1].value']).toBeDefined()
    expect(added['headers[0].value']).toBeUndefined()
    expect(
      validateDraft({ ...heartrate, headers: [{ name: 'bad name', value: 'x', stored: false }] }, [])[
        'headers[0].name'
      ],
    ).toBeDefined()
  })

  it('refuses the same header twice, whatever the case', () => {
    const problems = validateDraft(
      {
        ...heartrate,
        headers: [
          { name: 'Authorization', value: '', stored: true },
          { name: 'authorization', value: 'x', stored: false },
        ],
      },
      [],
    )
    expect(problems['headers[1].name']?.[0]).toMatch(/already in the list/)
  })
})

describe('secretsToSave', () => {
  const stored = { name: 'Authorization', value: '', stored: true }
  const key = { name: 'X-Key', value: '', stored: true }

  it('is null when nothing changed', () => {
    expect(secretsToSave({ ...heartrate, headers: [stored, key] }, ['Authorization', 'X-Key'])).toBeNull()
  })

  it('sends only the changes: kept headers are omitted, removed ones are null', () => {
    const changed = { ...heartrate, headers: [{ ...stored, value: 'Bearer x' }, key] }
    expect(secretsToSave(changed, ['Authorization', 'X-Key'])).toEqual({ Authorization: 'Bearer x' })
    const added = { ...heartrate, headers: [stored, key, { name: 'X-New', value: 'n', stored: false }] }
    expect(secretsToSave(added, ['Authorization', 'X-Key'])).toEqual({ 'X-New': 'n' })
    expect(secretsToSave({ ...heartrate, headers: [key] }, ['Authorization', 'X-Key'])).toEqual({
      Authorization: null,
    })
    expect(secretsToSave({ ...heartrate, headers: [] }, ['Authorization'])).toEqual({ Authorization: null })
  })

  it('sets a removed header typed again under another spelling instead of removing it too', () => {
    const retyped = { ...heartrate, headers: [{ name: 'authorization', value: 'Bearer y', stored: false }] }
    expect(secretsToSave(retyped, ['Authorization'])).toEqual({ authorization: 'Bearer y' })
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
