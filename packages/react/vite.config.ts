import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The browser app bundle: `dist-app/`, served by the server under /apps/<project>/. `base: './'`
// keeps asset URLs relative so the same bundle works for every project path.
export default defineConfig({
  root: fileURLToPath(new URL('./src/app', import.meta.url)),
  base: './',
  plugins: [react()],
  resolve: {
    alias: {
      '@tether/core': fileURLToPath(new URL('../core/src/index.ts', import.meta.url)),
      '@tether/runtime': fileURLToPath(new URL('../runtime/src/index.ts', import.meta.url)),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist-app', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // Which chunk each widget and protocol loads: bench/scenarios/startup.mjs sums what each app downloads.
    manifest: true,
    // The entry holds React, core, the runtime and the light widgets; a chart (uPlot) and a table
    // (TanStack) are chunks of their own, fetched by the first page that shows one. BENCHMARKS.md §7
    // measures what each showcase app downloads.
  },
})
