import type { BinaryOperator, ExpressionNode, UnaryOperator } from './ast.js'
import { syntaxError } from './expression-errors.js'
import { MAX_EXPRESSION_LENGTH, MAX_NESTING_DEPTH } from './limits.js'
import { isForbiddenKey } from './safe-access.js'
import { type Token, tokenize } from './tokenizer.js'

/** Binding power of each binary operator; higher binds tighter. Pipes (`|`) sit below all of these. */
const BINARY_PRECEDENCE = new Map<string, number>([
  ['??', 1],
  ['||', 2],
  ['&&', 3],
  ['==', 4],
  ['!=', 4],
  ['===', 4],
  ['!==', 4],
  ['<', 5],
  ['<=', 5],
  ['>', 5],
  ['>=', 5],
  ['+', 6],
  ['-', 6],
  ['*', 7],
  ['/', 7],
  ['%', 7],
])

const LITERAL_KEYWORDS = new Map<string, boolean | null | undefined>([
  ['true', true],
  ['false', false],
  ['null', null],
  ['undefined', undefined],
])

/**
 * Parses a binding expression into a tree. Grammar, loosest first:
 * `pipe := conditional ('|' name (':' conditional)*)*`, `conditional := binary ('?' conditional ':' conditional)?`,
 * binary operators by precedence (Pratt), unary `! - +`, postfix `.name` `?.name` `[expr]`, primaries
 * (literals, identifiers, `( )`, `[ ]`, `{ }`). Function calls and assignments are not part of the language.
 * Throws EXPRESSION_SYNTAX with the position of the offending token.
 */
export function parseExpression(source: string): ExpressionNode {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw syntaxError(
      source,
      MAX_EXPRESSION_LENGTH,
      `Expression is too long (${source.length} characters; the limit is ${MAX_EXPRESSION_LENGTH})`,
    )
  }
  return new Parser(source, tokenize(source)).parse()
}

class Parser {
  private index = 0
  private nesting = 0
  // Tree depth of every node built so far: lets flat chains (`a.b.c…`, `1+1+1…`) be depth-limited without recursion.
  private readonly depths = new WeakMap<ExpressionNode, number>()

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {}

  parse(): ExpressionNode {
    if (this.peek().kind === 'end') throw syntaxError(this.source, 0, 'Empty expression')
    const node = this.parsePipe()
    if (this.peek().kind !== 'end') throw this.unexpected()
    return node
  }

  private parsePipe(): ExpressionNode {
    this.enter()
    let node = this.parseConditional()
    while (this.match('|')) {
      const nameToken = this.next()
      if (nameToken.kind !== 'identifier') throw this.unexpected(nameToken, 'expected a filter name after |')
      const args: ExpressionNode[] = []
      while (this.match(':')) args.push(this.parseConditional())
      node = this.build({ type: 'Filter', name: String(nameToken.value), input: node, args, start: nameToken.start }, [
        node,
        ...args,
      ])
    }
    this.nesting--
    return node
  }

  private parseConditional(): ExpressionNode {
    const test = this.parseBinary(1)
    const question = this.peek()
    if (!this.match('?')) return test
    this.enter()
    const consequent = this.parseConditional()
    this.expect(':')
    const alternate = this.parseConditional()
    this.nesting--
    return this.build({ type: 'Conditional', test, consequent, alternate, start: question.start }, [
      test,
      consequent,
      alternate,
    ])
  }

  private parseBinary(minPrecedence: number): ExpressionNode {
    let left = this.parseUnary()
    for (;;) {
      const token = this.peek()
      const precedence = token.kind === 'punctuator' ? BINARY_PRECEDENCE.get(String(token.value)) : undefined
      if (precedence === undefined || precedence < minPrecedence) return left
      this.index++
      // Not counted as nesting: this recursion only climbs precedence levels, so it is at most 7 deep.
      const right = this.parseBinary(precedence + 1)
      const operator = token.value as BinaryOperator
      left = this.build({ type: 'Binary', operator, left, right, start: token.start }, [left, right])
    }
  }

  private parseUnary(): ExpressionNode {
    const token = this.peek()
    if (token.kind === 'punctuator' && (token.value === '!' || token.value === '-' || token.value === '+')) {
      this.index++
      this.enter()
      const operand = this.parseUnary()
      this.nesting--
      return this.build({ type: 'Unary', operator: token.value as UnaryOperator, operand, start: token.start }, [
        operand,
      ])
    }
    return this.parsePostfix(this.parsePrimary())
  }

