import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The studio bundle: `dist-app/`, served by the server under /studio/. The studio calls core
// (schema inference, service validation) in the browser, so core (and react, for the designer) is bundled from its sources.
export default defineConfig({
  root: fileURLToPath(new URL('./src', import.meta.url)),
  base: '/studio/',
  plugins: [react()],
  resolve: {
    alias: {
      // The script editor's parser (lazily loaded); before '@tether/runtime', which would match it as a prefix.
      '@tether/runtime/page-script': fileURLToPath(
        new URL('../runtime/src/page/parse-page-script.ts', import.meta.url),
      ),
      '@tether/core': fileURLToPath(new URL('../core/src/index.ts', import.meta.url)),
      '@tether/runtime': fileURLToPath(new URL('../runtime/src/index.ts', import.meta.url)),
      // The page designer renders the canvas with the runtime's own PageView and widgets.
      '@tether/react': fileURLToPath(new URL('../react/src/index.ts', import.meta.url)),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist-app', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 800,
  },
})
