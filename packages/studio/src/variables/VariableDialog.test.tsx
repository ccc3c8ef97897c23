// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { VariableChange } from './save-variable.js'
import { VariableDialog } from './VariableDialog.js'

afterEach(cleanup)

const services = {
  chat: {
    name: 'chat',
    url: 'ws://example.test/chat/{room}',
    pathParams: [{ name: 'room', default: 'general' }],
    queryParams: [{ name: 'username', required: true }],
    samples: { responses: [{ username: 'a', message: 'hi' }] },
  },
}

function open(onSave: (change: VariableChange) => void) {
  render(
    <VariableDialog
      editing={null}
      pages={['Main']}
      services={services}
      takenNames={() => ['taken']}
      bindingContext={() => ({
        pageVariables: {},
        appVariables: {},
        services,
        widgets: [{ type: 'Text', name: 'message', props: {} }],
      })}
      targets={{ variables: [], widgets: ['message'], pages: ['Main'] }}
      onSave={onSave}
      onClose={() => {}}
    />,
  )
}

describe('variables dialog', () => {
  it("lists the service's path and query params and RequestBody on the Data tab, bindable by clicks", async () => {
    const onSave = vi.fn()
    open(onSave)
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'chatroom' } })
    fireEvent.click(screen.getByRole('tab', { name: 'Data' }))
    expect(screen.getByLabelText('room')).toBeTruthy()
    expect(screen.getByLabelText('username')).toBeTruthy()
    fireEvent.change(screen.getByLabelText('room'), { target: { value: 'random' } })
    fireEvent.click(screen.getByRole('button', { name: 'Bind RequestBody' }))
    fireEvent.click(await screen.findByTitle('Widgets.message.datavalue'))
    fireEvent.click(screen.getByRole('button', { name: 'Bind' }))
    fireEvent.click(screen.getByRole('tab', { name: 'Events' }))
    fireEvent.change(screen.getByLabelText('Add action to onError'), { target: { value: 'notify' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create variable' }))
    expect(onSave).toHaveBeenCalledWith({
      name: 'chatroom',
      scope: 'page',
      page: 'Main',
      previous: null,
      definition: {
        category: 'websocket',
        service: 'chat',
        connectOnLoad: true,
        onNewData: 'refresh',
        dataLimit: 20,
        dataBinding: { room: 'random', RequestBody: 'bind:Widgets.message.datavalue' },
        events: { onError: [{ notify: 'Done', level: 'info' }] },
      },
    })
  })

  it('refuses a name that is taken or not an identifier, and saves nothing', () => {
    const onSave = vi.fn()
    open(onSave)
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'taken' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create variable' }))
    expect(screen.getByRole('alert').textContent).toContain('already a variable')
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: '1x' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create variable' }))
    expect(screen.getByRole('alert').textContent).toContain('letters, digits')
    expect(onSave).not.toHaveBeenCalled()
  })
})
