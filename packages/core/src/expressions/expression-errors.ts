import { ErrorCodes, TetherError } from '../errors.js'

const EXCERPT_RADIUS = 40

/** The source as shown in messages: whole when short, else a window around `index`. */
export function excerpt(source: string, index = 0): string {
  if (source.length <= EXCERPT_RADIUS * 2) return source
  const from = Math.max(0, Math.min(index - EXCERPT_RADIUS, source.length - EXCERPT_RADIUS * 2))
  const to = Math.min(source.length, from + EXCERPT_RADIUS * 2)
  return `${from > 0 ? '…' : ''}${source.slice(from, to)}${to < source.length ? '…' : ''}`
}

/** "column 14", or "line 2, column 3" for multi-line sources (1-based, like editors show them). */
export function describePosition(source: string, index: number): string {
  const before = source.slice(0, index)
  const lineBreaks = before.match(/\n/g)?.length ?? 0
  const column = index - (before.lastIndexOf('\n') + 1) + 1
  return lineBreaks === 0 ? `column ${column}` : `line ${lineBreaks + 1}, column ${column}`
}

/**
 * A syntax error located in the source: `Unexpected token ')' at column 14 in "a + (b))"`.
 * `details[0].path` is the position ("column 14") so tools can point at it without parsing the message.
 */
export function syntaxError(source: string, index: number, problem: string, hint?: string): TetherError {
  const position = describePosition(source, index)
  const explained = hint === undefined ? problem : `${problem}: ${hint}`
  return new TetherError(
    ErrorCodes.EXPRESSION_SYNTAX,
    `${problem} at ${position} in "${excerpt(source, index)}"${hint === undefined ? '' : `: ${hint}`}. Fix the binding expression.`,
    { details: [{ path: position, message: explained }] },
  )
}

/**
 * Thrown inside the interpreter, filters and member access, where the source is not known; the
 * compiled expression turns it into a TetherError EXPRESSION_EVALUATION that names the expression.
 */
export class EvaluationFault extends Error {
  override name = 'EvaluationFault'
}

export function evaluationError(source: string, problem: unknown): TetherError {
  const message = problem instanceof Error ? problem.message : String(problem)
  return new TetherError(ErrorCodes.EXPRESSION_EVALUATION, `${message} (in "${excerpt(source)}")`, { cause: problem })
}
