// Apart from the schema (zod): the browser app runs actions without loading the page validation.
/**
 * Variable methods a `call` action may name (the runtime refuses any other, so a page file cannot reach
 * a variable's internals); the studio offers exactly these.
 */
export const CALLABLE_METHODS = [
  'open',
  'close',
  'send',
  'update',
  'invoke',
  'cancel',
  'setPage',
  'nextPage',
  'previousPage',
  'refresh',
] as const
