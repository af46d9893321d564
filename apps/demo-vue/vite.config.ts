import { shopApi } from '@actiontrail/shop-kit/server'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

// Single-file components, and the shop API in `vite` and `vite preview`. Vite serves index.html
// for every unknown path, as a history-mode SPA needs.
export default defineConfig({
  plugins: [vue(), shopApi()],
})
