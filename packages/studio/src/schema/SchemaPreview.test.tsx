// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { SchemaPreview } from './SchemaPreview.js'

afterEach(cleanup)

describe('SchemaPreview', () => {
  it('lists inferred fields with their types and shows the TypeScript declaration', () => {
    render(
      <SchemaPreview
        name="heartrate"
        samples={[
          { time: 1513152655902, value: 95 },
          { time: 1513152656402, value: 93 },
        ]}
      />,
    )
    const typeOf = (path: string) => document.querySelector(`[data-field="${path}"] .field-type`)?.textContent
    expect(typeOf('time')).toBe('timestamp (epoch ms)')
    expect(typeOf('value')).toBe('integer')
    expect(screen.getByTestId('typescript').textContent).toContain('interface HeartrateMessage')
  })

  it('proposes the discriminator of a mixed stream and shows one table per message kind', () => {
    render(
      <SchemaPreview
        name="chat"
        samples={[
          { type: 'join', user: 'ann' },
          { type: 'message', user: 'bob', text: 'hi', time: 1513152655902 },
          { type: 'join', user: 'cy' },
          { type: 'message', user: 'ann', text: 'yo', time: 1513152656402 },
        ]}
      />,
    )
    expect(screen.getByText(/Proposed discriminator/).textContent).toContain('type')
    const captions = [...document.querySelectorAll('caption')].map((c) => c.textContent)
    expect(captions).toEqual(['type = "join"', 'type = "message"'])
  })

  it('asks for samples when there are none', () => {
    render(<SchemaPreview name="x" samples={[]} />)
    expect(screen.getByText(/Pick one or more messages/)).toBeDefined()
  })
})
