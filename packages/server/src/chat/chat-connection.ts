import { ErrorCodes } from '@tether/core'
import type { FastifyRequest } from 'fastify'
import WebSocket from 'ws'
import { readSessionUser } from '../auth/index.js'
import type { ServerConfig } from '../config.js'
import { hasNulCharacter, NUL_CHARACTER_RULE } from '../db/index.js'
import { FrameWriter, textFrameOf } from '../fan-out/index.js'
import { CloseCodes, closeReason, type GuardedConnection, guardConnection } from '../limits/index.js'
import type { ServerMetrics } from '../operations/index.js'
import { checkOrigin } from '../security/index.js'
import { type ChatQuery, parseChatQuery } from './chat-query.js'
import { MessageRate } from './message-rate.js'
import { type ChatMessageFrame, type ChatMessageStore, PAGE_SIZE } from './message-store.js'
import { encodeFrame, type RoomFeed, type RoomFeeds, type RoomMember } from './room-feed.js'
import type { UserConnections } from './user-connections.js'

export interface ChatDependencies {
  config: Pick<ServerConfig, 'allowedOrigins' | 'trustProxy' | 'limits' | 'chat'>
  store: ChatMessageStore
  feeds: RoomFeeds
  /** Chat connections per user on this server (`CHAT_MAX_CONNECTIONS_PER_USER`). */
  users: UserConnections
  /** Counts the messages stored (`tether_chat_messages_in_total`). */
  metrics?: Pick<ServerMetrics, 'chatMessageIn'>
}

/** Sends frames without outrunning the peer: waits for earlier frames to leave once half the cap is queued. */
async function sendPaced(
  socket: WebSocket,
  guard: GuardedConnection,
  frames: ChatMessageFrame[],
  cap: number,
): Promise<boolean> {
  let previous: Promise<void> = Promise.resolve()
  for (const frame of frames) {
    const data = encodeFrame(frame)
    if (socket.bufferedAmount + data.length > cap / 2) await previous
    let sent = false
    previous = new Promise((resolve) => {
      sent = guard.send(data, { binary: false }, () => resolve())
      if (!sent) resolve()
    })
    if (!sent) return false
  }
  await previous
  return true
}

type Admission = { username: string; query: ChatQuery } | { code: number; reason: string }

/** Who may join which room, read from the upgrade request: the only step that needs the request. */
async function admit(request: FastifyRequest, config: ChatDependencies['config']): Promise<Admission> {
  if (!checkOrigin(request, config))
    return { code: CloseCodes.FORBIDDEN, reason: 'TETHER_FORBIDDEN: this origin may not open the chat' }
  const user = await readSessionUser(request)
  if (!user)
    return {
      code: CloseCodes.NOT_AUTHENTICATED,
      reason: 'Log in first: the chat needs a session (POST /api/auth/login)',
    }
  const query = parseChatQuery(request.query, config.chat.historyMax)
  if ('error' in query) return { code: CloseCodes.POLICY, reason: query.error }
  if (query.username !== null && query.username !== user.username) {
    // The studio reads the code to offer a test under the signed-in user's own name.
    return {
      code: CloseCodes.FORBIDDEN,
      reason: `${ErrorCodes.ACTING_AS_ANOTHER_USER}: username must be the signed-in user; you can only post as yourself`,
    }
  }
  // Before any history is read: a room outside CHAT_ROOMS shows nothing, not even whether it has messages.
  if (config.chat.rooms !== null && !config.chat.rooms.includes(query.room)) {
    return { code: CloseCodes.FORBIDDEN, reason: `TETHER_FORBIDDEN: there is no room "${query.room}" (CHAT_ROOMS)` }
  }
  return { username: user.username, query }
}

type Session = { username: string; room: string; test: boolean }
type Logger = FastifyRequest['log']

/**
 * One member of a chat room: checks who it is, sends the history or the backlog after `since`, then the
 * live stream; stores what it posts. Frames that arrive during the join wait for it, so the sender gets
 * its own messages like everyone else, in the order it sent them.
 *
 * A class, not closures: an idle connection is mostly what it keeps, and methods on a prototype cost
 * nothing per member where each closure (and its context) costs every member. Nothing here keeps the
 * upgrade request (its IncomingMessage and headers): only its logger.
 */
