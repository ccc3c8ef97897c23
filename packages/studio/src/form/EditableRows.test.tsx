// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { EditableRows } from './EditableRows.js'

afterEach(cleanup)

interface Param {
  name: string
  value: string
}

/** A table of parameters as the studio's forms have them; `outside` removes a row the way a parent would. */
function Harness({ initial }: { initial: Param[] }) {
  const [rows, setRows] = useState(initial)
  return (
    <>
      <EditableRows
        rows={rows}
        onChange={setRows}
        row={(row, index, { rowRef, remove }) => (
          <tr ref={rowRef}>
            <td>
              <input
                aria-label={`Name ${index + 1}`}
                value={row.name}
                onChange={(e) => setRows(rows.map((r, i) => (i === index ? { ...r, name: e.target.value } : r)))}
              />
            </td>
            <td>
              <input aria-label={`Value ${index + 1}`} value={row.value} readOnly />
            </td>
            <td>
              <button type="button" onClick={remove}>
                Remove {row.name}
              </button>
            </td>
          </tr>
        )}
      >
        {(rendered, add) => (
          <>
            <table>
              <tbody>{rendered}</tbody>
            </table>
            <button type="button" onClick={() => add({ name: '', value: '' })}>
              Add
            </button>
          </>
        )}
      </EditableRows>
      <button type="button" onClick={() => setRows(rows.filter((r) => r.name !== 'b'))}>
        Drop b from outside
      </button>
    </>
  )
}

const names = () => screen.getAllByLabelText(/^Name/) as HTMLInputElement[]
const three = [
  { name: 'a', value: '1' },
  { name: 'b', value: '2' },
  { name: 'c', value: '3' },
]

describe('EditableRows', () => {
  it('keeps each field with its row when a row above it is removed', () => {
    render(<Harness initial={three} />)
    const [, b, c] = names()
    c?.focus()
    fireEvent.click(screen.getByRole('button', { name: 'Remove a' }))
    // The same elements, now first and second: with index keys React would have reused a's and b's.
    expect(names()).toEqual([b, c])
    expect(names().map((input) => input.value)).toEqual(['b', 'c'])
    expect(document.activeElement).toBe(c)
  })

  it('keeps the keys when the parent removes a row, and while a row is edited in place', () => {
    render(<Harness initial={three} />)
    const [a, , c] = names()
    fireEvent.click(screen.getByRole('button', { name: 'Drop b from outside' }))
    expect(names()).toEqual([a, c])
    a?.focus()
    fireEvent.change(a as HTMLInputElement, { target: { value: 'alpha' } })
    expect(names()).toEqual([a, c])
    expect(document.activeElement).toBe(a)
    expect(a?.value).toBe('alpha')
  })

  it('adds a row at the end and puts the focus on its first field', () => {
    render(<Harness initial={three.slice(0, 1)} />)
    const [a] = names()
    fireEvent.click(screen.getByRole('button', { name: 'Add' }))
    expect(names()).toHaveLength(2)
    expect(names()[0]).toBe(a)
    expect(document.activeElement).toBe(screen.getByLabelText('Name 2'))
    // Only the row just added takes the focus: editing another row leaves it where the user put it.
    fireEvent.change(a as HTMLInputElement, { target: { value: 'x' } })
    expect(document.activeElement).toBe(screen.getByLabelText('Name 2'))
  })

  it('removes the row asked for, whatever its place', () => {
    render(<Harness initial={three} />)
    fireEvent.click(screen.getByRole('button', { name: 'Remove b' }))
    expect(names().map((input) => input.value)).toEqual(['a', 'c'])
    fireEvent.click(screen.getByRole('button', { name: 'Remove c' }))
    expect(names().map((input) => input.value)).toEqual(['a'])
  })
})
