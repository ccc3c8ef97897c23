export { DEFAULT_ROOM } from './chat-query.js'
export type { ChatRoutesOptions } from './chat-routes.js'
export { chatRoutes } from './chat-routes.js'
export type { ChatMessageFrame } from './message-store.js'
