import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { useServer } from 'graphql-ws/use/ws'
import { SubscriptionServer } from 'subscriptions-transport-ws'
import { WebSocketServer } from 'ws'

// The servers' libraries load `graphql` through Node (CommonJS); the schema must come from that same
// copy, not the ESM one the test runner would resolve, or graphql rejects it as "from another realm".
const { buildSchema, execute, subscribe } = createRequire(import.meta.url)('graphql') as typeof import('graphql')

/**
 * A real GraphQL schema with two subscriptions (tick, chat) and a mutation that posts to chat. Events
 * are published by the test through `publish`; each subscriber gets its own queue (an async generator).
 */
const schema = buildSchema(`
  type Tick { n: Int! }
  type Line { text: String! }
  type Query { ok: Boolean }
  type Mutation { post(text: String!): Line! }
  type Subscription { tick(room: String!): Tick!  chat: Line! }
`)

type Event = { topic: 'tick' | 'chat'; room?: string; value: unknown }

function pubsub() {
  const listeners = new Set<(event: Event) => void>()
  let subscriptions = 0
  async function* stream(topic: Event['topic'], room?: string) {
    subscriptions++
    const queue: unknown[] = []
    let wake: (() => void) | undefined
    const listener = (event: Event) => {
      if (event.topic !== topic || (room !== undefined && event.room !== room)) return
      queue.push({ [topic]: event.value })
      wake?.()
    }
    listeners.add(listener)
    try {
      while (true) {
        while (queue.length > 0) yield queue.shift()
        await new Promise<void>((resolve) => {
          wake = resolve
        })
      }
    } finally {
      listeners.delete(listener)
    }
  }
  return {
    stream,
    publish: (event: Event) => {
      for (const listener of listeners) listener(event)
    },
    get listeners() {
      return listeners.size
    },
    get subscriptions() {
      return subscriptions
    },
  }
}

export async function startGraphqlServer(dialect: 'transport-ws' | 'legacy') {
  const events = pubsub()
  const rootValue = {
    tick: ({ room }: { room: string }) => events.stream('tick', room),
    chat: () => events.stream('chat'),
    post: ({ text }: { text: string }) => {
      events.publish({ topic: 'chat', value: { text } })
      return { text }
    },
  }
  const authorized = (params: unknown) => (params as { token?: unknown } | undefined)?.token === 'secret'
  const http = createServer()
  const wss = new WebSocketServer({ server: http })
  let connections = 0
  wss.on('connection', () => connections++)
  let stop: () => void
  if (dialect === 'transport-ws') {
    const server = useServer(
      {
        schema,
        roots: { query: rootValue, mutation: rootValue, subscription: rootValue },
        onConnect: (context) => authorized(context.connectionParams),
      },
      wss,
    )
    stop = () => void server.dispose()
  } else {
    const server = SubscriptionServer.create(
      { schema, execute, subscribe, rootValue, keepAlive: 50, onConnect: (params: unknown) => authorized(params) },
      wss as never,
    )
    stop = () => server.close()
  }
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const { port } = http.address() as AddressInfo
  return {
    url: `ws://127.0.0.1:${port}/graphql`,
    events,
    get connections() {
      return connections
    },
    /** Drops every client without a closing handshake, as when the network goes. */
    dropClients: () => {
      for (const client of wss.clients) client.terminate()
    },
    close: async () => {
      stop()
      for (const client of wss.clients) client.terminate()
      await new Promise<void>((resolve) => http.close(() => resolve()))
    },
  }
}
