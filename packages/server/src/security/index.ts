export { checkOrigin, isAllowedOrigin } from './origin.js'
export { installRequestGuards } from './request-guards.js'
export { logSecurityEvent, type SecurityEvent, SecurityEvents } from './security-events.js'
