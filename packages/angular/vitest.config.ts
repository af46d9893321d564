import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'
import { chromiumBrowser } from '../../config/chromium'

/** The same tests, in real Chromium, once for each change-detection mode an app can run in. */
export default defineConfig({
  test: {
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'zoneless',
          include: ['test/*.test.ts'],
          setupFiles: ['test/setup/zoneless.ts'],
          browser: chromiumBrowser(playwright),
        },
      },
      {
        extends: true,
        // Plus what only zone.js can get wrong: work that runs inside the Angular zone.
        test: {
          name: 'zone.js',
          include: ['test/*.test.ts', 'test/zone/*.test.ts'],
          setupFiles: ['test/setup/zone.ts'],
          browser: chromiumBrowser(playwright),
        },
      },
    ],
  },
})
