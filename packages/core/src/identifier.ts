/**
 * The one naming rule of Tether: services, variables, pages, widgets, projects, mocks, path
 * parameters and routed datasets are all named by identifiers. An identifier is bound as
 * `Variables.name` in expressions, becomes a file name (`<name>.service.json`) and a URL segment
 * (`/apps/<name>`), so it is letters, digits and `_`, does not start with a digit, and is at most
 * 64 characters (file systems and URLs stay comfortable). `__proto__` fits the pattern but is refused:
 * names are keys of plain objects, where it would replace the prototype instead of adding a key.
 */

/** The longest identifier, in characters. */
export const MAX_IDENTIFIER_LENGTH = 64

/**
 * An identifier as a regular-expression fragment with no length bound, for finding names inside
 * longer text (`{roomId}` in a URL, `Variables.chat` in a binding). Check what it finds with
 * `isIdentifier`.
 */
export const IDENTIFIER_SOURCE = '[A-Za-z_][A-Za-z0-9_]*'

const IDENTIFIER = new RegExp(`^(?!__proto__$)[A-Za-z_][A-Za-z0-9_]{0,${MAX_IDENTIFIER_LENGTH - 1}}$`)

/** What an identifier may be, in words, for error messages. */
export const IDENTIFIER_RULE = `Use letters, digits and _, not starting with a digit, at most ${MAX_IDENTIFIER_LENGTH} characters.`

/**
 * True when `value` is an identifier (see the rule above).
 *
 * @example
 * isIdentifier('chatroom') // true
 * isIdentifier('2rooms')   // false
 */
export function isIdentifier(value: unknown): boolean {
  return typeof value === 'string' && IDENTIFIER.test(value)
}
