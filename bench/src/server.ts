import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import { build } from 'esbuild'

const PAGES = fileURLToPath(new URL('../pages/', import.meta.url))

/** One batch the tracker sent to `/collect`, as received. */
export interface ReceivedBatch {
  /** Bytes of the request body, as they went over the wire. */
  wireBytes: number
  /** The body was gzip (recognised by its first bytes, as the collector does). */
  gzip: boolean
  /** The events as JSON text, uncompressed. */
  json: string
  /** Events in it by `type`. */
  actions: number
  errors: number
  /** The `dropped` count the retry queue reported with it. */
  dropped: number
}

/**
 * The tracker as a page gets it from a CDN: `@actiontrail/core` bundled and minified into one
 * ES module exporting `createTracker`.
 */
async function bundleTracker(): Promise<string> {
  const result = await build({
    stdin: {
      contents: "export { createTracker } from '@actiontrail/core'",
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
    },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  })
  return result.outputFiles[0]?.text ?? ''
}

/**
 * The local HTTP server of the browser benchmarks: the pages (and their scripts) in `bench/pages`, the tracker at
 * `/tracker.js`, `/api/item` for the pages' own requests, and `/collect`, the collector stand-in,
 * which keeps every batch and can be stalled (requests wait, unanswered, until it recovers).
 */
export async function startServer() {
  const tracker = await bundleTracker()
  const received: ReceivedBatch[] = []
  let stalled = false
  const waiting: ServerResponse[] = []

  const accept = (res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
  }

  const collect = (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const gzip = body[0] === 0x1f && body[1] === 0x8b
      const json = (gzip ? gunzipSync(body) : body).toString('utf8')
      const events = JSON.parse(json) as { type: string }[]
      received.push({
        wireBytes: body.length,
        gzip,
        json,
        actions: events.filter((e) => e.type === 'action').length,
        errors: events.filter((e) => e.type === 'error').length,
        dropped: Number(url.searchParams.get('dropped') ?? 0),
      })
      if (stalled) waiting.push(res)
      else accept(res)
    })
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (req.method === 'POST' && url.pathname === '/collect') return collect(req, res, url)
    if (url.pathname === '/tracker.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(tracker)
    } else if (url.pathname === '/api/item') {
      const id = url.searchParams.get('id') ?? '0'
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      res.end(JSON.stringify({ id, name: `Item ${id}`, price: 10 + (Number(id) % 90) }))
    } else if (/^\/[a-z]+\.(html|js)$/.test(url.pathname)) {
      const type = url.pathname.endsWith('.js') ? 'text/javascript' : 'text/html'
      readFile(PAGES + url.pathname.slice(1), 'utf8').then(
        (text) => res.writeHead(200, { 'content-type': type }).end(text),
        () => res.writeHead(404).end(),
      )
    } else {
      res.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    origin: `http://127.0.0.1:${port}`,
    /** Bytes of the minified tracker the pages load. */
    trackerBytes: Buffer.byteLength(tracker),
    /** Batches received since the last call, and forgets them. */
    takeReceived: (): ReceivedBatch[] => received.splice(0),
    /** Stalled: batches are received but never answered, as with a collector that hangs. */
    stall(on: boolean): void {
      stalled = on
      if (!on) for (const res of waiting.splice(0)) accept(res)
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export type BenchServer = Awaited<ReturnType<typeof startServer>>
