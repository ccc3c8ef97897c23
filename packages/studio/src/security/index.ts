export { SecuritySection } from './SecuritySection.js'
export { withoutPageRule } from './security-draft.js'
export { findSecurityProblems } from './security-problems.js'