  private parsePostfix(node: ExpressionNode): ExpressionNode {
    for (;;) {
      const token = this.peek()
      const optional = this.match('?.')
      if (this.match('[')) {
        const property = this.parsePipe()
        this.expect(']')
        node = this.build({ type: 'Member', computed: true, object: node, property, start: token.start }, [
          node,
          property,
        ])
      } else if (optional || this.match('.')) {
        const name = this.next()
        if (name.kind !== 'identifier') throw this.unexpected(name, `expected a property name after '${token.value}'`)
        node = this.build(
          { type: 'Member', computed: false, object: node, name: String(name.value), start: name.start },
          [node],
        )
      } else {
        return node
      }
    }
  }

  private parsePrimary(): ExpressionNode {
    const token = this.next()
    if (token.kind === 'number' || token.kind === 'string') {
      return this.build({ type: 'Literal', value: token.value, start: token.start }, [])
    }
    if (token.kind === 'identifier') {
      const name = String(token.value)
      if (LITERAL_KEYWORDS.has(name))
        return this.build({ type: 'Literal', value: LITERAL_KEYWORDS.get(name), start: token.start }, [])
      return this.build({ type: 'Identifier', name, start: token.start }, [])
    }
    if (token.value === '(' && token.kind === 'punctuator') {
      const inner = this.parsePipe()
      this.expect(')')
      return inner
    }
    if (token.value === '[' && token.kind === 'punctuator') return this.parseArray(token)
    if (token.value === '{' && token.kind === 'punctuator') return this.parseObject(token)
    throw this.unexpected(token)
  }

  private parseArray(open: Token): ExpressionNode {
    const elements: ExpressionNode[] = []
    while (!this.match(']')) {
      elements.push(this.parsePipe())
      if (!this.match(',')) {
        this.expect(']')
        break
      }
    }
    return this.build({ type: 'Array', elements, start: open.start }, elements)
  }

  private parseObject(open: Token): ExpressionNode {
    const properties: { key: string; value: ExpressionNode }[] = []
    while (!this.match('}')) {
      const keyToken = this.next()
      if (keyToken.kind === 'end' || keyToken.kind === 'punctuator')
        throw this.unexpected(keyToken, 'expected a property name')
      const key = String(keyToken.value)
      if (isForbiddenKey(key)) throw syntaxError(this.source, keyToken.start, `Property name '${key}' is not allowed`)
      const value = this.match(':')
        ? this.parsePipe()
        : keyToken.kind === 'identifier'
          ? this.build({ type: 'Identifier', name: key, start: keyToken.start }, [])
          : this.fail(this.peek(), "expected ':' after the property name")
      properties.push({ key, value })
      if (!this.match(',')) {
        this.expect('}')
        break
      }
    }
    const values = properties.map((p) => p.value)
    return this.build({ type: 'Object', properties, start: open.start }, values)
  }

  /** Records the node's depth; rejects trees deeper than MAX_NESTING_DEPTH. */
  private build<T extends ExpressionNode>(node: T, children: ExpressionNode[]): T {
    let depth = 1
    for (const child of children) depth = Math.max(depth, (this.depths.get(child) ?? 1) + 1)
    if (depth > MAX_NESTING_DEPTH) throw this.tooDeep(node.start)
    this.depths.set(node, depth)
    return node
  }

  /** Counts parser recursion, so hostile nesting fails long before the JavaScript stack would. */
  private enter(): void {
    if (++this.nesting > MAX_NESTING_DEPTH) throw this.tooDeep(this.peek().start)
  }

  private tooDeep(index: number) {
    return syntaxError(this.source, index, `Expression is nested too deeply (the limit is ${MAX_NESTING_DEPTH} levels)`)
  }

  private peek(): Token {
    return this.tokens[this.index]!
  }

  private next(): Token {
    const token = this.tokens[this.index]!
    if (token.kind !== 'end') this.index++
    return token
  }

  private match(punctuator: string): boolean {
    const token = this.peek()
    if (token.kind !== 'punctuator' || token.value !== punctuator) return false
    this.index++
    return true
  }

  private expect(punctuator: string): void {
    if (!this.match(punctuator)) throw this.unexpected(this.peek(), `expected '${punctuator}'`)
  }

  private fail(token: Token, problem: string): never {
    throw this.unexpected(token, problem)
  }

  private unexpected(token: Token = this.peek(), hint?: string) {
    const what = token.kind === 'end' ? 'Unexpected end of expression' : `Unexpected token ${describeToken(token)}`
    const followedByCall = token.kind === 'punctuator' && token.value === '('
    return syntaxError(this.source, token.start, what, hint ?? (followedByCall ? noCalls : undefined))
  }
}

const noCalls = 'function calls are not allowed; use a filter such as `value | uppercase`'

function describeToken(token: Token): string {
  if (token.kind === 'string') return `string ${JSON.stringify(token.value).slice(0, 40)}`
  if (token.kind === 'number') return `number ${token.value}`
  return `'${token.value}'`
}
