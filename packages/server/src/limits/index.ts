export { CloseCodes, closeReason, forwardableCloseCode } from './close-codes.js'
export type { ConnectionLimits, GuardedConnection } from './connection-guard.js'
export { guardConnection, SLOW_READER_REASON } from './connection-guard.js'
export { chooseSubprotocol, pinSubprotocol, websocketServerOptions } from './websocket-server-options.js'
