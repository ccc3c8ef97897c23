import type { FastifyRequest } from 'fastify'
import WebSocket from 'ws'
import { readSessionUser } from '../auth/index.js'
import type { ServerConfig } from '../config.js'
import { CloseCodes, closeReason, type GuardedConnection, guardConnection } from '../limits/index.js'
import { isAllowedOrigin } from '../security/index.js'
import { type ChatQuery, MAX_MESSAGE_LENGTH, parseChatQuery } from './chat-query.js'
import { type ChatMessageFrame, type ChatMessageStore, PAGE_SIZE } from './message-store.js'
import { encodeFrame, type RoomFeeds, type RoomMember } from './room-feed.js'

/** Posts from one connection waiting to be stored; a client sending faster than that is closed (1013). */
export const MAX_QUEUED_POSTS = 100

export interface ChatDependencies {
  config: Pick<ServerConfig, 'allowedOrigins' | 'trustProxy' | 'limits'>
  store: ChatMessageStore
  feeds: RoomFeeds
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
  if (!isAllowedOrigin(request, config))
    return { code: CloseCodes.FORBIDDEN, reason: 'TETHER_FORBIDDEN: this origin may not open the chat' }
  const user = await readSessionUser(request)
  if (!user)
    return {
      code: CloseCodes.NOT_AUTHENTICATED,
      reason: 'Log in first: the chat needs a session (POST /api/auth/login)',
    }
  const query = parseChatQuery(request.query)
  if ('error' in query) return { code: CloseCodes.POLICY, reason: query.error }
  if (query.username !== null && query.username !== user.username) {
    return { code: CloseCodes.FORBIDDEN, reason: 'You can only post as yourself' }
  }
  return { username: user.username, query }
}

/**
 * One member of a chat room: checks who it is, sends the history or the backlog after `since`, then the
 * live stream; stores what it posts. Frames that arrive during the join wait for it, so the sender gets
 * its own messages like everyone else, in the order it sent them.
 */
export function handleChatConnection(socket: WebSocket, request: FastifyRequest, deps: ChatDependencies): void {
  const { config, store, feeds } = deps
  // No closure here may reference `request`: it would keep the request, its IncomingMessage and headers
  // alive as long as the socket (a large part of an idle connection's memory). The logger is enough.
  const log = request.log
  const guard = guardConnection(socket, config.limits)
  let leave: (() => void) | null = null
  let queued = 0
  let posts: Promise<void> = Promise.resolve()

  const refuse = (code: number, reason: string) => {
    socket.close(code, closeReason(reason))
    return null
  }

  async function backlog(member: RoomMember, query: ChatQuery): Promise<boolean> {
    const cap = config.limits.maxBufferedBytes
    const [newest] = await store.latest(query.room, 1)
    if (query.since === null) {
      const recent = query.history > 0 ? await store.latest(query.room, query.history) : []
      member.cursor = Math.max(newest?.id ?? 0, recent.at(-1)?.id ?? 0)
      return sendPaced(socket, guard, recent, cap)
    }
    // A `since` beyond the room's newest message (say, from before a database reset) must not hide
    // the next messages: every later message gets an id above the newest one.
    member.cursor = Math.min(query.since, newest?.id ?? 0)
    for (;;) {
      const rows = await store.after(query.room, member.cursor)
      if (!(await sendPaced(socket, guard, rows, cap))) return false
      member.cursor = rows.at(-1)?.id ?? member.cursor
      if (rows.length < PAGE_SIZE) return true
    }
  }

  async function enter(admission: Admission): Promise<{ username: string; room: string } | null> {
    if ('reason' in admission) return refuse(admission.code, admission.reason)
    const { username, query } = admission
    if (socket.readyState !== WebSocket.OPEN) return null
    const feed = await feeds.acquire(query.room)
    const member: RoomMember = {
      cursor: 0,
      pending: [],
      send: (data) => guard.send(data, { binary: false }),
      overflow: () => {
        // Out of the feed at once: the close handshake of a stalled peer can take a while.
        feed.members.delete(member)
        refuse(CloseCodes.TRY_LATER, 'Too many messages while joining: reconnect with ?since=')
      },
    }
    feed.members.add(member)
    leave = () => {
      feed.members.delete(member)
      feeds.release(query.room)
    }
    if (socket.readyState !== WebSocket.OPEN) return null
    if (!(await backlog(member, query))) return null
    // Live messages that came in meanwhile: those the backlog already had are skipped by id.
    const pending = member.pending ?? []
    member.pending = null
    for (const frame of pending) {
      if (frame.id <= member.cursor) continue
      member.cursor = frame.id
      member.send(encodeFrame(frame))
    }
    return { username, room: query.room }
  }

  async function post(data: Buffer, isBinary: boolean, session: { username: string; room: string }): Promise<void> {
    if (isBinary) {
      refuse(1003, 'The chat accepts text messages only')
      return
    }
    const text = data.toString('utf8')
    if (text.trim() === '') return
    if ([...text].length > MAX_MESSAGE_LENGTH) {
      refuse(CloseCodes.TOO_BIG, `Messages are limited to ${MAX_MESSAGE_LENGTH} characters`)
      return
    }
    await feeds.post(session.room, session.username, text, Date.now())
  }

  const joined = admit(request, config)
    .then(enter)
    .catch((error: unknown) => {
      log.error({ err: error }, 'chat: joining failed')
      return refuse(CloseCodes.INTERNAL, 'The chat failed to join the room; try again')
    })

  socket.on('message', (data: Buffer, isBinary: boolean) => {
    if (++queued > MAX_QUEUED_POSTS) {
      refuse(CloseCodes.TRY_LATER, 'Too many messages at once: slow down')
      return
    }
    posts = posts
      .then(async () => {
        const session = await joined
        if (session && socket.readyState === WebSocket.OPEN) await post(data, isBinary, session)
      })
      .catch((error: unknown) => {
        log.error({ err: error }, 'chat: storing a message failed')
        refuse(CloseCodes.INTERNAL, 'Your message could not be stored; reconnect and send it again')
      })
      .finally(() => {
        queued--
      })
  })

  socket.on('close', () => {
    guard.dispose()
    // The join may still be running; leave once it has a room to leave.
    void joined.then(() => leave?.())
  })
}
