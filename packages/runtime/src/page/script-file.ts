/**
 * Where a page script lives and how big it may be: the page file's `script` (`./scripts/main.js`), the
 * server's `/apps/<project>/scripts/…` route and the studio's script editor all follow these rules.
 */

/** A file of the project's `scripts/` folder: plain names, sub-folders allowed, `.js` or `.mjs`; no `..`. */
const SCRIPT_FILE = /^scripts\/[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*\.m?js$/

/** Largest page script the studio saves: 256 KiB of UTF-8. A page's handlers, not a library. */
export const MAX_SCRIPT_BYTES = 256 * 1024

/** What to write instead of a path that is not a script file. */
export const SCRIPT_FILE_RULE = 'write it as ./scripts/<name>.js'

/** Whether `path` (relative to the project folder, `scripts/main.js`) names a page script file. */
export function isScriptFile(path: string): boolean {
  return SCRIPT_FILE.test(path)
}

/** The page file's `script` (`./scripts/main.js` or `scripts/main.js`) as a project path (`scripts/main.js`). */
export function scriptFileOf(pageScript: string): string {
  return pageScript.startsWith('./') ? pageScript.slice(2) : pageScript
}

/** The page script a page gets when the studio adds its first handler: one file per page. */
export function defaultScriptFile(page: string): string {
  return `./scripts/${page}.js`
}
