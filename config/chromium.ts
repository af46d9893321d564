/** Debian's Chromium, or the build CHROMIUM_PATH names. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * Flags for Chromium as root on a machine without network: no sandbox (root), no GPU, and none
 * of the background connections that would flood a closed network with refused requests.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

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
