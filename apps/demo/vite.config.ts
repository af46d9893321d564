import type { IncomingMessage, ServerResponse } from 'node:http'
import { defineConfig, type Plugin, type PreviewServer, type ViteDevServer } from 'vite'

/** Longest delay `/api/slow` accepts, so a typo cannot hang a request for minutes. */
const MAX_DELAY_MS = 10_000

/** `GET /api/slow?ms=N` answers `{ "ms": N, "time": <ISO date> }` after N milliseconds. */
function slowEndpoint(req: IncomingMessage, res: ServerResponse): void {
  // Connect strips the mount path: `req.url` is `/?ms=600` here.
  const url = new URL(req.url ?? '/', 'http://localhost')
  const requested = Number(url.searchParams.get('ms') ?? 0)
  const ms = Number.isFinite(requested) ? Math.min(Math.max(0, requested), MAX_DELAY_MS) : 0
  setTimeout(() => {
    res.setHeader('content-type', 'application/json')
    res.setHeader('cache-control', 'no-store')
    res.end(JSON.stringify({ ms, time: new Date().toISOString() }))
  }, ms)
}

/** After Vite's own banner, one line that says where the demo is. */
function announce(server: ViteDevServer | PreviewServer): void {
  const printUrls = server.printUrls.bind(server)
  server.printUrls = () => {
    printUrls()
    const url = server.resolvedUrls?.local[0]
    if (url) server.config.logger.info(`\n  Actiontrail demo shop: open ${url}  (Ctrl+C to stop)\n`)
  }
}

/** The shop's fake backend, in `vite` (dev) and `vite preview` alike. */
function demoBackend(): Plugin {
  return {
    name: 'actiontrail-demo-backend',
    configureServer(server) {
      server.middlewares.use('/api/slow', slowEndpoint)
      announce(server)
    },
    configurePreviewServer(server) {
      server.middlewares.use('/api/slow', slowEndpoint)
      announce(server)
    },
  }
}

export default defineConfig({
  plugins: [demoBackend()],
  // The port is set by the `start` script; if it is taken, Vite moves on to the next free one.
  server: { strictPort: false },
  preview: { strictPort: false },
})
