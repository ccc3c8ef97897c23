export type { FeedFrame, UpstreamState, UpstreamStatus } from './feed-frames.js'
export { encodeFeedError, encodeFeedMessage, encodeFeedStatus, readFeedFrame } from './feed-frames.js'
export type { SharedFeedBuffer, SharedFeedOptions } from './shared-feed.js'
export { SHARED_FEED_DEFAULTS, SHARED_FEED_MAXIMA, sharedFeedBuffer } from './shared-feed.js'
