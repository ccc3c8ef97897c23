import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url))

export default defineConfig({
  resolve: {
    // Tests run against sources, so a change is tested without a rebuild.
    alias: {
      // Before '@tether/runtime', which would otherwise match it as a prefix.
      '@tether/runtime/page-script': fileURLToPath(
        new URL('./packages/runtime/src/page/parse-page-script.ts', import.meta.url),
      ),
      '@tether/core': src('core'),
      '@tether/server': src('server'),
      '@tether/runtime': src('runtime'),
      '@tether/react': src('react'),
    },
  },
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    reporters: ['default', './scripts/summary-reporter.mjs'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.{ts,tsx}'],
          setupFiles: ['./scripts/unit-test-setup.ts'],
          // Two cores: socket and database suites run two files at a time.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['e2e/**/*.test.ts'],
          // Each journey runs a server and Chromium; one at a time, after the unit suites, so none is
          // starved of CPU on a two-core machine.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'bench',
          include: ['bench/**/*.test.ts'],
          // The benchmarks' smoke pass starts servers, load generators and Chromium of its own; beside
          // the unit suites it starved them (and itself) of CPU, so it runs last and alone.
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
})
