import { createReadStream, existsSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { dirname, extname, join, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sendJson } from './http'

/**
 * The dashboard: a static build (Vite) in `dist/dashboard/`, served at `/` (its `index.html`)
 * and `/dashboard/*` (its assets). Built by the package's `build` script; a collector run from a
 * checkout without a build answers `/` with a 404 that says so.
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
}

/** This module's folder: `dist/` once bundled, `src/server/` when run from source (tests). */
function here(): string {
  if (typeof __dirname === 'string') return __dirname
  return dirname(fileURLToPath(import.meta.url))
}

let found: string | null | undefined

/** The built dashboard's folder, or null when it was not built. */
export function dashboardDir(): string | null {
  if (found !== undefined) return found
  const base = here()
  const candidates = [join(base, 'dashboard'), join(base, '..', '..', 'dist', 'dashboard')]
  found = candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null
  return found
}

/**
 * Answers `GET`/`HEAD` of `/`, `/index.html` and `/dashboard/*` from the built dashboard;
 * anything else gets a 404.
 */
export async function serveDashboard(
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
): Promise<void> {
  const method = request.method ?? 'GET'
  const root = dashboardDir()
  const notFound = () => sendJson(response, 404, { error: `nothing at ${method} ${path}` })
  let relative: string
  if (path === '/' || path === '/index.html' || path === '/dashboard' || path === '/dashboard/')
    relative = 'index.html'
  else if (path.startsWith('/dashboard/')) {
    try {
      relative = decodeURIComponent(path.slice('/dashboard/'.length))
    } catch {
      return notFound()
    }
  } else return notFound()
  if (root === null)
    return sendJson(response, 404, {
      error:
        'the dashboard is not built: run `pnpm --filter @actiontrail/collector build` (the query API is under /api/)',
    })
  const file = resolve(root, relative)
  if (!file.startsWith(root + sep) || relative.includes('\0')) return notFound()
  const info = await stat(file).catch(() => undefined)
  if (!info?.isFile()) return notFound()
  const hashed = relative.startsWith('assets/')
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  })
  if (method === 'HEAD') {
    response.end()
    return
  }
  await new Promise<void>((done, fail) => {
    createReadStream(file).on('error', fail).pipe(response).on('finish', done).on('close', done)
  })
}
