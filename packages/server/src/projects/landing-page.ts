// The landing page at `/`: links to every project's app and, in demo mode, the demo logins.
// Titles come from project files, so everything interpolated is HTML-escaped.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)

export function renderLandingPage(
  projects: { name: string; title: string; description: string }[],
  options: { demoMode: boolean },
): string {
  const items = projects
    .map(
      (p) =>
        `<li><a href="/apps/${encodeURIComponent(p.name)}/">${escapeHtml(p.title)}</a>` +
        (p.description ? `<p>${escapeHtml(p.description)}</p>` : '') +
        '</li>',
    )
    .join('\n      ')
  const logins = options.demoMode
    ? `<section><h2>Demo logins</h2><p>Demo mode: these users exist only with the embedded defaults.</p>
      <table><tr><th>User</th><th>Password</th><th>Role</th></tr>
      <tr><td>user1</td><td>user1</td><td>user</td></tr>
      <tr><td>user2</td><td>user2</td><td>user</td></tr>
      <tr><td>user3</td><td>user3</td><td>user</td></tr>
      <tr><td>admin</td><td>admin</td><td>admin</td></tr></table></section>`
    : ''
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Tether</title>
  <style>
    body { font: 16px/1.5 system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; color: #1d2330; }
    h1 { margin-bottom: 0 } ul { padding-left: 1.2rem } li p { margin: 0 0 .6rem; color: #555 }
    table { border-collapse: collapse } td, th { border: 1px solid #ccd; padding: .2rem .6rem; text-align: left }
  </style>
</head>
<body>
  <h1>Tether</h1>
  <p>Live WebSocket data in web applications.</p>
  <section>
    <h2>Apps</h2>
    <ul>
      ${items || '<li>No projects found.</li>'}
    </ul>
  </section>
  ${logins}
  <section><h2>Studio</h2><p><a href="/studio/">Open the studio</a> to import WebSocket services, create variables and design pages (admin login).</p></section>
  <section><h2>Developers</h2><p>Demo services: <code>/websocket/heartrate</code>, <code>/websocket/chatroom</code>, <code>/websocket/echo</code>, an MQTT broker at <code>/mqtt</code>. API: <code>/api/auth/me</code>, <code>/api/entities/employee</code>, <code>/api/projects</code>.</p></section>
</body>
</html>
`
}
