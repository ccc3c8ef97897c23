import { type Broker, BrokerUnavailableError } from '../broker/index.js'
import { type ChatMessageFrame, type ChatMessageStore, PAGE_SIZE } from './message-store.js'
import type { ChatRetention } from './retention.js'

/** Live messages a joining member may have waiting while its backlog is read. Beyond: closed with 1013. */
export const DEFAULT_JOIN_BUFFER_MAX = 1_000

/** Where the feeds report failures they recover from (the server log). */
export type ErrorReporter = (message: string, error: unknown) => void

/** A message as it goes on the wire: serialized once, the same bytes for every member. */
export function encodeFrame(frame: ChatMessageFrame): Buffer {
  return Buffer.from(JSON.stringify(frame))
}

/** A connection in a room, as the feed sees it. */
export interface RoomMember {
  /** The id of the last message this member got (or chose to skip); only later ones are sent. */
  cursor: number
  /** While joining, live messages wait here instead of being sent (null once joined). */
  pending: ChatMessageFrame[] | null
  /** Sends one encoded message (`encodeFrame`); false when the connection is gone or was closed for not reading. */
  send(data: Buffer): boolean
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
  #started = false
  /** A read-back failed: messages may be stored that nobody got, so only a read-back may deliver. */
  #behind = false
  #stop: (() => Promise<void>) | null = null
  #stopReconnect: (() => void) | null = null

  readonly #report: ErrorReporter
  readonly #joinBufferMax: number
  readonly #onDelivered: ((count: number) => void) | null

  constructor(
    room: string,
    store: ChatMessageStore,
    report: ErrorReporter,
    joinBufferMax = DEFAULT_JOIN_BUFFER_MAX,
    onDelivered: ((count: number) => void) | null = null,
  ) {
    this.room = room
    this.#store = store
    this.#report = report
    this.#joinBufferMax = joinBufferMax
    this.#onDelivered = onDelivered
  }

  /** Subscribes first, then notes the newest stored id: nothing stored after that point can be missed. */
  async start(broker: Broker, channel: string): Promise<void> {
    this.#stop = await broker.subscribe(channel, () => this.poke())
    this.#stopReconnect = broker.onReconnect(() => this.poke())
    const [newest] = await this.#store.latest(this.room, 1)
    this.#lastId = Math.max(this.#lastId, newest?.id ?? 0)
    this.#started = true
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

  /**
   * Delivers a message this process just stored without reading it back. Only for a sole writer
   * (`RoomFeeds` with `soleWriter`), which hands over every message of the room in id order: then
   * nothing can be missing between the last delivered id and this one, unless a read-back is running
   * or failed, and then a read-back delivers it instead.
   */
  handOff(frame: ChatMessageFrame): void {
    if (!this.#started || this.#draining || this.#behind) {
      this.poke()
      return
    }
    if (frame.id <= this.#lastId) return
    this.#lastId = frame.id
    this.#deliver(frame)
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
          this.#behind = true
          this.#report(`reading room ${this.room} failed`, error)
          return
        }
        for (const row of rows) this.#deliver(row)
        const last = rows.at(-1)
        if (last) this.#lastId = last.id
        if (rows.length < PAGE_SIZE) break
      }
    } while (this.#again)
    this.#behind = false
  }

  #deliver(frame: ChatMessageFrame): void {
    // Serialized once per message, not per member: in a room of 1,000 that was most of the CPU.
    let data: Buffer | null = null
    let sent = 0
    for (const member of this.members) {
      if (member.pending) {
        member.pending.push(frame)
        if (member.pending.length > this.#joinBufferMax) member.overflow()
      } else if (frame.id > member.cursor) {
        member.cursor = frame.id
        data ??= encodeFrame(frame)
        if (member.send(data)) sent++
      }
    }
    this.#onDelivered?.(sent)
  }
}

/** The feeds of the rooms that have members on this instance, started on first join, stopped on last leave. */
export class RoomFeeds {
  /** `stored`: messages stored into the room through this server since it was last pruned. */
  readonly #feeds = new Map<string, { feed: RoomFeed; ready: Promise<void>; members: number; stored: number }>()
  readonly #broker: Broker
  readonly #store: ChatMessageStore
  readonly #channelPrefix: string
  readonly #report: ErrorReporter
  readonly #soleWriter: boolean
  readonly #joinBufferMax: number
  readonly #retention: ChatRetention | null
  readonly #onDelivered: ((count: number) => void) | null
  /** Per room, the end of the chain of stores in progress (sole writer only); removed when it settles. */
  readonly #storing = new Map<string, Promise<unknown>>()

