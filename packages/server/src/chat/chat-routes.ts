import type { FastifyPluginAsync } from 'fastify'
import { closeWithSession } from '../auth/index.js'
import { createBroker } from '../broker/index.js'
import type { ServerConfig } from '../config.js'
import type { Db } from '../db/index.js'
import { logAndTerminate, releaseUpgradeRequest } from '../limits/index.js'
import { handleChatConnection } from './chat-connection.js'
import { ChatMessageStore } from './message-store.js'
import { ChatRetention } from './retention.js'
import { RoomFeeds } from './room-feed.js'
import { UserConnections } from './user-connections.js'

export interface ChatRoutesOptions {
  config: ServerConfig
  db: Db
}

/**
 * `/websocket/chatroom` — the demo chat. Needs a session (4401 otherwise) and an allowed Origin (4403);
 * `?username=` must be the session's user (4403). The client sends raw text; every member of the room,
 * sender included, receives `{"id","username","message","time"}`. `?room=` picks the room (default
 * `general`), `?history=N` sends the last N (at most `CHAT_HISTORY_MAX`) on join, `?since=<id>` every
 * message after that id exactly once, in order. With REDIS_URL, members on every instance see the same
 * stream. Blank messages are ignored; binary frames close with 1003, messages over
 * `CHAT_MESSAGE_MAX_CHARS` with 1009, a user's connection beyond `CHAT_MAX_CONNECTIONS_PER_USER` with
 * 1013. Each room keeps its newest `CHAT_RETENTION_MESSAGES`. The chat's bounds come from `config.chat`.
 */
export const chatRoutes: FastifyPluginAsync<ChatRoutesOptions> = async (app, { config, db }) => {
  const broker = createBroker(
    config,
    (error) => app.log.error({ err: error }, 'chat: a broker subscriber failed'),
    (message) => app.log.warn(`chat: ${message}`),
  )
  const store = new ChatMessageStore(db, config.database.dialect)
  const report = (message: string, error: unknown) => app.log.error({ err: error }, `chat: ${message}`)
  // Without Redis this process is the only one storing chat messages.
  // Old messages are pruned in the background (`CHAT_RETENTION_MESSAGES`), so the table stays bounded.
  const retention = new ChatRetention(store, config.chat.retentionMessages, report, config.chat.retentionTotalMessages)
  const feeds = new RoomFeeds(broker, store, report, {
    soleWriter: !config.redisUrl,
    joinBufferMax: config.chat.joinBufferMax,
    retention,
    onDelivered: (count) => metrics.chatMessagesOut(count),
  })
  const users = new UserConnections(config.chat.maxConnectionsPerUser)
  const metrics = app.metrics
  if (config.redisUrl) app.readiness.add('redis', () => broker.ping())
  app.addHook('onClose', async () => {
    await broker.close()
    // Before the database closes (app.ts closes it in a later hook).
    await retention.idle()
  })
  const onSocketError = logAndTerminate(app.log, 'chat')
  app.get('/websocket/chatroom', { websocket: true }, (socket, request) => {
    // Members idle for hours: the upgrade's request and response must not live as long as they do.
    releaseUpgradeRequest(socket, request, onSocketError)
    closeWithSession(request, socket)
    handleChatConnection(socket, request, { config, store, feeds, users, metrics })
  })
}
