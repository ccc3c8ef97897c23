import type { Broker } from '../broker/index.js'
import { type ChatMessageFrame, type ChatMessageStore, PAGE_SIZE } from './message-store.js'

/** Live messages a joining member may have waiting while its backlog is read. Beyond: closed with 1013. */
export const MAX_PENDING_WHILE_JOINING = 1_000

/** Where the feeds report failures they recover from (the server log). */
export type ErrorReporter = (message: string, error: unknown) => void

/** A connection in a room, as the feed sees it. */
export interface RoomMember {
  /** The id of the last message this member got (or chose to skip); only later ones are sent. */
  cursor: number
  /** While joining, live messages wait here instead of being sent (null once joined). */
  pending: ChatMessageFrame[] | null
  /** Sends one message; false when the connection is gone or was closed for not reading. */
  send(frame: ChatMessageFrame): boolean
  /** Closes the connection because too much piled up while it was joining. */
  overflow(): void
}

/**
 * One room's live stream on this server instance. Every instance's feed reads the database in id
 * order whenever the broker rings (a message was stored somewhere), so all members on all instances
 * see the same messages in the same order, and a lost doorbell only delays delivery until the next
 * one or the broker's reconnect.
 */
export class RoomFeed {
  readonly room: string
  readonly members = new Set<RoomMember>()
  readonly #store: ChatMessageStore
  #lastId = 0
  #draining: Promise<void> | null = null
  #again = false
  #stop: (() => Promise<void>) | null = null
  #stopReconnect: (() => void) | null = null

  readonly #report: ErrorReporter

  constructor(room: string, store: ChatMessageStore, report: ErrorReporter) {
    this.room = room
    this.#store = store
    this.#report = report
  }

  /** Subscribes first, then notes the newest stored id: nothing stored after that point can be missed. */
  async start(broker: Broker, channel: string): Promise<void> {
    this.#stop = await broker.subscribe(channel, () => this.poke())
    this.#stopReconnect = broker.onReconnect(() => this.poke())
    const [newest] = await this.#store.latest(this.room, 1)
    this.#lastId = Math.max(this.#lastId, newest?.id ?? 0)
    this.poke()
  }

  async stop(): Promise<void> {
    this.#stopReconnect?.()
    await this.#stop?.()
  }

  /** Reads and delivers whatever is new; calls while a read runs are folded into one more read. */
  poke(): void {
    if (this.#draining) {
      this.#again = true
      return
    }
    this.#draining = this.#drain().finally(() => {
      this.#draining = null
    })
  }

  async #drain(): Promise<void> {
    do {
      this.#again = false
      for (;;) {
        let rows: ChatMessageFrame[]
        try {
          rows = await this.#store.after(this.room, this.#lastId)
        } catch (error) {
          // The next doorbell retries from the same point; nothing is skipped.
          this.#report(`reading room ${this.room} failed`, error)
          return
        }
        for (const row of rows) this.#deliver(row)
        const last = rows.at(-1)
        if (last) this.#lastId = last.id
        if (rows.length < PAGE_SIZE) break
      }
    } while (this.#again)
  }

  #deliver(frame: ChatMessageFrame): void {
    for (const member of this.members) {
      if (member.pending) {
        member.pending.push(frame)
        if (member.pending.length > MAX_PENDING_WHILE_JOINING) member.overflow()
      } else if (frame.id > member.cursor) {
        member.cursor = frame.id
        member.send(frame)
      }
    }
  }
}

/** The feeds of the rooms that have members on this instance, started on first join, stopped on last leave. */
export class RoomFeeds {
  readonly #feeds = new Map<string, { feed: RoomFeed; ready: Promise<void>; members: number }>()
  readonly #broker: Broker
  readonly #store: ChatMessageStore
  readonly #channelPrefix: string

  readonly #report: ErrorReporter

  constructor(broker: Broker, store: ChatMessageStore, report: ErrorReporter, channelPrefix = 'tether:chat:') {
    this.#broker = broker
    this.#store = store
    this.#report = report
    this.#channelPrefix = channelPrefix
  }

  /** The room's running feed; call `release` with the same room when the member leaves. */
  async acquire(room: string): Promise<RoomFeed> {
    let entry = this.#feeds.get(room)
    if (!entry) {
      const feed = new RoomFeed(room, this.#store, this.#report)
      const created = { feed, ready: feed.start(this.#broker, this.channel(room)), members: 0 }
      // A feed that failed to start is forgotten, so the next join tries again.
      created.ready.catch(() => {
        if (this.#feeds.get(room) === created) this.#feeds.delete(room)
      })
      this.#feeds.set(room, created)
      entry = created
    }
    entry.members++
    await entry.ready // on failure the caller must not call release()
    return entry.feed
  }

  release(room: string): void {
    const entry = this.#feeds.get(room)
    if (!entry || --entry.members > 0) return
    this.#feeds.delete(room)
    entry.ready.then(() => entry.feed.stop()).catch((error) => this.#report(`leaving room ${room} failed`, error))
  }

  /** Rings every instance's feed of `room` (this one's included). */
  async announce(room: string, id: number): Promise<void> {
    try {
      await this.#broker.publish(this.channel(room), String(id))
    } catch (error) {
      // Other instances catch up on their next doorbell; members here should not wait for that.
      this.#report(`announcing a message in room ${room} failed`, error)
      this.#feeds.get(room)?.feed.poke()
    }
  }

  channel(room: string): string {
    return `${this.#channelPrefix}${room}`
  }
}
