/**
 * The widgets' stylesheet as a string, so it ships with the JavaScript (no CSS loader needed):
 * the app injects it once into a <style> element. Phone widths (≤ 640 px) stack grid columns.
 * Text colours keep a WCAG AA contrast (≥ 4.5:1) on their background: `--t-muted` on white/`--t-bg`,
 * and the navbar's own lighter shades on its dark background.
 */
export const tetherCss = `
:root { --t-fg:#1f2937; --t-muted:#4b5563; --t-border:#e5e7eb; --t-accent:#2563eb; --t-bg:#f8fafc; --t-error:#b91c1c; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; color:var(--t-fg); background:var(--t-bg); }
.tether-page { min-height:100vh; display:flex; flex-direction:column; gap:12px; padding:12px; }
.tether-page:has(> .tether-layout) { padding:0; gap:0; }
.tether-loading { padding:24px; color:var(--t-muted); }
.tether-layout { display:flex; flex-direction:column; min-height:100vh; }
.tether-layout-top { position:sticky; top:0; z-index:5; }
.tether-layout-column { flex:1; width:100%; max-width:1100px; margin:0 auto; padding:16px; display:flex; flex-direction:column; gap:16px; }
.tether-navbar { display:flex; flex-wrap:wrap; align-items:center; justify-content:space-between; gap:12px; padding:10px 16px; background:#1e293b; color:#fff; }
.tether-navbar-title { font-size:18px; font-weight:600; min-width:0; overflow-wrap:anywhere; }
.tether-navbar-end { display:flex; align-items:center; gap:10px; flex-wrap:wrap; min-width:0; }
.tether-navbar-image { width:36px; height:36px; border-radius:50%; object-fit:cover; background:#334155; }
.tether-panel { background:#fff; border:1px solid var(--t-border); border-radius:8px; display:flex; flex-direction:column; min-width:0; }
.tether-panel-header { padding:10px 14px; border-bottom:1px solid var(--t-border); }
.tether-panel-title { margin:0; font-size:15px; }
.tether-panel-body { padding:14px; display:flex; flex-direction:column; gap:10px; min-width:0; }
.tether-panel-footer { padding:10px 14px; border-top:1px solid var(--t-border); }
.tether-grid-row { display:grid; grid-template-columns:repeat(12,minmax(0,1fr)); gap:12px; align-items:start; }
.tether-grid-column { min-width:0; display:flex; flex-direction:column; gap:8px; }
@media (max-width:640px) { .tether-grid-row { grid-template-columns:1fr; } .tether-grid-column { grid-column:auto !important; } .tether-layout-column { padding:8px; } }
.tether-label { white-space:pre-wrap; overflow-wrap:anywhere; }
.tether-label-heading { font-weight:600; }
.tether-label-muted { color:var(--t-muted); font-size:13px; }
/* Pictures fit their container (aspect kept); in a list row or the navbar they default to an avatar. */
.tether-picture { display:inline-block; max-width:100%; height:auto; object-fit:cover; background:var(--t-border); }
.tether-picture-circle { border-radius:50%; }
.tether-picture-empty { width:32px; height:32px; }
.tether-list-item .tether-picture, .tether-navbar .tether-picture { width:40px; height:40px; flex:none; }
.tether-text, .tether-textarea { width:100%; font:inherit; padding:8px 10px; border:1px solid #cbd5e1; border-radius:6px; background:#fff; resize:vertical; }
.tether-button { display:inline-flex; align-items:center; justify-content:center; gap:6px; font:inherit; padding:8px 14px; border:0; border-radius:6px; background:var(--t-accent); color:#fff; cursor:pointer; min-height:38px; }
.tether-button:disabled { opacity:.5; cursor:default; }
.tether-list-items { list-style:none; margin:0; padding:0; overflow:auto; display:flex; flex-direction:column; gap:6px; }
.tether-list-item { display:flex; gap:10px; align-items:flex-start; padding:6px 4px; border-bottom:1px solid var(--t-border); }
.tether-list-item > .tether-grid-column { flex:1; gap:2px; }
.tether-table-scroll { overflow:auto; }
.tether-table-virtual .tether-table-scroll { contain:content; }
.tether-table-virtual table { table-layout:fixed; }
.tether-table-virtual td { overflow:hidden; text-overflow:ellipsis; }
.tether-table table { width:100%; border-collapse:collapse; }
.tether-table th, .tether-table td { text-align:left; padding:6px 10px; border-bottom:1px solid var(--t-border); white-space:nowrap; }
.tether-sort { all:unset; cursor:pointer; font-weight:600; }
.tether-pager { display:flex; gap:10px; align-items:center; justify-content:flex-end; padding-top:8px; }
.tether-chart { margin:0; min-width:0; }
.tether-chart figcaption { font-weight:600; margin-bottom:6px; }
.tether-pie { display:flex; gap:16px; align-items:center; flex-wrap:wrap; }
.tether-pie-legend { list-style:none; margin:0; padding:0; }
.tether-pie-swatch { display:inline-block; width:10px; height:10px; border-radius:2px; margin-right:6px; }
.tether-state { padding:8px; color:var(--t-muted); font-style:italic; }
.tether-state-error, .tether-widget-error { color:var(--t-error); font-size:12px; font-style:normal; }
.tether-failure-details { font-size:11px; font-style:normal; color:var(--t-muted); }
.tether-failure-details code { white-space:pre-wrap; word-break:break-all; }
.tether-connection { display:inline-flex; align-items:center; gap:8px; font-size:13px; color:var(--t-muted); }
.tether-connection-dot { width:10px; height:10px; border-radius:50%; background:#9ca3af; }
.tether-connection-open .tether-connection-dot { background:#16a34a; }
.tether-connection-connecting .tether-connection-dot, .tether-connection-reconnecting .tether-connection-dot { background:#f59e0b; }
.tether-connection-error .tether-connection-dot { background:var(--t-error); }
.tether-connection-error-text, .tether-connection-error { color:var(--t-error); }
/* The dark navbar: light text (11.9:1), light red for errors and light blue for the Reconnect link. */
.tether-navbar .tether-connection { color:#e2e8f0; }
.tether-navbar .tether-connection-error, .tether-navbar .tether-connection-error-text { color:#fca5a5; }
.tether-navbar .tether-link-button { color:#93c5fd; }
.tether-link-button { all:unset; color:var(--t-accent); cursor:pointer; text-decoration:underline; }
.tether-notifications { position:fixed; right:16px; bottom:16px; display:flex; flex-direction:column; gap:8px; z-index:50; }
.tether-toast { font:inherit; text-align:left; border:0; padding:10px 14px; border-radius:6px; background:#1e293b; color:#fff; cursor:pointer; max-width:360px; }
.tether-toast-error { background:var(--t-error); }
.tether-toast-success { background:#15803d; }
.tether-toast-warning { background:#b45309; }
.tether-login { max-width:340px; margin:10vh auto; background:#fff; border:1px solid var(--t-border); border-radius:8px; padding:24px; display:flex; flex-direction:column; gap:12px; }
.tether-login h1 { margin:0; font-size:20px; }
.u-legend { font-size:12px; }
.u-over, .u-under { position:absolute; }
.uplot { position:relative; }
`

/** Adds the stylesheet to the document once (no-op without a DOM). */
export function injectTetherCss(doc: Document | undefined = globalThis.document): void {
  if (!doc || doc.getElementById('tether-css')) return
  const style = doc.createElement('style')
  style.id = 'tether-css'
  style.textContent = tetherCss
  doc.head.appendChild(style)
}
