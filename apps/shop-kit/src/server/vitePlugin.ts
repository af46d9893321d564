import type { Plugin } from 'vite'
import { handleShopApi } from './handler'

/** Serves the shop API (`/api/...`) from `vite` (dev) and `vite preview` alike. */
export function shopApi(): Plugin {
  return {
    name: 'actiontrail-shop-api',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (!handleShopApi(req, res)) next()
      })
    },
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        if (!handleShopApi(req, res)) next()
      })
    },
  }
}
