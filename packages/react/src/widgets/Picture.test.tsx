// @vitest-environment happy-dom
import { cleanup } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { renderPage } from '../page-view/test-support/harness.js'

afterEach(() => cleanup())

const source = 'data:image/png;base64,iVBORw0KGgo='

describe('Picture size', () => {
  it('leaves the size to its container unless width or height is set, which then wins as inline style', async () => {
    const page = renderPage({
      widgets: [
        { type: 'Picture', name: 'plain', props: { source } },
        { type: 'Picture', name: 'wide', props: { source, width: 200 } },
        { type: 'Picture', name: 'avatar', props: { source, width: 40, shape: 'circle' } },
        { type: 'Picture', name: 'tall', props: { source, height: 90 } },
        { type: 'Picture', name: 'nonsense', props: { source, width: -5 } },
      ],
    })
    const style = (name: string) =>
      (page.container.querySelector(`[data-widget="${name}"]`) as HTMLElement | null)?.getAttribute('style') ?? null
    await expect.poll(() => page.container.querySelector('[data-widget="plain"]')).not.toBeNull()
    expect(style('plain')).toBeNull()
    expect(style('nonsense')).toBeNull()
    // A width alone keeps the aspect ratio; a circle stays round.
    expect(style('wide')).toBe('width: 200px; height: auto; max-width: 100%;')
    expect(style('avatar')).toBe('width: 40px; height: 40px; max-width: 100%;')
    expect(style('tall')).toBe('width: auto; height: 90px; max-width: 100%;')
    page.unmount()
  })
})
