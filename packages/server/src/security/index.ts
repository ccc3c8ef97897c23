export { installHostGuard } from './host-guard.js'
export { checkOrigin, isAllowedOrigin } from './origin.js'
export { installRequestGuards } from './request-guards.js'
export { logSecurityEvent, type SecurityEvent, SecurityEvents } from './security-events.js'
