// Per protocol: what one received message costs through a WebSocketVariable (the protocol's adapter, the
// variable's lifecycle, parse and dataset insert) against the protocol's client library alone on the same
// messages (its own callback parsing the JSON payload); and what each protocol adds to the app's
// JavaScript (its chunk and the chunks only it loads, gzipped). Asserts nothing about time.
//
//   npx tsc -b && node bench/protocol-ingest.mjs        ~30 s (sizes need `npm run build` for dist-app)
//   node bench/protocol-ingest.mjs --smoke              a few seconds: proves the script works
//
// One scripted server per protocol (a `ws` server, an HTTP server for SSE) in this process plays the
// protocol's opening exchange and then sends N pre-encoded messages; both clients read them over a real
// loopback socket, so the socket's cost is on both sides of the ratio. Cases run interleaved (one round =
// every case once, after a warm-up round); each ratio is the median of its per-round ratios.
// Last line: `{"markdown", "targets"}` for bench/run.mjs (bench/scenarios/external.mjs).
import { createServer } from 'node:http'
import { Client as StompClient } from '@stomp/stompjs'
import { createParser } from 'eventsource-parser'
import { createClient as createGraphqlClient } from 'graphql-ws'
import mqtt from 'mqtt'
import mqttPacket from 'mqtt-packet'
import { io } from 'socket.io-client'
import WebSocket, { WebSocketServer } from 'ws'
import { addedChunkSizes } from './lib/chunk-sizes.mjs'

const smoke = process.argv.includes('--smoke')
const RUNS = smoke ? 1 : 5
const COUNT = smoke ? 200 : 20_000
const TARGET = 1.3

const core = await import(new URL('../packages/core/dist/index.js', import.meta.url).href).catch((error) => {
  console.error(`Build the core first: npx tsc -b (${error.message})`)
  process.exit(1)
})
const { defineWebSocketService, WebSocketVariable } = core

const payload = (i) => `{"n":${i},"symbol":"ACME","price":${100 + (i % 7)}}`
const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)))

/** A `ws` server that answers the protocol's opening exchange (`reply`) and sends `frame(i)` on `blast`. */
async function scriptedWs({ protocols = [], reply, frame }) {
  const http = createServer()
  const wss = new WebSocketServer({
    server: http,
    perMessageDeflate: false,
    handleProtocols: (offered) => protocols.find((p) => offered.has(p)) ?? false,
  })
  let client = null
  const state = {}
  wss.on('connection', (socket) => {
    client = socket
    reply.open?.(socket, state)
    socket.on('message', (data, isBinary) => reply.message(socket, isBinary ? data : data.toString(), state))
  })
  const port = await listen(http)
  return {
    port,
    blast(count) {
      for (let i = 0; i < count; i++) client.send(frame(i, state))
    },
    close() {
      for (const socket of wss.clients) socket.terminate()
      http.close()
    },
  }
}

const FEEDS = {
  'socket.io': () =>
    scriptedWs({
      reply: {
        open: (s) =>
          s.send('0{"sid":"b1","upgrades":[],"pingInterval":600000,"pingTimeout":600000,"maxPayload":1000000}'),
        message: (s, text) => text.startsWith('40') && s.send('40{"sid":"n1"}'),
      },
      frame: (i) => `42["tick",${payload(i)}]`,
    }),
  stomp: () =>
    scriptedWs({
      protocols: ['v12.stomp'],
      reply: {
        message(s, text, state) {
          if (text.startsWith('CONNECT')) s.send('CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0')
          if (!text.startsWith('SUBSCRIBE')) return
          state.id = /\nid:([^\n]*)/.exec(text)?.[1]
          const receipt = /\nreceipt:([^\n]*)/.exec(text)?.[1]
          if (receipt) s.send(`RECEIPT\nreceipt-id:${receipt}\n\n\0`)
        },
      },
      frame: (i, state) =>
        `MESSAGE\nsubscription:${state.id}\nmessage-id:${i}\ndestination:/topic/t\ncontent-type:application/json\n\n${payload(i)}\0`,
    }),
  mqtt: () =>
    scriptedWs({
      protocols: ['mqtt'],
      reply: {
        open(s, state) {
          state.parser = mqttPacket.parser()
          state.parser.on('packet', (packet) => {
            if (packet.cmd === 'connect') s.send(mqttPacket.generate({ cmd: 'connack', returnCode: 0 }))
            if (packet.cmd === 'subscribe') {
              const granted = packet.subscriptions.map(() => 0)
              s.send(mqttPacket.generate({ cmd: 'suback', messageId: packet.messageId, granted }))
            }
          })
        },
        message: (_s, data, state) => state.parser.parse(Buffer.from(data)),
      },
      frame: (i) => mqttPacket.generate({ cmd: 'publish', topic: 'heart/ann', payload: payload(i), qos: 0 }),
    }),
  'graphql-ws': () =>
    scriptedWs({
      protocols: ['graphql-transport-ws'],
      reply: {
        message(s, text, state) {
          const message = JSON.parse(text)
          if (message.type === 'connection_init') s.send('{"type":"connection_ack"}')
          if (message.type === 'subscribe') state.id = message.id
          if (message.type === 'ping') s.send('{"type":"pong"}')
        },
      },
      frame: (i, state) => `{"id":${JSON.stringify(state.id)},"type":"next","payload":{"data":{"tick":${payload(i)}}}}`,
    }),
  sse: async () => {
    let stream = null
    const http = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' })
      response.write(': open\n\n')
      stream = response
    })
    const port = await listen(http)
    return {
      port,
      blast(count) {
        for (let i = 0; i < count; i++) stream.write(`event: tick\nid: ${i}\ndata: ${payload(i)}\n\n`)
      },
      close() {
        stream?.destroy()
        http.closeAllConnections()
        http.close()
      },
    }
  },
}

