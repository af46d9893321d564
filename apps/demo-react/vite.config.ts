import { shopApi } from '@actiontrail/shop-kit/server'
import { defineConfig } from 'vite'

// JSX needs no plugin: Vite compiles it with React's automatic runtime (see tsconfig.json).
// The shop API answers in `vite` and `vite preview`; Vite serves index.html for every unknown
// path, as the SPA needs.
export default defineConfig({
  plugins: [shopApi()],
  build: {
    rollupOptions: {
      // react-router marks its modules "use client" for server components; a browser bundle
      // has no use for the directive, so the warning that it is dropped is noise.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning)
      },
    },
  },
})
