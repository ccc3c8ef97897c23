import type { PageDefinition } from '@tether/runtime'
import { validatePage } from '@tether/runtime'
import { describe, expect, it } from 'vitest'
import { renameReferences } from './rename-references.js'

const page: PageDefinition = validatePage({
  name: 'Main',
  variables: {
    old: { category: 'websocket', service: 's', dataBinding: { RequestBody: 'bind:Widgets.box.datavalue' } },
    oldest: { category: 'static', value: [1] },
    users: { category: 'crud', entity: 'employee', events: { onSuccess: [{ call: 'old.send' }] } },
  },
  widgets: [
    { type: 'Label', name: 'a', props: { caption: "bind:Variables.old.lastRecord.time | toDate:'hh:mm'" } },
    { type: 'Label', name: 'b', props: { caption: 'bind:Variables.oldest.dataSet' } },
    { type: 'Label', name: 'c', props: { caption: 'Variables.old is plain text' } },
    {
      type: 'Panel',
      name: 'p',
      props: {},
      children: [
        {
          type: 'Label',
          name: 'd',
          props: { caption: "bind:x | lookup:Variables.old.dataSet:'id':'name'" },
        },
        { type: 'ConnectionStatus', name: 'status', props: { variable: 'old' } },
      ],
    },
    {
      type: 'Button',
      name: 'go',
      props: {},
      events: { onClick: [{ call: 'old.open' }, { setWidget: 'box', property: 'datavalue', value: '' }] },
    },
    { type: 'Text', name: 'box', props: {} },
  ],
})

describe('renaming a variable or widget rewrites its references', () => {
  it('rewrites bindings, filters, actions and ConnectionStatus, not look-alikes', () => {
    const renamed = renameReferences(page, 'variable', 'old', 'fresh')
    const [a, b, c, panel, button] = renamed.widgets
    expect(a?.props.caption).toBe("bind:Variables.fresh.lastRecord.time | toDate:'hh:mm'")
    expect(b?.props.caption).toBe('bind:Variables.oldest.dataSet')
    expect(c?.props.caption).toBe('Variables.old is plain text')
    expect(panel?.children?.[0]?.props.caption).toBe("bind:x | lookup:Variables.fresh.dataSet:'id':'name'")
    expect(panel?.children?.[1]?.props.variable).toBe('fresh')
    expect(button?.events?.onClick?.[0]).toEqual({ call: 'fresh.open' })
    const users = renamed.variables.users
    expect(users?.category === 'crud' && users.events?.onSuccess?.[0]).toEqual({ call: 'fresh.send' })
    expect(() => validatePage(renamed)).not.toThrow()
  })

  it('rewrites widget references in variable inputs and setWidget actions', () => {
    const renamed = renameReferences(page, 'widget', 'box', 'messageBox')
    const old = renamed.variables.old
    expect(old?.category === 'websocket' && old.dataBinding?.RequestBody).toBe('bind:Widgets.messageBox.datavalue')
    expect(renamed.widgets[4]?.events?.onClick?.[1]).toMatchObject({ setWidget: 'messageBox' })
    expect(renamed.widgets[5]?.name).toBe('messageBox')
  })
})
