// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { renderPage } from '../page-view/test-support/harness.js'

afterEach(() => cleanup())

describe('Label variants', () => {
  it('heading is bold text, muted is secondary text, anything else is a plain label', async () => {
    const page = renderPage({
      widgets: [
        { type: 'Label', name: 'title', props: { caption: 'Hello everyone', variant: 'heading' } },
        { type: 'Label', name: 'meta', props: { caption: 'by user1 at 08:40:25 AM', variant: 'muted' } },
        { type: 'Label', name: 'plain', props: { caption: 'plain' } },
        { type: 'Label', name: 'odd', props: { caption: 'odd', variant: 'toString' } },
      ],
    })
    await screen.findByText('by user1 at 08:40:25 AM')
    const classOf = (name: string) => page.container.querySelector(`[data-widget="${name}"]`)?.className
    expect(classOf('title')).toBe('tether-label tether-label-heading')
    expect(classOf('meta')).toBe('tether-label tether-label-muted')
    expect(classOf('plain')).toBe('tether-label')
    // A prototype key is not a variant.
    expect(classOf('odd')).toBe('tether-label')
    page.unmount()
  })
})
