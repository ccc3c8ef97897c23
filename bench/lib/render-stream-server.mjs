// The pages and servers of bench/browser-render.mjs: the Tether project under test (served as
// /api/projects/bench), uPlot's own streaming approach as a bare page, the app bundle, and a real `ws`
// stream of `rate` messages/s sent in bursts every ~10 ms.
import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join } from 'node:path'
import { WebSocketServer } from 'ws'
import { ANONYMOUS_USER, CONTENT_TYPES, sendAppBundleFile } from '../../e2e/support/serve-app-bundle.mjs'

/** The Tether project: a WebSocket variable, a status, a steady Label, a DataTable (optional) and a line Chart. */
export function project(wsUrl, withTable, dataLimit) {
  const widgets = [
    { type: 'ConnectionStatus', name: 'connection', props: { variable: 'stream' } },
    // Binds to something that does not change while streaming: it must not re-render per frame.
    { type: 'Label', name: 'steady', props: { caption: 'bind:Variables.stream.status.state' } },
  ]
  if (withTable) {
    widgets.push({
      type: 'DataTable',
      name: 'table',
      props: {
        dataset: 'bind:Variables.stream.dataSet',
        pageSize: 0,
        height: 320,
        columns: [
          { field: 'time', title: 'Time', format: 'date:hh:mm:ss a' },
          { field: 'value', title: 'Value', format: 'number:2' },
        ],
      },
    })
  }
  widgets.push({
    type: 'Chart',
    name: 'chart',
    props: { type: 'line', dataset: 'bind:Variables.stream.dataSet', xField: 'time', yField: 'value', height: 260 },
  })
  return {
    project: { name: 'bench', title: 'Bench', homePage: 'Main', pages: ['Main'], security: { enabled: false } },
    services: { streamservice: { name: 'streamservice', url: wsUrl } },
    pages: {
      Main: {
        name: 'Main',
        variables: {
          stream: { category: 'websocket', service: 'streamservice', onNewData: 'addAsLast', dataLimit },
        },
        widgets,
      },
    },
  }
}

// uPlot's own streaming approach (its stream-data demo): plain arrays, one setData per frame.
const baselineHtml = (
  dataLimit,
) => `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/uplot/uPlot.min.css">
<script src="/uplot/uPlot.iife.min.js"></script></head><body><div id="chart"></div><script>
const LIMIT = ${dataLimit}, xs = [], ys = []
let dirty = false
const plot = new uPlot({ width: document.body.clientWidth || 1200, height: 260, ms: 1, legend: { show: false },
  scales: { x: { time: true } }, axes: [{}, {}],
  series: [{}, { stroke: '#3b82f6', width: 2, points: { show: false } }] }, [xs, ys], document.getElementById('chart'))
const socket = new WebSocket(new URL('/stream', location.href.replace('http', 'ws')))
socket.onmessage = (event) => {
  const m = JSON.parse(event.data)
  xs.push(m.time); ys.push(m.value)
  if (xs.length > LIMIT) { xs.shift(); ys.shift() }
  if (!dirty) { dirty = true; requestAnimationFrame(() => { dirty = false; plot.setData([xs, ys]) }) }
}
</script></body></html>`

const PROJECTS_LIST = { data: [{ name: 'bench', title: 'Bench', description: '', secured: false }] }

/** Serves the app, the project JSON, the baseline page and uPlot, and the stream at /stream. */
export function startServer({ root, rate, dataLimit }) {
  let current = null // the project JSON served for the run in progress
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    const send = (status, type, body) => res.writeHead(status, { 'content-type': type }).end(body)
    if (path === '/favicon.ico') return send(204, 'text/plain', '')
    // The app reads the public list first (is the project secured?), as it does on the real server.
    if (path === '/api/projects') return send(200, 'application/json', JSON.stringify(PROJECTS_LIST))
    if (path === '/api/projects/bench') return send(200, 'application/json', JSON.stringify(current))
    if (path === '/api/auth/me') return send(200, 'application/json', JSON.stringify(ANONYMOUS_USER))
    if (path === '/baseline.html') return send(200, 'text/html', baselineHtml(dataLimit))
    if (path.startsWith('/uplot/')) {
      const file = join(root, 'node_modules/uplot/dist', path.slice('/uplot/'.length).replace(/[^\w.-]/g, ''))
      return existsSync(file)
        ? send(200, CONTENT_TYPES[extname(file)] ?? 'text/plain', readFileSync(file))
        : send(404, 'text/plain', '')
    }
    if (path.startsWith('/apps/bench/')) return sendAppBundleFile(res, path.slice('/apps/bench/'.length))
    send(404, 'text/plain', '')
  })
  // The stream: `rate` messages/s, sent in bursts every ~10 ms (what a busy upstream looks like).
  const wss = new WebSocketServer({ server, path: '/stream' })
  wss.on('connection', (socket) => {
    const started = performance.now()
    const t0 = Date.now()
    let sent = 0
    const timer = setInterval(() => {
      const due = Math.floor(((performance.now() - started) / 1000) * rate)
      for (; sent < due; sent++) {
        const value = 80 + 20 * Math.sin(sent / 200) + Math.random() * 5
        // One message per millisecond of "time" keeps x increasing, as a real stream's timestamps do.
        socket.send(JSON.stringify({ time: t0 + Math.round((sent * 1000) / rate), value }))
      }
    }, 10)
    socket.on('close', () => clearInterval(timer))
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      resolve({
        origin: `http://127.0.0.1:${port}`,
        serve(json) {
          current = json
        },
        close: () =>
          new Promise((done) => {
            for (const client of wss.clients) client.terminate()
            wss.close()
            server.close(() => done())
          }),
      })
    }),
  )
}