class ChatMember implements RoomMember {
  cursor = 0
  pending: ChatMessageFrame[] | null = []
  readonly #socket: WebSocket
  readonly #guard: GuardedConnection
  /** Live messages: framed once per message for the whole room, written once per event-loop turn. */
  readonly #writer: FrameWriter
  readonly #deps: ChatDependencies
  readonly #log: Logger
  readonly #joined: Promise<Session | null>
  #feed: RoomFeed | null = null
  #room: string | null = null
  /** The user this connection is counted for in `deps.users`, once admitted. */
  #counted: string | null = null
  #queued = 0
  #posts: Promise<void> = Promise.resolve()
  readonly #rate: MessageRate

  constructor(socket: WebSocket, request: FastifyRequest, deps: ChatDependencies) {
    this.#socket = socket
    this.#deps = deps
    this.#log = request.log
    this.#guard = guardConnection(socket, deps.config.limits)
    this.#rate = new MessageRate(deps.config.chat.ratePerSecond, deps.config.chat.rateBurst)
    // A member closed for not reading leaves the room at once: the close handshake may take a while.
    this.#writer = new FrameWriter(socket, deps.config.limits.maxBufferedBytes, () => this.#feed?.members.delete(this))
    this.#joined = admit(request, deps.config)
      .then((admission) => this.#enter(admission))
      .catch((error: unknown) => {
        this.#log.error({ err: error }, 'chat: joining failed')
        return this.#refuse(CloseCodes.INTERNAL, 'The chat failed to join the room; try again')
      })
  }

  send(data: Buffer): boolean {
    return this.#writer.write(textFrameOf(data))
  }

  overflow(): void {
    // Out of the feed at once: the close handshake of a stalled peer can take a while.
    this.#feed?.members.delete(this)
    this.#refuse(CloseCodes.TRY_LATER, 'Too many messages while joining: reconnect with ?since=')
  }

  receive(data: Buffer, isBinary: boolean): void {
    // Messages per second (`CHAT_RATE_PER_SECOND`, bursts of `CHAT_RATE_BURST`): 1013, so a client
    // reconnects after a pause and resumes with `?since=`.
    if (!this.#rate.take()) {
      const { ratePerSecond } = this.#deps.config.chat
      this.#refuse(
        CloseCodes.TRY_LATER,
        `TETHER_RATE_LIMITED: more than ${ratePerSecond} messages per second (CHAT_RATE_PER_SECOND); slow down`,
      )
      return
    }
    // Posts waiting to be stored (`CHAT_PENDING_POSTS_MAX`): a client sending faster than they are stored is closed.
    if (++this.#queued > this.#deps.config.chat.pendingPostsMax) {
      this.#refuse(CloseCodes.TRY_LATER, 'Too many messages at once: slow down')
      return
    }
    this.#posts = this.#posts
      .then(async () => {
        // A post accepted before the connection closed (a limit, the client leaving) is still stored.
        const session = await this.#joined
        if (session) await this.#post(data, isBinary, session)
      })
      .catch((error: unknown) => {
        this.#log.error({ err: error }, 'chat: storing a message failed')
        this.#refuse(CloseCodes.INTERNAL, 'Your message could not be stored; reconnect and send it again')
      })
      .finally(() => {
        this.#queued--
      })
  }

  closed(): void {
    this.#guard.dispose()
    // The join may still be running; leave once it has a room to leave.
    void this.#joined.then(() => {
      if (this.#counted !== null) this.#deps.users.release(this.#counted)
      this.#counted = null
      if (!this.#feed || this.#room === null) return
      this.#feed.members.delete(this)
      this.#deps.feeds.release(this.#room)
      this.#feed = null
    })
  }

