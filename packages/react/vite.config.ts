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
    // One ~600 kB (~190 kB gzipped) bundle: React, zod, uPlot, TanStack Table/Virtual and core. Every
    // app page needs all of it, so splitting would add requests without saving bytes.
    chunkSizeWarningLimit: 800,
  },
})
