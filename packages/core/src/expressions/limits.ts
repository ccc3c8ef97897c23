/**
 * Hard limits of the expression language. Binding expressions come from page files that anyone with
 * write access to a project can edit, so every resource an expression can consume is bounded here.
 */

/** Longest accepted source, in characters. Longer sources fail with EXPRESSION_SYNTAX before tokenizing. */
export const MAX_EXPRESSION_LENGTH = 10_000

/**
 * Deepest accepted nesting, counted both while parsing (parentheses, brackets, unary operators, ternary
 * branches) and in the finished tree (so a flat `a + a + a …` chain of 65 terms is rejected too). The parser
 * stops at this depth, so 100,000 nested parentheses fail with EXPRESSION_SYNTAX instead of overflowing the
 * JavaScript stack, and the interpreter never recurses deeper than this.
 */
export const MAX_NESTING_DEPTH = 64

/**
 * Most tree nodes one evaluation may visit. The language has no loops or calls, so with the length limit
 * above an evaluation visits at most ~5,000 nodes; this is a backstop, not a tuning knob.
 */
export const MAX_EVALUATION_STEPS = 10_000

/** How many compiled expressions `compileExpression` keeps, least recently used evicted first. */
export const EXPRESSION_CACHE_SIZE = 1_000
