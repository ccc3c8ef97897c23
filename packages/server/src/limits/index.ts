// The close codes are core's: the clients that interpret them must agree with the server that sends them.
export { CloseCodes } from '@tether/core'
export { closeReason, forwardableCloseCode } from './close-codes.js'
export {
  type ConnectionCapLimits,
  FULL_WARNING_INTERVAL_MS,
  installConnectionCap,
  serverFullReason,
} from './connection-cap.js'
export type { ConnectionLimits, GuardedConnection } from './connection-guard.js'
export { guardConnection, SLOW_READER_REASON } from './connection-guard.js'
export { defaultMaxConnections, openFileLimit } from './open-file-limit.js'
export { logAndTerminate, releaseUpgradeRequest, type SocketErrorHandler } from './release-upgrade.js'
export { chooseSubprotocol, pinSubprotocol, websocketServerOptions } from './websocket-server-options.js'
