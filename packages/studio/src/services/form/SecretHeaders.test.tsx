// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { SecretHeaders } from './SecretHeaders.js'
import type { HeaderRow } from './service-draft.js'

afterEach(cleanup)

function Harness({ initial, seen }: { initial: HeaderRow[]; seen: HeaderRow[][] }) {
  const [rows, setRows] = useState(initial)
  return (
    <SecretHeaders
      rows={rows}
      useProxy
      problems={{}}
      onChange={(next) => {
        seen.push(next)
        setRows(next)
      }}
    />
  )
}

describe('SecretHeaders', () => {
  it('shows stored headers as unchanged without asking for their values, until one is retyped', () => {
    const seen: HeaderRow[][] = []
    render(
      <Harness
        initial={[
          { name: 'Authorization', value: '', stored: true },
          { name: 'X-Key', value: '', stored: true },
        ]}
        seen={seen}
      />,
    )
    expect(screen.getByTestId('header-0-state').textContent).toBe('stored (unchanged)')
    expect(screen.getByTestId('header-1-state').textContent).toBe('stored (unchanged)')
    const values = screen.getAllByLabelText(/New value/) as HTMLInputElement[]
    expect(values.map((input) => input.value)).toEqual(['', ''])
    expect(values[0]?.placeholder).toBe('stored (unchanged)')

    fireEvent.change(values[1] as HTMLInputElement, { target: { value: 'new-key' } })
    expect(screen.getByTestId('header-0-state').textContent).toBe('stored (unchanged)')
    expect(screen.getByTestId('header-1-state').textContent).toMatch(/replaces the stored value/)
    expect(seen.at(-1)).toEqual([
      { name: 'Authorization', value: '', stored: true },
      { name: 'X-Key', value: 'new-key', stored: true },
    ])
  })

  it('adds and removes rows; a new row has no stored state', () => {
    const seen: HeaderRow[][] = []
    render(<Harness initial={[{ name: 'Authorization', value: '', stored: true }]} seen={seen} />)
    fireEvent.click(screen.getByRole('button', { name: '+ Add header' }))
    expect(seen.at(-1)?.[1]).toEqual({ name: '', value: '', stored: false })
    expect(screen.queryByTestId('header-1-state')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Remove header Authorization' }))
    expect(seen.at(-1)).toEqual([{ name: '', value: '', stored: false }])
  })
})