const URLS = {
  'socket.io': (port) => `ws://127.0.0.1:${port}`,
  stomp: (port) => `ws://127.0.0.1:${port}/ws`,
  mqtt: (port) => `ws://127.0.0.1:${port}/mqtt`,
  'graphql-ws': (port) => `ws://127.0.0.1:${port}/graphql`,
  sse: (port) => `http://127.0.0.1:${port}/events`,
}
const CHANNELS = {
  'socket.io': ['tick'],
  stomp: ['/topic/t'],
  mqtt: ['heart/+'],
  'graphql-ws': [{ name: 'ticks', query: 'subscription { tick { n symbol price } }' }],
  sse: ['tick'],
}

/**
 * The library alone, connected and subscribed: `onMessage` is its own per-message callback, which parses
 * the JSON payload as an application would. Returns a closer.
 */
const LIBRARIES = {
  'socket.io': (url, onMessage) =>
    new Promise((resolve) => {
      const socket = io(url.replace('ws:', 'http:'), { transports: ['websocket'], reconnection: false })
      socket.on('tick', (data) => onMessage(data))
      socket.on('connect', () => resolve(() => socket.close()))
    }),
  stomp: (url, onMessage) =>
    new Promise((resolve) => {
      const client = new StompClient({
        webSocketFactory: () => new WebSocket(url, ['v12.stomp']),
        reconnectDelay: 0,
        heartbeatIncoming: 0,
        heartbeatOutgoing: 0,
        debug: () => {},
      })
      client.onConnect = () => {
        client.subscribe('/topic/t', (message) => onMessage(JSON.parse(message.body)), { receipt: 'r' })
        client.watchForReceipt('r', () => resolve(() => client.deactivate()))
      }
      client.activate()
    }),
  mqtt: (url, onMessage) =>
    new Promise((resolve) => {
      const client = mqtt.connect(url, { reconnectPeriod: 0 })
      client.on('message', (_topic, data) => onMessage(JSON.parse(data.toString())))
      client.on('connect', () => client.subscribe('heart/+', () => resolve(() => client.end(true))))
    }),
  'graphql-ws': (url, onMessage) =>
    new Promise((resolve) => {
      const client = createGraphqlClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false })
      const sink = { next: (result) => onMessage(result.data.tick), error: () => {}, complete: () => {} }
      client.on('connected', () => {
        client.subscribe({ query: CHANNELS['graphql-ws'][0].query }, sink)
        // The server records the subscription when its frame arrives; a ping round trip proves it did.
        setTimeout(() => resolve(() => client.dispose()), 50)
      })
    }),
  sse: async (url, onMessage) => {
    const controller = new AbortController()
    const response = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: controller.signal })
    const parser = createParser({ onEvent: (event) => onMessage(JSON.parse(event.data)) })
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ done: true }))
        if (done) return
        parser.feed(value)
      }
    })()
    return () => controller.abort()
  },
}

/** Time per message of `count` messages, from the blast to the last one handled. */
async function timed(feed, count, isDone) {
  const start = process.hrtime.bigint()
  feed.blast(count)
  await isDone
  return Number(process.hrtime.bigint() - start) / count
}

async function sampleLibrary(protocol) {
  const feed = await FEEDS[protocol]()
  let seen = 0
  let sink = 0
  let finish
  const done = new Promise((resolve) => {
    finish = resolve
  })
  const close = await LIBRARIES[protocol](URLS[protocol](feed.port), (data) => {
    sink += data.n
    if (++seen === COUNT) finish()
  })
  const ns = await timed(feed, COUNT, done)
  if (sink < 0) console.log(sink)
  close()
  feed.close()
  return ns
}

