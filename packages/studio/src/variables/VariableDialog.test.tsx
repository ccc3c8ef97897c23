// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { EntityCatalog, EntityField } from '../api/entities.js'
import type { VariableChange } from './save-variable.js'
import { VariableDialog, type VariableDialogProps } from './VariableDialog.js'

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

const market = {
  name: 'market',
  url: 'ws://example.test/market',
  samples: {
    responses: [
      { type: 'trade', id: 't1', price: 10.5 },
      { type: 'price-update', symbol: 'A', bid: 1 },
    ],
  },
}

/** What `GET /api/entities` answers, trimmed: the dialog must list exactly these, not a copy of its own. */
const entities: EntityCatalog = {
  state: 'ready',
  entities: [
    {
      name: 'sensor',
      primaryKey: 'sensorId',
      fields: [
        field('sensorId', 'integer', { primaryKey: true, readOnly: true, nullable: false }),
        field('label', 'string', { filterOperators: ['eq', 'contains'] }),
        field('kind', 'string', { values: ['heat', 'flow'] }),
      ],
    },
    { name: 'site', primaryKey: 'siteId', fields: [field('siteId', 'integer', { primaryKey: true })] },
  ],
}

function field(name: string, type: EntityField['type'], extra: Partial<EntityField> = {}): EntityField {
  return {
    name,
    type,
    nullable: true,
    primaryKey: false,
    readOnly: false,
    required: false,
    filterOperators: ['eq', 'ne'],
    ...extra,
  }
}

