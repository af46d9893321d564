import chromium from './chromium.json' with { type: 'json' }

/** Debian's Chromium, or the build CHROMIUM_PATH names. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? chromium.path

/**
 * Flags for Chromium as root on a machine without network: no sandbox (root), no GPU, and none
 * of the background connections that would flood a closed network with refused requests. They
 * live in chromium.json, which the demo script (plain JavaScript) reads too.
 */
export const CHROMIUM_ARGS: string[] = chromium.args

/**
 * Vitest browser mode on that Chromium. `playwright` is the provider of
 * `@vitest/browser-playwright`, passed in so that this folder needs no dependency of its own; a
 * fresh object per call, since Vitest names the instances it is given.
 */
export const chromiumBrowser = <Provider>(
  playwright: (options: { launchOptions: { executablePath: string; args: string[] } }) => Provider,
) => ({
  enabled: true,
  headless: true,
  screenshotFailures: false,
  provider: playwright({ launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } }),
  instances: [{ browser: 'chromium' as const }],
})
