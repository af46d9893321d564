import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url))

/**
 * Serves test pages that load the built tracker: `/page?endpoint=...` (and `&compression=...`
 * when given) creates a tracker that delivers to the intake and exposes it as `window.tracker`.
 * Any path serves the same page, so a navigation to another path is a real page load.
 */
export async function startPages() {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    // The built package: its entries and the chunks they share.
    const file = /^\/dist\/([\w.-]+\.js)$/.exec(url.pathname)?.[1]
    if (file) {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(DIST + file))
      return
    }
    const options = {
      applicationId: 'e2e',
      endpoint: url.searchParams.get('endpoint'),
      clientToken: 'e2e-token',
      flushInterval: 100,
      trackNavigation: false,
      compression: url.searchParams.get('compression') ?? undefined,
    }
    response.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html>
<title>delivery test</title>
<button id="save">Save</button>
<script type="module">
  import { createTracker } from '/dist/index.js'
  window.tracker = createTracker(${JSON.stringify(options)})
</script>`)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: (path: string, endpoint: string) =>
      `http://127.0.0.1:${port}${path}?endpoint=${encodeURIComponent(endpoint)}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
