import type { IncomingMessage, ServerResponse } from 'node:http'
import { playwright } from '@vitest/browser-playwright'
import { defineConfig, type Plugin } from 'vitest/config'
import { chromiumBrowser } from '../../config/chromium'

/** `/slow?ms=N` answers after N ms, so a route's data request is real page activity. */
function slowEndpoint(): Plugin {
  return {
    name: 'actiontrail-vue-slow-endpoint',
    configureServer(server) {
      server.middlewares.use('/slow', (req: IncomingMessage, res: ServerResponse) => {
        const ms = Number(new URL(req.url ?? '', 'http://localhost').searchParams.get('ms') ?? 0)
        setTimeout(() => {
          res.setHeader('content-type', 'application/json')
          res.setHeader('cache-control', 'no-store')
          res.end(JSON.stringify({ ms }))
        }, ms)
      })
    },
  }
}

/**
 * The browser tests on Vue `minor`, from the package `vue` names (its build with the compiler:
 * the tests' components use templates); `alias` covers every import, vue-router's too.
 */
const browserProject = (
  name: string,
  minor: string,
  vue: string,
  alias: Record<string, string> = {},
) => ({
  extends: true as const,
  resolve: { alias: { vue: `${vue}/dist/vue.esm-browser.js`, ...alias } },
  test: {
    name,
    provide: { vueMinor: minor },
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 20_000,
    browser: chromiumBrowser(playwright),
  },
})

export default defineConfig({
  plugins: [slowEndpoint()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/node/**/*.test.ts'],
          environment: 'node',
          // The SSR test loads Vue, vue-router and both builds cold: seconds on a loaded machine.
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      browserProject('browser', '3.5', 'vue'),
      // The oldest Vue the package supports, with the vue-router of its day.
      browserProject('vue-3.3', '3.3', 'vue-3.3', { 'vue-router': 'vue-router-4.2' }),
    ],
  },
})
