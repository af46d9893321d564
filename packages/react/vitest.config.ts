import { fileURLToPath } from 'node:url'
import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'
import { chromiumBrowser } from '../../config/chromium'

/** The browser tests, once per React major: the hooks must behave the same on both. */
const browserProject = (major: string, alias: Record<string, string> = {}) => ({
  extends: true as const,
  // The core's source, not its dist: other packages rebuild (and first delete) that one.
  resolve: {
    alias: {
      '@actiontrail/core': fileURLToPath(new URL('../core/src', import.meta.url)),
      ...alias,
    },
  },
  test: {
    name: `react-${major}`,
    provide: { reactMajor: major },
    include: ['test/browser/**/*.test.tsx'],
    testTimeout: 20_000,
    browser: chromiumBrowser(playwright),
  },
})

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'node', include: ['test/node/**/*.test.{ts,tsx}'], environment: 'node' },
      },
      browserProject('19'),
      // react-dom 18 and react-router must load React 18 too, so the alias covers every import.
      browserProject('18', { react: 'react-18', 'react-dom': 'react-dom-18' }),
    ],
  },
})