function open(
  onSave: (change: VariableChange) => void,
  editing: VariableDialogProps['editing'] = null,
  catalog: EntityCatalog = entities,
  extra: Partial<VariableDialogProps> = {},
) {
  render(
    <VariableDialog
      editing={editing}
      pages={['Main']}
      services={{ ...services, market }}
      takenNames={() => ['taken']}
      bindingContext={() => ({
        pageVariables: {},
        appVariables: {},
        services,
        widgets: [{ type: 'Text', name: 'message', props: {} }],
        entities: catalog,
      })}
      targets={{ variables: [], widgets: ['message'], pages: ['Main'] }}
      onSave={onSave}
      onClose={() => {}}
      {...extra}
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

  it('writes a JavaScript handler for an event in the page designer, named after the variable', () => {
    const onSave = vi.fn()
    const onJavaScript = vi.fn((variable: string, event: string) => ({ handler: `${variable}${event}` }))
    open(onSave, null, entities, { onJavaScript })
    fireEvent.click(screen.getByRole('tab', { name: 'Events' }))
    fireEvent.change(screen.getByLabelText('Add action to onMessageReceive'), { target: { value: 'javascript' } })
    expect(screen.getByRole('alert').textContent).toBe(
      'Give the variable a valid name first: the handler is named after it.',
    )
    expect(onJavaScript).not.toHaveBeenCalled()
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'chatroom' } })
    fireEvent.change(screen.getByLabelText('Add action to onMessageReceive'), { target: { value: 'javascript' } })
    expect(onJavaScript).toHaveBeenCalledWith('chatroom', 'onMessageReceive')
    fireEvent.click(screen.getByRole('button', { name: 'Create variable' }))
    expect(onSave.mock.calls[0]?.[0].definition.events).toEqual({
      onMessageReceive: [{ script: 'chatroomonMessageReceive' }],
    })
  })

  it('offers no JavaScript outside the page designer, and says where to find it', () => {
    open(vi.fn())
    fireEvent.click(screen.getByRole('tab', { name: 'Events' }))
    const choices = [...(screen.getByLabelText('Add action to onOpen') as HTMLSelectElement).options].map(
      (o) => o.value,
    )
    expect(choices).not.toContain('javascript')
    expect(screen.getByText(/open the page in the page designer and choose JavaScript/)).toBeTruthy()
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

  it('routes by message type: proposes the field and types from the samples, edits rows, refuses a bad row', () => {
    const onSave = vi.fn()
    open(onSave)
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'ticker' } })
    fireEvent.change(screen.getByLabelText('Service'), { target: { value: 'market' } })
    fireEvent.click(screen.getByLabelText('Keep one dataset per message type'))
    expect((screen.getByLabelText('Message type field') as HTMLInputElement).value).toBe('type')
    expect((screen.getByLabelText('Message type 1') as HTMLInputElement).value).toBe('trade')
    expect((screen.getByLabelText('Message type 2') as HTMLInputElement).value).toBe('price-update')
    expect(screen.getByText('Variables.ticker.datasets.trade')).toBeTruthy()

    fireEvent.change(screen.getByLabelText('On new data 2'), { target: { value: 'upsert' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create variable' }))
    expect(screen.getByRole('alert').textContent).toContain('needs the key field')
    expect(onSave).not.toHaveBeenCalled()

    fireEvent.change(screen.getByLabelText('Key field 2'), { target: { value: 'symbol' } })
    fireEvent.change(screen.getByLabelText('Data limit 1'), { target: { value: '50' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add message type' }))
    fireEvent.change(screen.getByLabelText('Message type 3'), { target: { value: 'heartbeat' } })
    fireEvent.change(screen.getByLabelText('On new data 3'), { target: { value: 'refresh' } })
    fireEvent.click(screen.getByRole('button', { name: 'Remove message type 1' }))
    fireEvent.click(screen.getByRole('button', { name: 'Create variable' }))
    expect(onSave).toHaveBeenCalledTimes(1)
    expect(onSave.mock.calls[0]?.[0].definition).toEqual({
      category: 'websocket',
      service: 'market',
      connectOnLoad: true,
      onNewData: 'refresh',
      dataLimit: 20,
      routes: {
        field: 'type',
        datasets: {
          'price-update': { onNewData: 'upsert', keyField: 'symbol' },
          heartbeat: { onNewData: 'refresh' },
        },
      },
    })
  })

  it('catches up after a reconnect: saves resume from both parts, refuses one part alone, drops it when cleared', () => {
    const onSave = vi.fn()
    open(onSave)
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'chatroom' } })
    fireEvent.change(screen.getByLabelText('Resume query parameter'), { target: { value: 'since' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create variable' }))
    expect(screen.getByRole('alert').textContent).toBe("Catch up after a reconnect: Name the record field, e.g. 'id'.")
    expect(onSave).not.toHaveBeenCalled()

    fireEvent.change(screen.getByLabelText('Resume from the record field'), { target: { value: 'id' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create variable' }))
    expect(onSave.mock.calls[0]?.[0].definition.resume).toEqual({ param: 'since', field: 'id' })

    cleanup()
    const onSaveEdited = vi.fn()
    open(onSaveEdited, {
      name: 'chatroom',
      scope: 'page',
      page: 'Main',
      definition: { category: 'websocket', service: 'chat', resume: { param: 'since', field: 'id' } },
    })
    fireEvent.change(screen.getByLabelText('Resume query parameter'), { target: { value: '' } })
    fireEvent.change(screen.getByLabelText('Resume from the record field'), { target: { value: '' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save variable' }))
    expect(onSaveEdited.mock.calls[0]?.[0].definition).toEqual({ category: 'websocket', service: 'chat' })
  })

  it('shows saved routes as rows, and saves none once routing is switched off', () => {
    const onSave = vi.fn()
    open(onSave, {
      name: 'ticker',
      scope: 'page',
      page: 'Main',
      definition: {
        category: 'websocket',
        service: 'market',
        routes: { field: 'kind', datasets: { a: { dataLimit: 3 } } },
      },
    })
    expect((screen.getByLabelText('Message type field') as HTMLInputElement).value).toBe('kind')
    expect((screen.getByLabelText('Data limit 1') as HTMLInputElement).value).toBe('3')
    fireEvent.click(screen.getByLabelText('Keep one dataset per message type'))
    expect(screen.queryByLabelText('Message type 1')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Save variable' }))
    expect(onSave.mock.calls[0]?.[0].definition).toEqual({ category: 'websocket', service: 'market' })
  })

  it("offers the server's entities and their fields as filters (from GET /api/entities)", () => {
    const onSave = vi.fn()
    open(onSave)
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'sensors' } })
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'crud' } })
    const entity = screen.getByLabelText('Entity') as HTMLSelectElement
    expect([...entity.options].map((o) => o.value)).toEqual(['sensor', 'site'])
    expect(entity.value).toBe('sensor')
    fireEvent.click(screen.getByRole('tab', { name: 'Data' }))
    expect(screen.getAllByRole('rowheader').map((th) => th.querySelector('.mono')?.textContent)).toEqual([
      'sensorId',
      'label',
      'kind',
    ])
    expect(screen.getByText('filter · integer')).toBeTruthy()
    expect((screen.getByLabelText('kind') as HTMLInputElement).placeholder).toBe('any of heat, flow')
    fireEvent.change(screen.getByLabelText('label'), { target: { value: 'boiler' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create variable' }))
    expect(onSave.mock.calls[0]?.[0].definition).toEqual({
      category: 'crud',
      entity: 'sensor',
      requestOnLoad: true,
      size: 20,
      filter: { label: 'boiler' },
    })
  })

  it('says when the entities are loading or could not be read, and keeps an entity the server lacks', () => {
    open(vi.fn(), null, { state: 'loading' })
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'crud' } })
    expect(screen.getByText('Loading the entities…')).toBeTruthy()
    cleanup()
    open(
      vi.fn(),
      { name: 'old', scope: 'page', page: 'Main', definition: { category: 'crud', entity: 'gone' } },
      { state: 'error', message: 'Could not read the entities: offline' },
    )
    expect(screen.getByText('Could not read the entities: offline')).toBeTruthy()
    expect((screen.getByLabelText('Entity') as HTMLSelectElement).value).toBe('gone')
    cleanup()
    open(vi.fn(), { name: 'old', scope: 'page', page: 'Main', definition: { category: 'crud', entity: 'gone' } })
    expect(screen.getByText('The server has no entity "gone".')).toBeTruthy()
  })
})
