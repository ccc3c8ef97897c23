import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { defineWebSocketService } from './define.js'

/** The JSON code blocks of the root README's "Import any service" section, in order. */
function importExamples(): string[] {
  const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8')
  const section = readme.split('\n## Import any service\n')[1]?.split('\n## ')[0] ?? ''
  return [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => match[1] ?? '')
}

// The README's examples are what users copy: each must be a valid service definition as written.
describe('README "Import any service" examples', () => {
  const examples = importExamples()

  it('has one example per protocol and a binary one', () => {
    const definitions = examples.map((text) => JSON.parse(text) as { protocol?: string; payloadFormat?: string })
    expect(definitions.map((d) => d.protocol ?? 'websocket').sort()).toEqual(
      ['graphql-ws', 'mqtt', 'socket.io', 'sse', 'stomp', 'websocket', 'websocket'].sort(),
    )
    expect(definitions.some((d) => d.payloadFormat === 'msgpack')).toBe(true)
  })

  it.each(examples.map((text, i) => [i + 1, text]))('example %i is a valid service definition', (_n, text) => {
    expect(() => defineWebSocketService(JSON.parse(text as string))).not.toThrow()
  })
})