  /**
   * `soleWriter`: this process is the only one storing chat messages (no REDIS_URL, in-process broker).
   * Stores into a room then run one after another, and each stored message goes straight to the
   * room's feed in id order, without the broker's doorbell and the read-back from the database.
   * `joinBufferMax`: live messages held for a member while it joins (`CHAT_JOIN_BUFFER_MAX`).
   * `retention`: prunes a room when its feed starts and after every `retention.every` messages posted
   * here (`CHAT_RETENTION_MESSAGES`). Posting needs membership, so a posted-to room always has a feed,
   * and the count lives (bounded) on the feed.
   */
  constructor(
    broker: Broker,
    store: ChatMessageStore,
    report: ErrorReporter,
    options: {
      channelPrefix?: string
      soleWriter?: boolean
      joinBufferMax?: number
      retention?: ChatRetention
      /** Told how many members each message was sent to (the metrics). */
      onDelivered?: (count: number) => void
    } = {},
  ) {
    this.#broker = broker
    this.#store = store
    this.#report = report
    this.#channelPrefix = options.channelPrefix ?? 'tether:chat:'
    this.#soleWriter = options.soleWriter ?? false
    this.#joinBufferMax = options.joinBufferMax ?? DEFAULT_JOIN_BUFFER_MAX
    this.#retention = options.retention ?? null
    this.#onDelivered = options.onDelivered ?? null
  }

  /** Stores a message and gets it to every member of the room, on every instance. */
  async post(room: string, username: string, message: string, time: number): Promise<ChatMessageFrame> {
    if (!this.#soleWriter) {
      const stored = await this.#store.insert(room, username, message, time)
      this.#counted(room)
      await this.announce(room, stored.id)
      return stored
    }
    // One store at a time per room: ids then reach the feed in increasing order with none in between
    // still being written, which is what lets the feed deliver them without reading them back. On
    // SQLite this costs nothing (writes are serialized anyway); on PostgreSQL the advisory lock in
    // `insert` serializes them in the database already.
    const previous = this.#storing.get(room) ?? Promise.resolve()
    const stored = previous
      .catch(() => {}) // the previous poster got its own error
      .then(async () => {
        const frame = await this.#store.insert(room, username, message, time)
        this.#feeds.get(room)?.feed.handOff(frame)
        this.#counted(room)
        return frame
      })
    this.#storing.set(room, stored)
    const forget = () => {
      if (this.#storing.get(room) === stored) this.#storing.delete(room)
    }
    stored.then(forget, forget)
    return stored
  }

  /** The room's running feed; call `release` with the same room when the member leaves. */
  async acquire(room: string): Promise<RoomFeed> {
    let entry = this.#feeds.get(room)
    if (!entry) {
      const feed = new RoomFeed(room, this.#store, this.#report, this.#joinBufferMax, this.#onDelivered)
      const created = { feed, ready: feed.start(this.#broker, this.channel(room)), members: 0, stored: 0 }
      // A room that was posted to while nobody was here (on this server) is caught up on first join.
      created.ready.then(
        () => this.#retention?.prune(room),
        () => {},
      )
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

  /** Counts a message stored into `room` and prunes the room every `retention.every` of them. */
  #counted(room: string): void {
    const entry = this.#feeds.get(room)
    if (!this.#retention?.enabled || !entry) return
    if (++entry.stored < this.#retention.every) return
    entry.stored = 0
    this.#retention.prune(room)
  }

  /** Rings every instance's feed of `room` (this one's included). */
  async announce(room: string, id: number): Promise<void> {
    try {
      await this.#broker.publish(this.channel(room), String(id))
    } catch (error) {
      // Other instances catch up on their next doorbell or when Redis is back; members here should
      // not wait for that. An outage is reported once by the broker, not once per message.
      if (!(error instanceof BrokerUnavailableError)) this.#report(`announcing a message in room ${room} failed`, error)
      this.#feeds.get(room)?.feed.poke()
    }
  }

  channel(room: string): string {
    return `${this.#channelPrefix}${room}`
  }
}