  #refuse(code: number, reason: string): null {
    this.#socket.close(code, closeReason(reason))
    return null
  }

  async #enter(admission: Admission): Promise<Session | null> {
    if ('reason' in admission) return this.#refuse(admission.code, admission.reason)
    const { username, query } = admission
    if (this.#socket.readyState !== WebSocket.OPEN) return null
    const { maxConnectionsPerUser } = this.#deps.config.chat
    if (!this.#deps.users.acquire(username)) {
      return this.#refuse(
        CloseCodes.TRY_LATER,
        `Too many chat connections for ${username} (CHAT_MAX_CONNECTIONS_PER_USER=${maxConnectionsPerUser}): close one and try again`,
      )
    }
    this.#counted = username
    const feed = await this.#deps.feeds.acquire(query.room)
    feed.members.add(this)
    this.#feed = feed
    this.#room = query.room
    if (this.#socket.readyState !== WebSocket.OPEN) return null
    if (!(await this.#backlog(query))) return null
    // Live messages that came in meanwhile: those the backlog already had are skipped by id.
    const pending = this.pending ?? []
    this.pending = null
    for (const frame of pending) {
      if (frame.id <= this.cursor) continue
      this.cursor = frame.id
      this.send(encodeFrame(frame))
    }
    return { username, room: query.room, test: query.test }
  }

  async #backlog(query: ChatQuery): Promise<boolean> {
    const { store, config } = this.#deps
    const cap = config.limits.maxBufferedBytes
    const [newest] = await store.latest(query.room, 1)
    if (query.since === null) {
      const recent = query.history > 0 ? await store.latest(query.room, query.history) : []
      this.cursor = Math.max(newest?.id ?? 0, recent.at(-1)?.id ?? 0)
      return sendPaced(this.#socket, this.#guard, recent, cap)
    }
    // A `since` beyond the room's newest message (say, from before a database reset) must not hide
    // the next messages: every later message gets an id above the newest one.
    this.cursor = Math.min(query.since, newest?.id ?? 0)
    for (;;) {
      const rows = await store.after(query.room, this.cursor)
      if (!(await sendPaced(this.#socket, this.#guard, rows, cap))) return false
      this.cursor = rows.at(-1)?.id ?? this.cursor
      if (rows.length < PAGE_SIZE) return true
    }
  }

  async #post(data: Buffer, isBinary: boolean, session: Session): Promise<void> {
    if (isBinary) {
      this.#refuse(1003, 'The chat accepts text messages only')
      return
    }
    const text = data.toString('utf8')
    if (text.trim() === '') return
    // PostgreSQL cannot store it; 1008 (not 1011) so that the client does not reconnect and resend it.
    if (hasNulCharacter(text)) {
      this.#refuse(CloseCodes.POLICY, `TETHER_VALIDATION_FAILED: ${NUL_CHARACTER_RULE}`)
      return
    }
    const { messageMaxChars } = this.#deps.config.chat
    if ([...text].length > messageMaxChars) {
      this.#refuse(CloseCodes.TOO_BIG, `Messages are limited to ${messageMaxChars} characters`)
      return
    }
    if (session.test) {
      // A design-time test sees the frame its post would make; the room never hears of it (id 0: not stored).
      this.send(encodeFrame({ id: 0, username: session.username, message: text, time: Date.now() }))
      return
    }
    await this.#deps.feeds.post(session.room, session.username, text, Date.now())
    this.#deps.metrics?.chatMessageIn()
  }
}

/** Shared listeners (`this` is the socket): no closures per connection. */
const members = new WeakMap<WebSocket, ChatMember>()
function onMessage(this: WebSocket, data: Buffer, isBinary: boolean): void {
  members.get(this)?.receive(data, isBinary)
}
function onClose(this: WebSocket): void {
  members.get(this)?.closed()
  members.delete(this)
}

/** Serves one `/websocket/chatroom` connection (see `ChatMember`). */
export function handleChatConnection(socket: WebSocket, request: FastifyRequest, deps: ChatDependencies): void {
  members.set(socket, new ChatMember(socket, request, deps))
  socket.on('message', onMessage)
  socket.on('close', onClose)
}
