export { isAllowedOrigin } from './origin.js'
export { installRequestGuards } from './request-guards.js'
