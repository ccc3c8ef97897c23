import { ErrorCodes } from '@tether/core'

/** Stable codes the shared feeds put in close reasons and error frames. */
export const FeedErrorCodes = {
  /** A viewer sent a message: viewers of a shared service only receive (error frame, the connection stays). */
  READ_ONLY: ErrorCodes.FEED_READ_ONLY,
  /** The feed has `FEED_MAX_VIEWERS` viewers on this server (close 1013). */
  FEED_FULL: 'TETHER_FEED_FULL',
  /** This server has `FEED_MAX_PER_INSTANCE` feeds open (close 1013). */
  TOO_MANY_FEEDS: 'TETHER_TOO_MANY_FEEDS',
} as const
