import { shopApi } from '@actiontrail/shop-kit/server'
import angular from '@analogjs/vite-plugin-angular'
import { defineConfig } from 'vite'

// Angular's own compiler (AOT, through @angular/build) inside Vite, and the shop API in `vite`
// and `vite preview`. Vite serves index.html for every unknown path, as the SPA needs.
export default defineConfig({
  plugins: [angular(), shopApi()],
})
