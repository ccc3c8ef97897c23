// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { renderPage } from '../page-view/test-support/harness.js'

afterEach(() => cleanup())

const texts = (container: HTMLElement, widget: string) =>
  [...container.querySelectorAll(`[data-widget="${widget}"]`)].map((e) => e.textContent)

describe('List item templates', () => {
  it('Widgets.<list>.currentItem is the item being rendered, as existing page files bind it', async () => {
    const page = renderPage(
      {
        widgets: [
          {
            type: 'List',
            name: 'chatmessageList',
            props: { dataset: 'bind:Variables.chat.dataSet' },
            children: [
              { type: 'Label', name: 'who', props: { caption: 'bind:Widgets.chatmessageList.currentItem.username' } },
              { type: 'Label', name: 'what', props: { caption: 'bind:currentItem.message' } },
            ],
          },
        ],
      },
      { fakes: ['chat'] },
    )
    await act(async () => {
      page.variables.chat!.push({ username: 'ann', message: 'hello' })
      page.variables.chat!.push({ username: 'bob', message: 'hi ann' })
    })
    await waitFor(() => expect(texts(page.container, 'who')).toEqual(['ann', 'bob']))
    expect(texts(page.container, 'what')).toEqual(['hello', 'hi ann'])
    page.unmount()
  })

  it('nested lists see their own and the outer item; actions inside the template see them too', async () => {
    const page = renderPage({
      variables: {
        rooms: {
          category: 'static',
          value: [
            { room: 'general', people: [{ name: 'ann' }, { name: 'bob' }] },
            { room: 'random', people: [{ name: 'cy' }] },
          ],
        },
      },
      widgets: [
        {
          type: 'List',
          name: 'roomList',
          props: { dataset: 'bind:Variables.rooms.dataSet' },
          children: [
            {
              type: 'List',
              name: 'peopleList',
              props: { dataset: 'bind:item.people' },
              children: [
                {
                  type: 'Button',
                  name: 'pick',
                  props: {
                    caption: "bind:Widgets.peopleList.currentItem.name + '@' + Widgets.roomList.currentItem.room",
                  },
                  events: {
                    onClick: [
                      { setWidget: 'picked', property: 'caption', value: 'bind:Widgets.peopleList.currentItem.name' },
                    ],
                  },
                },
              ],
            },
          ],
        },
        { type: 'Label', name: 'picked', props: { caption: 'bind:Widgets.picked.caption' } },
      ],
    })
    await waitFor(() => expect(texts(page.container, 'pick')).toEqual(['ann@general', 'bob@general', 'cy@random']))
    fireEvent.click(screen.getByText('bob@general'))
    await waitFor(() => expect(texts(page.container, 'picked')).toEqual(['bob']))
    page.unmount()
  })

  it('outside its template a list has no currentItem (the binding yields nothing, not another item)', async () => {
    const page = renderPage(
      {
        widgets: [
          { type: 'List', name: 'l', props: { dataset: 'bind:Variables.chat.dataSet' }, children: [] },
          { type: 'Label', name: 'outside', props: { caption: 'bind:Widgets.l.currentItem.username' } },
        ],
      },
      { fakes: ['chat'] },
    )
    await act(async () => page.variables.chat!.push({ username: 'ann' }))
    await act(async () => {})
    expect(texts(page.container, 'outside')).toEqual([''])
    page.unmount()
  })
})
