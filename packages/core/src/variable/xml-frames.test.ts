import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseMessage, XML_PARSER_LOADING } from '../protocols/parse-message.js'
import { loadXmlParser } from '../protocols/xml.js'
import { disposeVariables, makeVariable } from './test-support/variables.js'
import { startTestServer, type TestServer, waitFor } from './test-support/ws-server.js'

// Its own file: the XML parser must not have been loaded by another test of this module graph.
let server: TestServer
beforeEach(async () => {
  server = await startTestServer()
})
afterEach(async () => {
  disposeVariables()
  await server.kill()
})

describe('XML frames before the XML parser is loaded', () => {
  it('are held with every later frame and delivered in order once the parser is there', async () => {
    const v = makeVariable(server.url('/x'), { onNewData: 'addAsLast', dataLimit: 100 })
    await v.open()
    const frames = ['{"n":0}', '<m><n>1</n></m>', '{"n":2}', '<m><n>3</n></m>', 'four', '{"n":5}']
    for (const frame of frames) server.broadcast(frame)
    await waitFor(() => (v.dataSet as unknown[]).length === frames.length, 'every message', 10_000)
    expect(v.dataSet).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }, { n: 3 }, 'four', { n: 5 }])
    // Later XML frames parse at once.
    server.broadcast('<m><n>6</n></m>')
    await waitFor(() => (v.dataSet as unknown[]).length === frames.length + 1, 'the last message')
    expect(v.lastRecord).toEqual({ n: 6 })
  })

  it('once loadXmlParser() has resolved, parseMessage parses XML at once', async () => {
    await loadXmlParser()
    expect(parseMessage('<m><n>1</n></m>')).toEqual({ n: 1 })
    expect(parseMessage('<m><n>1</n></m>')).not.toBe(XML_PARSER_LOADING)
  })
})