async function sampleVariable(protocol) {
  const feed = await FEEDS[protocol]()
  const channels = CHANNELS[protocol]
  const variable = new WebSocketVariable({
    service: defineWebSocketService({ name: 'feed', url: URLS[protocol](feed.port), protocol, channels }),
    name: 'feedvariable',
    onNewData: 'addAsLast',
    connectOnLoad: false,
    reconnect: false,
    WebSocket,
  })
  await variable.open()
  if (protocol === 'graphql-ws') await new Promise((resolve) => setTimeout(resolve, 50)) // as for the library
  if (protocol === 'sse') await new Promise((resolve) => setTimeout(resolve, 50)) // the stream reached the server
  const before = variable.status.messagesReceived
  const done = new Promise((resolve) => {
    const unsubscribe = variable.subscribe(() => {
      if (variable.status.messagesReceived - before < COUNT) return
      unsubscribe()
      resolve()
    })
  })
  const ns = await timed(feed, COUNT, done)
  const name = typeof channels[0] === 'string' ? channels[0] : channels[0].name
  if (variable.datasets[name]?.length !== 20) throw new Error(`${protocol}: the channel's dataset was not filled`)
  variable.dispose()
  feed.close()
  return ns
}

const PROTOCOLS = Object.keys(FEEDS)
const rounds = []
for (let r = 0; r <= RUNS; r++) {
  const round = {}
  for (const protocol of PROTOCOLS) {
    round[`${protocol} library`] = await sampleLibrary(protocol)
    round[`${protocol} variable`] = await sampleVariable(protocol)
  }
  if (r > 0) rounds.push(round) // round 0 warms up the JIT
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
const rows = PROTOCOLS.map((protocol) => ({
  protocol,
  library: median(rounds.map((round) => round[`${protocol} library`])),
  variable: median(rounds.map((round) => round[`${protocol} variable`])),
  ratio: median(rounds.map((round) => round[`${protocol} variable`] / round[`${protocol} library`])),
}))

function chunkSizes() {
  const sizes = addedChunkSizes(PROTOCOLS)
  return sizes && { main: sizes.main, protocols: sizes.chunks.map(({ name, bytes }) => ({ protocol: name, bytes })) }
}
const sizes = chunkSizes()

const kib = (bytes) => (bytes === null ? '—' : `${(bytes / 1024).toFixed(1)} KiB`)
const x = (value) => `${value.toFixed(2)}×`
const LIBRARY_NAMES = {
  'socket.io': '`socket.io-client`',
  stomp: '`@stomp/stompjs` Client',
  mqtt: '`mqtt` (MQTT.js)',
  'graphql-ws': '`graphql-ws` createClient',
  sse: '`fetch` + `eventsource-parser`',
}
const smokeNote = smoke ? ' Smoke pass: the figures prove the script runs, they measure nothing.' : ''
const markdown = [
  `Per received message (${COUNT.toLocaleString('en-US')} messages per sample over loopback, Node ${process.version}): medians of ${RUNS} interleaved round${RUNS === 1 ? '' : 's'}; each ratio is the median of its per-round ratios.${smokeNote}`,
  '',
  '| protocol | library alone | ns per message | WebSocketVariable ns per message | variable ÷ library |',
  '|---|---|---:|---:|---:|',
  ...rows.map(
    (row) =>
      `| ${row.protocol} | ${LIBRARY_NAMES[row.protocol]} | ${row.library.toFixed(0)} | ${row.variable.toFixed(0)} | ${x(row.ratio)} |`,
  ),
  '',
  sizes
    ? `Added to the app's JavaScript when a project first connects to such a service (the protocol's chunk and the chunks only it loads, gzipped level 9; the page's own JavaScript — the entry chunk and what it imports statically — is ${kib(sizes.main)} and does not change):`
    : 'Bundle sizes not measured: build the app first (`npm run build`).',
  '',
  ...(sizes
    ? [
        '| protocol | added, gzipped |',
        '|---|---:|',
        ...sizes.protocols.map((p) => `| ${p.protocol} | ${kib(p.bytes)} |`),
      ]
    : []),
  '',
  "Each server is a script in the benchmark's process that plays the protocol's opening exchange, then " +
    'sends the messages pre-encoded; the library alone parses each JSON payload in its own callback, the variable ' +
    'parses it, routes it to its channel and keeps the last 20 (a subscriber reads the status once per tick).',
].join('\n')
console.log(markdown)
const round2 = (value) => Math.round(value * 100) / 100
console.log(
  JSON.stringify({
    markdown,
    targets: rows.map((row) => ({
      description: `${row.protocol}: WebSocketVariable ÷ ${row.protocol === 'sse' ? 'fetch + eventsource-parser' : 'its client library'} ≤ ${TARGET}`,
      value: round2(row.ratio),
      limit: TARGET,
    })),
  }),
)
process.exit(0)
