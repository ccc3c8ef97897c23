// @tether/react — the public surface, listed by name.
export * from './hooks/index.js'
export * from './page-view/index.js'
export * from './sign-in/index.js'
export * from './widgets/index.js'
