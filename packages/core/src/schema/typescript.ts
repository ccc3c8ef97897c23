import { isEpochMs, stringFormat } from './describe-shape.js'
import type { Constants } from './json-schema.js'
import type { Shape } from './shape.js'

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** `chat_room` → `ChatRoom`; an empty result stays empty. */
export function pascalCase(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).filter((w) => w !== '')
  const joined = words.map((w) => (w[0] ?? '').toUpperCase() + w.slice(1)).join('')
  return /^[0-9]/.test(joined) ? `_${joined}` : joined
}

/** The declaration's name: `heartrate` → `HeartrateMessage`, `ChatMessage` stays. Defaults to `Message`. */
export function typeNameFor(name: string | undefined): string {
  const base = pascalCase(name ?? '')
  return base.endsWith('Message') ? base : `${base}Message`
}

/** Units that matter when binding, as a comment after the property type. */
function unitComment(shape: Shape, key: string): string {
  if (isEpochMs(shape, key)) return ' /* epoch ms */'
  const format = stringFormat(shape)
  if (format === 'date-time') return ' /* ISO 8601 date-time */'
  if (format === 'date') return ' /* ISO 8601 date */'
  return ''
}

function objectLiteral(objects: NonNullable<Shape['objects']>, indent: string, constants?: Constants): string {
  if (objects.props.size === 0) return 'Record<string, unknown>'
  const inner = `${indent}  `
  const lines = [...objects.props].map(([key, prop]) => {
    const name = PLAIN_KEY.test(key) ? key : JSON.stringify(key)
    const optional = prop.seen < objects.count ? '?' : ''
    const pinned = constants?.get(key)
    const type = pinned === undefined ? typeExpression(prop, inner) : JSON.stringify(pinned)
    return `${inner}${name}${optional}: ${type}${pinned === undefined ? unitComment(prop, key) : ''}`
  })
  return `{\n${lines.join('\n')}\n${indent}}`
}

/** The TypeScript type of everything observed at a position. */
export function typeExpression(shape: Shape, indent = '', constants?: Constants): string {
  if (shape.unknowns > 0 || shape.seen === 0) return 'unknown'
  const parts: string[] = []
  if (shape.objects) parts.push(objectLiteral(shape.objects, indent, constants))
  if (shape.arrays) {
    const items = shape.arrays.items.seen > 0 ? typeExpression(shape.arrays.items, indent) : 'unknown'
    parts.push(/^[A-Za-z]+$/.test(items) ? `${items}[]` : `Array<${items}>`)
  }
  if (shape.strings) parts.push('string')
  if (shape.fractions > 0 || shape.integers) parts.push('number')
  if (shape.booleans > 0) parts.push('boolean')
  if (shape.nulls > 0) parts.push('null')
  return parts.join(' | ')
}

/** `export interface X { … }` for object messages, `export type X = …` otherwise. */
export function declaration(name: string, shape: Shape, constants?: Constants): string {
  const type = typeExpression(shape, '', constants)
  const onlyObject =
    shape.objects !== undefined &&
    shape.objects.props.size > 0 &&
    shape.arrays === undefined &&
    shape.strings === undefined &&
    shape.integers === undefined &&
    shape.fractions + shape.booleans + shape.nulls + shape.unknowns === 0
  return onlyObject ? `export interface ${name} ${type}\n` : `export type ${name} = ${type}\n`
}

/** One interface per message kind and a union of them: `export type ChatMessage = ChatMessageJoin | …`. */
export function discriminatedDeclaration(
  name: string,
  kinds: readonly { value: string; shape: Shape; constants: Constants }[],
): string {
  const used = new Set([name])
  const names = kinds.map((kind, i) => {
    let candidate = `${name}${pascalCase(kind.value) || `Kind${i + 1}`}`
    while (used.has(candidate)) candidate = `${candidate}_${i + 1}`
    used.add(candidate)
    return candidate
  })
  const parts = kinds.map((kind, i) => declaration(names[i] ?? name, kind.shape, kind.constants))
  return `${parts.join('\n')}\nexport type ${name} = ${names.join(' | ')}\n`
}
