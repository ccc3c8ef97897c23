import type { ExpressionNode } from './ast.js'
import { EvaluationFault } from './expression-errors.js'
import { FILTERS } from './filters.js'
import { MAX_EVALUATION_STEPS } from './limits.js'
import { applyBinary, applyUnary } from './operators.js'
import { readMember, readScope, toPropertyKey } from './safe-access.js'

interface Evaluation {
  scope: object
  steps: number
  maxSteps: number
}

/**
 * Walks a parsed tree against a scope. Never calls a function held by the data, never reads a prototype;
 * recursion depth is bounded by the parser's MAX_NESTING_DEPTH. Throws EvaluationFault (wrapped by the
 * compiled expression into EXPRESSION_EVALUATION) for forbidden members, unknown filters and step overruns.
 */
export function interpret(node: ExpressionNode, scope: unknown, maxSteps = MAX_EVALUATION_STEPS): unknown {
  const root = typeof scope === 'object' && scope !== null ? scope : {}
  return evaluate(node, { scope: root, steps: 0, maxSteps })
}

function evaluate(node: ExpressionNode, run: Evaluation): unknown {
  if (++run.steps > run.maxSteps) {
    throw new EvaluationFault(`Expression took more than ${run.maxSteps} steps to evaluate`)
  }
  switch (node.type) {
    case 'Literal':
      return node.value
    case 'Identifier':
      return readScope(run.scope, node.name)
    case 'Member': {
      if (!node.computed) return readMember(evaluate(node.object, run), node.name)
      const object = evaluate(node.object, run)
      const key = toPropertyKey(evaluate(node.property, run))
      return key === undefined ? undefined : readMember(object, key)
    }
    case 'Unary':
      return applyUnary(node.operator, evaluate(node.operand, run))
    case 'Binary': {
      const left = evaluate(node.left, run)
      if (node.operator === '&&') return left ? evaluate(node.right, run) : left
      if (node.operator === '||') return left ? left : evaluate(node.right, run)
      if (node.operator === '??') return left ?? evaluate(node.right, run)
      return applyBinary(node.operator, left, evaluate(node.right, run))
    }
    case 'Conditional':
      return evaluate(node.test, run) ? evaluate(node.consequent, run) : evaluate(node.alternate, run)
    case 'Array':
      return node.elements.map((element) => evaluate(element, run))
    case 'Object': {
      // The parser rejects forbidden keys, so plain assignment cannot touch a prototype.
      const result: Record<string, unknown> = {}
      for (const property of node.properties) result[property.key] = evaluate(property.value, run)
      return result
    }
    case 'Filter': {
      const filter = FILTERS.get(node.name)
      if (filter === undefined) {
        throw new EvaluationFault(`Unknown filter '${node.name}'; available filters: ${[...FILTERS.keys()].join(', ')}`)
      }
      const input = evaluate(node.input, run)
      const args = node.args.map((arg) => evaluate(arg, run))
      return filter(input, ...args)
    }
  }
}
