/** The syntax tree produced by the parser and walked by the interpreter. `start` is a 0-based source offset. */
export type ExpressionNode =
  | LiteralNode
  | IdentifierNode
  | MemberNode
  | UnaryNode
  | BinaryNode
  | ConditionalNode
  | ArrayNode
  | ObjectNode
  | FilterNode

export interface LiteralNode {
  type: 'Literal'
  value: string | number | boolean | null | undefined
  start: number
}

/** A root name looked up in the scope (`Variables`, `Widgets`, `item`…). */
export interface IdentifierNode {
  type: 'Identifier'
  name: string
  start: number
}

/** `object.name` (static) or `object[property]` (computed). */
export type MemberNode =
  | { type: 'Member'; computed: false; object: ExpressionNode; name: string; start: number }
  | { type: 'Member'; computed: true; object: ExpressionNode; property: ExpressionNode; start: number }

export type UnaryOperator = '!' | '-' | '+'

export interface UnaryNode {
  type: 'Unary'
  operator: UnaryOperator
  operand: ExpressionNode
  start: number
}

export type BinaryOperator =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '=='
  | '!='
  | '==='
  | '!=='
  | '<'
  | '<='
  | '>'
  | '>='
  | '&&'
  | '||'
  | '??'

export interface BinaryNode {
  type: 'Binary'
  operator: BinaryOperator
  left: ExpressionNode
  right: ExpressionNode
  start: number
}

export interface ConditionalNode {
  type: 'Conditional'
  test: ExpressionNode
  consequent: ExpressionNode
  alternate: ExpressionNode
  start: number
}

export interface ArrayNode {
  type: 'Array'
  elements: ExpressionNode[]
  start: number
}

export interface ObjectNode {
  type: 'Object'
  properties: { key: string; value: ExpressionNode }[]
  start: number
}

/** `input | name:arg1:arg2` (Angular/WaveMaker pipe syntax). */
export interface FilterNode {
  type: 'Filter'
  name: string
  input: ExpressionNode
  args: ExpressionNode[]
  start: number
}
