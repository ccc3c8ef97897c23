// Employee pictures are simple generated avatars (initials on a colored circle), so the sample
// database ships with local pictures and no third-party image requests or licensing questions.

const PALETTE = ['#1e88e5', '#43a047', '#e53935', '#8e24aa', '#fb8c00', '#00897b', '#3949ab', '#6d4c41', '#d81b60']

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)

/** A stable color per username (a tiny string hash into the palette). */
function colorFor(key: string): string {
  let hash = 0
  for (const char of key) hash = (hash * 31 + char.codePointAt(0)!) >>> 0
  return PALETTE[hash % PALETTE.length]!
}

/** The SVG avatar for a person: their initials, white on a circle colored by username. */
export function avatarSvg(person: { firstname: string; lastname: string; username: string }): string {
  const initials = escapeXml(`${person.firstname.charAt(0)}${person.lastname.charAt(0)}`.toUpperCase())
  const label = escapeXml(`${person.firstname} ${person.lastname}`)
  return `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128" role="img" aria-label="${label}">
  <circle cx="64" cy="64" r="64" fill="${colorFor(person.username)}"/>
  <text x="64" y="64" dy="0.35em" text-anchor="middle" font-family="system-ui, sans-serif" font-size="52" font-weight="600" fill="#fff">${initials}</text>
</svg>
`
}
