import { describe, expect, it } from 'vitest'
import { compileExpression } from './compile.js'

const deps = (source: string) => compileExpression(source).dependencies

describe('dependencies', () => {
  it('lists the full static path of each member chain', () => {
    expect(deps('Variables.heartratevariable.lastRecord.value')).toEqual([
      'Variables.heartratevariable.lastRecord.value',
    ])
    expect(deps('item')).toEqual(['item'])
    expect(deps('a?.b.c')).toEqual(['a.b.c'])
  })

  it('stops at computed members and adds the paths read by the key', () => {
    expect(deps('Variables.chatroom.dataSet[0].message')).toEqual(['Variables.chatroom.dataSet'])
    expect(deps("Variables['chatroom'].dataSet")).toEqual(['Variables'])
    expect(deps('Variables.list.dataSet[Widgets.grid.selectedIndex].name')).toEqual([
      'Variables.list.dataSet',
      'Widgets.grid.selectedIndex',
    ])
  })

  it('collects through operators, literals and filter arguments, without repeats', () => {
    expect(
      deps("item.username | lookup:Variables.employeeData.dataSet:'username':'picurl' | default:App.defaultPicture"),
    ).toEqual(['item.username', 'Variables.employeeData.dataSet', 'App.defaultPicture'])
    expect(deps("'By ' + item.username + ' at ' + (item.time | toDate:'hh:mm') + item.username")).toEqual([
      'item.username',
      'item.time',
    ])
    expect(deps('a ? [b.c, {d: e.f}] : -g.h')).toEqual(['a', 'b.c', 'e.f', 'g.h'])
    expect(deps('(a || b).c')).toEqual(['a', 'b'])
  })

  it('is empty for constant expressions', () => {
    expect(deps("1 + 2 | toCurrency:'USD'")).toEqual([])
    expect(deps('true ? null : undefined')).toEqual([])
  })
})
