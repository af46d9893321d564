import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'
import { chromiumBrowser } from '../../config/chromium'

/** The oldest Angular the package supports, with its zone.js: every import of them goes there. */
const ANGULAR_17 = {
  ...Object.fromEntries(
    ['core', 'common', 'router', 'platform-browser', 'compiler'].map((name) => [
      `@angular/${name}`,
      `angular-${name}-17`,
    ]),
  ),
  'zone.js': 'zone.js-0.14',
}

/** Every test, plus what only zone.js can get wrong: work that runs inside the Angular zone. */
const zoneProject = (
  name: string,
  major: string,
  setup: string,
  alias: Record<string, string> = {},
) => ({
  extends: true as const,
  resolve: { alias },
  test: {
    name,
    provide: { angularMajor: major },
    include: ['test/*.test.ts', 'test/zone/*.test.ts'],
    setupFiles: [setup],
    browser: chromiumBrowser(playwright),
  },
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
          provide: { angularMajor: '21' },
          include: ['test/*.test.ts'],
          setupFiles: ['test/setup/zoneless.ts'],
          browser: chromiumBrowser(playwright),
        },
      },
      zoneProject('zone.js', '21', 'test/setup/zone.ts'),
      // Angular 17 had no stable zoneless mode: it runs with zone.js only.
      zoneProject('angular-17', '17', 'test/setup/angular17.ts', ANGULAR_17),
    ],
  },
})
