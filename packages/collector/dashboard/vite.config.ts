import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const root = fileURLToPath(new URL('.', import.meta.url))

/**
 * The dashboard: `dashboard/` → `dist/dashboard/`, served by the collector at `/` (index.html)
 * and `/dashboard/*` (assets). Runs after tsup in the package's `build`, since tsup empties dist.
 */
export default defineConfig({
  root,
  base: '/dashboard/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/dashboard', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    chunkSizeWarningLimit: 200,
  },
})
