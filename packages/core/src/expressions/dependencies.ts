import type { ExpressionNode } from './ast.js'

/**
 * The static member paths an expression reads from its scope, in order of appearance, without repeats:
 * `Variables.a.dataSet[0].name + item.id` → `['Variables.a.dataSet', 'item.id']`. A path stops at a
 * computed member (`[…]`), whose key expression contributes its own paths. A renderer re-evaluates the
 * expression only when one of these paths (or something under it) changes.
 */
export function collectDependencies(root: ExpressionNode): string[] {
  const found = new Set<string>()
  visit(root, found)
  return [...found]
}

/** `a.b.c` as text when the node is an identifier followed only by static members. */
function staticPath(node: ExpressionNode): string | undefined {
  if (node.type === 'Identifier') return node.name
  if (node.type === 'Member' && !node.computed) {
    const base = staticPath(node.object)
    return base === undefined ? undefined : `${base}.${node.name}`
  }
  return undefined
}

function visit(node: ExpressionNode, found: Set<string>): void {
  const path = staticPath(node)
  if (path !== undefined) found.add(path)
  else for (const child of childrenOf(node)) visit(child, found)
}

function childrenOf(node: ExpressionNode): ExpressionNode[] {
  switch (node.type) {
    case 'Member':
      return node.computed ? [node.object, node.property] : [node.object]
    case 'Unary':
      return [node.operand]
    case 'Binary':
      return [node.left, node.right]
    case 'Conditional':
      return [node.test, node.consequent, node.alternate]
    case 'Array':
      return node.elements
    case 'Object':
      return node.properties.map((property) => property.value)
    case 'Filter':
      return [node.input, ...node.args]
    default:
      return []
  }
}
