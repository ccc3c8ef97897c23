export { DEFAULT_ROOM, MAX_HISTORY, MAX_MESSAGE_LENGTH } from './chat-query.js'
export type { ChatRoutesOptions } from './chat-routes.js'
export { chatRoutes } from './chat-routes.js'
export type { ChatMessageFrame } from './message-store.js'
