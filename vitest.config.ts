import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url))

export default defineConfig({
  resolve: {
    // Tests run against sources, so a change is tested without a rebuild.
    alias: {
      '@tether/core': src('core'),
      '@tether/server': src('server'),
      // The page module alone (schemas and validation, no React), e.g. for the server's studio API.
      '@tether/react/page': fileURLToPath(new URL('./packages/react/src/page/index.ts', import.meta.url)),
      '@tether/react': src('react'),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.{ts,tsx}', 'e2e/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Two cores: socket and database suites run in parallel files but not oversubscribed.
    maxWorkers: 2,
    reporters: ['default', './scripts/summary-reporter.mjs'],
  },
})
