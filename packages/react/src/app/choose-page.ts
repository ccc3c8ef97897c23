/** What the app shows for a `#/<page>` link: a page of the project, or that no such page exists. */
export type PageChoice = { kind: 'page'; name: string } | { kind: 'not-found'; name: string }

/**
 * The page a link asks for, by own name only: a crafted link (`#/valueOf`, `#/__proto__`) must not reach
 * the pages object's prototype, whose members are no pages. No name in the link means the home page.
 *
 * @example
 * choosePage({ Main: page }, 'valueOf', 'Main') // { kind: 'not-found', name: 'valueOf' }
 */
export function choosePage(
  pages: Readonly<Record<string, unknown>>,
  linked: string | null,
  homePage: string,
): PageChoice {
  const name = linked ?? homePage
  return Object.hasOwn(pages, name) ? { kind: 'page', name } : { kind: 'not-found', name }
}
