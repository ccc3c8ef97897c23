// @tether/react — the public surface, listed by name.
export * from './hooks/index.js'
export * from './page/index.js'
export * from './runtime/index.js'
export * from './widgets/index.js'
