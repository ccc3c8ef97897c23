import type { WidgetNode } from '@tether/runtime'
import { describe, expect, it } from 'vitest'
import {
  findWidget,
  flattenWidgets,
  insertionPoint,
  insertWidget,
  moveIntoPrevious,
  moveOut,
  moveStep,
  moveWidget,
  removeWidget,
  uniqueName,
  updateWidget,
} from './page-tree.js'
import { canContain, createWidget } from './widget-catalog.js'

const label = (name: string): WidgetNode => ({ type: 'Label', name, props: {} })
const page = (): WidgetNode[] => [
  {
    type: 'GridRow',
    name: 'row',
    props: {},
    children: [
      { type: 'GridColumn', name: 'left', props: { width: 4 }, children: [label('a')] },
      { type: 'GridColumn', name: 'right', props: { width: 8 }, children: [] },
    ],
  },
  label('b'),
  { type: 'Panel', name: 'panel', props: {}, children: [] },
]
const names = (widgets: WidgetNode[]) => flattenWidgets(widgets).map((e) => e.node.name)

describe('page tree edits', () => {
  it('inserts at the end or at an index, into the top level or a container', () => {
    expect(names(insertWidget(page(), label('c'), { parent: 'right' }))).toContain('c')
    expect(findWidget(insertWidget(page(), label('c'), { parent: null, index: 0 }), 'c')?.index).toBe(0)
    expect(findWidget(insertWidget(page(), label('c'), { parent: 'left' }), 'c')?.parent?.name).toBe('left')
  })

  it('shares untouched subtrees and leaves the input alone', () => {
    const before = page()
    const after = insertWidget(before, label('c'), { parent: 'right' })
    expect(after[2]).toBe(before[2])
    expect(after[0]).not.toBe(before[0])
    expect(names(before)).not.toContain('c')
  })

  it('removes and updates by name at any depth', () => {
    expect(names(removeWidget(page(), 'a'))).not.toContain('a')
    const updated = updateWidget(page(), 'a', (n) => ({ ...n, props: { caption: 'hi' } }))
    expect(findWidget(updated, 'a')?.node.props).toEqual({ caption: 'hi' })
  })

  it('moves up and down among siblings, null at the edges', () => {
    const moved = moveStep(page(), 'b', -1)
    expect(moved?.map((n) => n.name)).toEqual(['b', 'row', 'panel'])
    expect(moveStep(page(), 'row', -1)).toBeNull()
    expect(moveStep(page(), 'panel', 1)).toBeNull()
  })

  it('moves into the previous container and back out', () => {
    const into = moveIntoPrevious(page(), 'panel')
    expect(into).toBeNull() // b (a Label) is not a container
    const inPanel = moveWidget(page(), 'b', { parent: 'panel' })
    expect(findWidget(inPanel ?? [], 'b')?.parent?.name).toBe('panel')
    const out = moveOut(inPanel ?? [], 'b')
    expect(out?.map((n) => n.name)).toEqual(['row', 'panel', 'b'])
  })

  it('refuses moves into itself and into containers that do not accept the type', () => {
    expect(moveWidget(page(), 'row', { parent: 'left' })).toBeNull()
    expect(moveWidget(page(), 'b', { parent: 'row' })).toBeNull() // a GridRow holds only GridColumns
    expect(moveWidget(page(), 'a', { parent: 'nowhere' })).toBeNull()
  })

  it('counts the target index after taking the node out when moving within one parent', () => {
    const moved = moveWidget(page(), 'row', { parent: null, index: 2 })
    expect(moved?.map((n) => n.name)).toEqual(['b', 'row', 'panel'])
  })

  it('finds where a new widget goes from the selection', () => {
    expect(insertionPoint(page(), 'right', 'Label')).toEqual({ parent: 'right' })
    expect(insertionPoint(page(), 'a', 'Label')).toEqual({ parent: 'left', index: 1 })
    expect(insertionPoint(page(), 'a', 'GridColumn')).toEqual({ parent: 'row', index: 1 })
    expect(insertionPoint(page(), null, 'Chart')).toEqual({ parent: null })
    expect(insertionPoint(page(), 'b', 'PanelFooter')).toBeNull()
    expect(insertionPoint(page(), 'panel', 'PanelFooter')).toEqual({ parent: 'panel' })
  })

  it('names new widgets uniquely', () => {
    const widgets = [label('label1'), label('label2')]
    expect(uniqueName(widgets, 'label')).toBe('label3')
    expect(uniqueName(widgets, 'label', new Set(['label3']))).toBe('label4')
  })
})

describe('widget catalog', () => {
  it('knows which widget goes where', () => {
    expect(canContain(null, 'Label')).toBe(true)
    expect(canContain(null, 'GridColumn')).toBe(false)
    expect(canContain('GridRow', 'GridColumn')).toBe(true)
    expect(canContain('GridRow', 'Label')).toBe(false)
    expect(canContain('Label', 'Label')).toBe(false)
    expect(canContain('Panel', 'PanelFooter')).toBe(true)
    expect(canContain('Layout', 'PanelFooter')).toBe(false)
  })

  it('creates widgets with default props and starter children', () => {
    let n = 0
    const row = createWidget('GridRow', (base) => `${base}${++n}`)
    expect(row.children?.map((c) => [c.type, c.props.width])).toEqual([
      ['GridColumn', 6],
      ['GridColumn', 6],
    ])
    expect(createWidget('Chart', (base) => `${base}1`)).toMatchObject({ name: 'chart1', props: { type: 'line' } })
    expect(createWidget('Label', (base) => `${base}1`).children).toBeUndefined()
  })
})
