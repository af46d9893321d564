import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../config/chromium'

/** Real Chromium; a fresh object per project, since Vitest names the instances it is given. */
const chromium = () => ({
  enabled: true,
  headless: true,
  screenshotFailures: false,
  provider: playwright({ launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } }),
  instances: [{ browser: 'chromium' as const }],
})

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
          browser: chromium(),
        },
      },
      {
        extends: true,
        // Plus what only zone.js can get wrong: work that runs inside the Angular zone.
        test: {
          name: 'zone.js',
          include: ['test/*.test.ts', 'test/zone/*.test.ts'],
          setupFiles: ['test/setup/zone.ts'],
          browser: chromium(),
        },
      },
    ],
  },
})
