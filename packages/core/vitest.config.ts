import type { IncomingMessage, ServerResponse } from 'node:http'
import { playwright } from '@vitest/browser-playwright'

import { defineConfig, type Plugin } from 'vitest/config'
import { chromiumBrowser } from '../../config/chromium'

/** Marks errors the browser tests throw on purpose to exercise error counting. */
const EXPECTED_ERROR = 'actiontrail-test-error'

/**
 * Real HTTP endpoints for the browser tests: `/slow?ms=N` answers after N ms (JSON, or a PNG
 * with `&type=png`), so requests and resource timing entries happen for real; `/otlp-intake`
 * receives OTLP requests.
 */
function slowEndpoints(): Plugin {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII=',
    'base64',
  )
  return {
    name: 'actiontrail-slow-endpoints',
    configureServer(server) {
      // A stand-in OTLP receiver: POST stores the JSON body, GET returns (and forgets) them.
      const received: unknown[] = []
      server.middlewares.use('/otlp-intake', (req: IncomingMessage, res: ServerResponse) => {
        if (req.method === 'GET') {
          res.setHeader('content-type', 'application/json')
          res.end(JSON.stringify(received.splice(0)))
          return
        }
        let body = ''
        req.on('data', (chunk) => {
          body += chunk
        })
        req.on('end', () => {
          received.push({ contentType: req.headers['content-type'], body: JSON.parse(body) })
          res.statusCode = 200
          res.end('{}')
        })
      })
      server.middlewares.use('/slow', (req: IncomingMessage, res: ServerResponse) => {
        const url = new URL(req.url ?? '', 'http://localhost')
        const ms = Number(url.searchParams.get('ms') ?? 0)
        setTimeout(() => {
          res.setHeader('cache-control', 'no-store')
          if (url.searchParams.get('type') === 'png') {
            res.setHeader('content-type', 'image/png')
            res.end(png)
          } else {
            res.setHeader('content-type', 'application/json')
            res.end(JSON.stringify({ ms }))
          }
        }, ms)
      })
    },
  }
}

export default defineConfig({
  plugins: [slowEndpoints()],
  test: {
    onUnhandledError: (error) => !String(error?.message).includes(EXPECTED_ERROR),
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/node/**/*.test.ts'],
          environment: 'node',
          // Some tests import the sources cold; on a loaded CI machine the transform alone can
          // take seconds.
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 20_000,
          browser: chromiumBrowser(playwright),
        },
      },
    ],
  },
})
