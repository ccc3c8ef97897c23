import { syntaxError } from './expression-errors.js'

export type TokenKind = 'number' | 'string' | 'identifier' | 'punctuator' | 'end'

export interface Token {
  kind: TokenKind
  /** Identifier name, punctuator text, or the decoded string/number literal. */
  value: string | number
  /** 0-based offset of the token's first character in the source. */
  start: number
}

// Longest first, so `===` wins over `==` and `=`.
const PUNCTUATORS = [
  '===',
  '!==',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '??',
  '?.',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  '.',
  ':',
  '?',
  '!',
  '+',
  '-',
  '*',
  '/',
  '%',
  '<',
  '>',
  '|',
]

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', '0': '\0' }

const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9'
const isIdentifierStart = (c: string | undefined) => c !== undefined && /[A-Za-z_$]/.test(c)
const isIdentifierPart = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_$]/.test(c)

/** Splits a source into tokens; the last one is always `end`. Throws EXPRESSION_SYNTAX with the position. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < source.length) {
    const c = source[i]!
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++
    } else if (isDigit(c) || (c === '.' && isDigit(source[i + 1]))) {
      i = readNumber(source, i, tokens)
    } else if (c === '"' || c === "'") {
      i = readString(source, i, tokens)
    } else if (isIdentifierStart(c)) {
      const start = i
      while (isIdentifierPart(source[i])) i++
      tokens.push({ kind: 'identifier', value: source.slice(start, i), start })
    } else {
      // `a?.5:1` is a ternary with `.5`, not optional chaining (same rule as JavaScript).
      const punctuator = PUNCTUATORS.find((p) => source.startsWith(p, i) && !(p === '?.' && isDigit(source[i + 2])))
      if (punctuator === undefined) throw syntaxError(source, i, unexpectedCharacter(source, i))
      tokens.push({ kind: 'punctuator', value: punctuator, start: i })
      i += punctuator.length
    }
  }
  tokens.push({ kind: 'end', value: '', start: source.length })
  return tokens
}

function unexpectedCharacter(source: string, i: number): string {
  const c = String.fromCodePoint(source.codePointAt(i)!)
  if (c === '=') return "Unexpected '=' (assignment is not allowed; compare with '==' or '===')"
  if (c === '&') return "Unexpected '&' (use '&&')"
  return `Unexpected character '${c}'`
}

function readNumber(source: string, start: number, tokens: Token[]): number {
  NUMBER.lastIndex = start
  const text = NUMBER.exec(source)![0]
  const end = start + text.length
  if (isIdentifierPart(source[end]))
    throw syntaxError(source, end, `Unexpected character '${source[end]}' after a number`)
  tokens.push({ kind: 'number', value: Number(text), start })
  return end
}

function readString(source: string, start: number, tokens: Token[]): number {
  const quote = source[start]
  let value = ''
  let i = start + 1
  while (i < source.length) {
    const c = source[i]!
    if (c === quote) {
      tokens.push({ kind: 'string', value, start })
      return i + 1
    }
    if (c === '\\') {
      const [decoded, next] = readEscape(source, i)
      value += decoded
      i = next
    } else {
      value += c
      i++
    }
  }
  throw syntaxError(source, start, `Unterminated string (missing closing ${quote})`)
}

/** Decodes the escape sequence at `i` (a backslash); returns the text and the index after it. */
function readEscape(source: string, i: number): [string, number] {
  const next = source[i + 1]
  if (next === undefined) return ['', i + 1] // the unterminated-string error follows
  const simple = SIMPLE_ESCAPES[next]
  if (simple !== undefined && !(next === '0' && isDigit(source[i + 2]))) return [simple, i + 2]
  if (next === 'x') return [hexCode(source, i, i + 2, 2), i + 4]
  if (next === 'u' && source[i + 2] === '{') {
    const close = source.indexOf('}', i + 3)
    if (close === -1 || close - (i + 3) > 6) throw syntaxError(source, i, 'Invalid \\u{…} escape')
    return [hexCode(source, i, i + 3, close - (i + 3)), close + 1]
  }
  if (next === 'u') return [hexCode(source, i, i + 2, 4), i + 6]
  if (next === '\r' && source[i + 2] === '\n') return ['', i + 3] // line continuation
  if (next === '\n' || next === '\r') return ['', i + 2]
  return [next, i + 2] // \\, \', \" and any other character stand for themselves
}

function hexCode(source: string, escapeStart: number, from: number, length: number): string {
  const digits = source.slice(from, from + length)
  const code = Number.parseInt(digits, 16)
  if (length === 0 || !/^[0-9a-fA-F]+$/.test(digits) || digits.length !== length || code > 0x10ffff) {
    throw syntaxError(source, escapeStart, 'Invalid escape sequence')
  }
  return String.fromCodePoint(code)
}
