import { describe, expect, it } from 'vitest'
import { appendHandler, handlerName, handlerStub } from './handler-stub.js'

describe('handler stubs', () => {
  it('name a handler after the variable or widget and its event, as the reference does', () => {
    expect(handlerName('chatroom', 'onMessageReceive', '')).toBe('chatroomonMessageReceive')
    expect(handlerName('sendButton', 'onClick', '')).toBe('sendButtononClick')
  })

  it('append 2, 3, … while the script already uses the name, as an export or otherwise', () => {
    const source = 'export function chatroomonOpen() {}\nconst chatroomonOpen2 = 1\n'
    expect(handlerName('chatroom', 'onOpen', source)).toBe('chatroomonOpen3')
    // A longer name that merely starts with it does not count.
    expect(handlerName('chatroom', 'onClose', 'export function chatroomonCloseLater() {}')).toBe('chatroomonClose')
    expect(handlerName('$x', 'onClick', 'x$xonClick')).toBe('$xonClick')
  })

  it('write the stub with the reference signature', () => {
    expect(handlerStub('chatroomonMessageReceive', 'variable')).toMatch(
      /^export function chatroomonMessageReceive\(variable, data, options\) \{\n {2}\/\/ .*\n\}\n$/,
    )
    expect(handlerStub('sendonClick', 'widget')).toMatch(/^export function sendonClick\(widget, data, options\) \{/)
  })

  it('append the stub after what is there and put the cursor at the end of its body line', () => {
    const stub = handlerStub('b', 'widget')
    const first = appendHandler('', stub)
    expect(first.source).toBe(stub)
    const { source, cursor } = appendHandler('export function a() {}\n\n\n', stub)
    expect(source).toBe(`export function a() {}\n\n${stub}`)
    expect(source.slice(cursor)).toBe('\n}\n')
  })
})
