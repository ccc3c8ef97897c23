import { type PageDefinition, validatePage } from '@tether/runtime'
import { describe, expect, it } from 'vitest'
import { arrange, drop, insertNew, renameWidget } from './commands.js'
import { dropTarget } from './drag.js'
import { findWidget } from './page-tree.js'

const page = (): PageDefinition =>
  validatePage({
    name: 'Main',
    widgets: [
      {
        type: 'Panel',
        name: 'panel',
        props: {},
        children: [{ type: 'PanelFooter', name: 'footer', props: {}, children: [] }],
      },
      { type: 'Text', name: 'message', props: {} },
      {
        type: 'Button',
        name: 'send',
        props: {},
        events: { onClick: [{ setWidget: 'message', property: 'datavalue', value: '' }] },
      },
      { type: 'Label', name: 'echo', props: { caption: 'bind:Widgets.message.datavalue' } },
    ],
  })

describe('designer commands', () => {
  it('inserts named widgets; the page stays valid', () => {
    const result = insertNew(page(), 'GridRow', { parent: null, index: 0 })
    if ('problem' in result) throw new Error(result.problem)
    expect(result.select).toBe('gridRow1')
    expect(result.page.widgets[0]?.children?.map((c) => c.name)).toEqual(['gridColumn1', 'gridColumn2'])
    expect(() => validatePage(result.page)).not.toThrow()
  })

  it('drops into a panel footer and moves existing widgets there', () => {
    const target = dropTarget(page().widgets, { kind: 'move', name: 'send' }, 'footer')
    expect(target).toEqual({ parent: 'footer' })
    const moved = drop(page(), { kind: 'move', name: 'send' }, target ?? { parent: null })
    if ('problem' in moved) throw new Error(moved.problem)
    expect(findWidget(moved.page.widgets, 'send')?.parent?.name).toBe('footer')
    expect(dropTarget(page().widgets, { kind: 'move', name: 'panel' }, 'footer')).toBeNull()
    expect(dropTarget(page().widgets, { kind: 'new', type: 'GridColumn' }, null)).toBeNull()
  })

  it('explains moves that cannot happen and selects a neighbour after delete', () => {
    expect(arrange(page(), 'panel', 'up')).toEqual({ problem: 'panel is first already.' })
    expect(arrange(page(), 'message', 'in')).toMatchObject({ select: 'message' })
    const deleted = arrange(page(), 'send', 'delete')
    expect(deleted).toMatchObject({ select: 'echo', notice: 'Deleted send.' })
  })

  it('renames a widget and what refers to it', () => {
    const result = renameWidget(page(), 'message', 'chatMessage')
    if ('problem' in result) throw new Error(result.problem)
    expect(findWidget(result.page.widgets, 'echo')?.node.props.caption).toBe('bind:Widgets.chatMessage.datavalue')
    expect(findWidget(result.page.widgets, 'send')?.node.events?.onClick?.[0]).toMatchObject({
      setWidget: 'chatMessage',
    })
    expect(renameWidget(page(), 'message', 'send')).toEqual({ problem: '"send" is already used by another widget.' })
    expect(renameWidget(page(), 'message', 'a-b')).toMatchObject({ problem: expect.stringContaining('letters') })
  })
})
