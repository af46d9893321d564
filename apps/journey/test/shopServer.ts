import { existsSync, readFileSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { gunzipSync } from 'node:zlib'
import type { ActionEvent, TrackerEvent } from '@actiontrail/core'
import { handleShopApi } from '@actiontrail/shop-kit/server'

/** One batch the shop's tracker posted to `/v1/events`. */
export interface Batch {
  /** Path and query the batch was posted to (`/v1/events?token=...`). */
  url: string
  events: TrackerEvent[]
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

/** The file under `root` a request path names, or `undefined` (no such file, or outside root). */
function fileFor(root: string, pathname: string): string | undefined {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return undefined
  }
  const file = normalize(join(root, decoded))
  if (!file.startsWith(root)) return undefined
  return existsSync(file) && statSync(file).isFile() ? file : undefined
}

function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): void {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost')
  // A static SPA: a path that is no file is a route, answered with the app's index.html.
  const file = fileFor(root, pathname) ?? join(root, 'index.html')
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream'
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' })
  res.end(readFileSync(file))
}

function recordBatch(req: IncomingMessage, res: ServerResponse, batches: Batch[]): void {
  const chunks: Buffer[] = []
  req.on('data', (chunk: Buffer) => chunks.push(chunk))
  req.on('end', () => {
    try {
      const body = Buffer.concat(chunks)
      // The tracker gzips its batches (no Content-Encoding header): known by the magic bytes.
      const json = body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body) : body
      batches.push({ url: req.url ?? '', events: JSON.parse(json.toString('utf8')) })
      res.writeHead(200).end()
    } catch {
      res.writeHead(400).end('expected a JSON array of events, plain or gzipped')
    }
  })
}

/**
 * A real HTTP server for one run of the journey, on loopback: the built demo in `dist` with SPA
 * fallback, the shop API of shop-kit, and `/v1/events`, where it records every batch the
 * tracker sends (a JSON array posted as `text/plain`, gzipped by browsers that can).
 */
export async function startShopServer(dist: string) {
  const root = normalize(dist + sep)
  if (!existsSync(join(root, 'index.html')))
    throw new Error(`${root}index.html is missing: build the demo first (pnpm turbo run build).`)
  const batches: Batch[] = []

  const server = createServer((req, res) => {
    try {
      if (handleShopApi(req, res)) return
      const { pathname } = new URL(req.url ?? '/', 'http://localhost')
      if (pathname === '/v1/events' && req.method === 'POST') recordBatch(req, res, batches)
      else serveStatic(root, req, res)
    } catch (error) {
      res.writeHead(500).end(String(error))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    batches,
    /** Every action event received so far, in the order they arrived. */
    actions: (): ActionEvent[] =>
      batches.flatMap((batch) => batch.events).filter((e): e is ActionEvent => e.type === 'action'),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export type ShopServer = Awaited<ReturnType<typeof startShopServer>>
