/** Globals a browser has and Node does not: server code that reads one is an SSR bug. */
export const BROWSER_GLOBALS = [
  'window',
  'self',
  'document',
  'navigator',
  'location',
  'history',
  'localStorage',
  'sessionStorage',
  'XMLHttpRequest',
  'MutationObserver',
  'PerformanceObserver',
  'IntersectionObserver',
  'requestAnimationFrame',
  'requestIdleCallback',
  'Node',
  'Element',
  'HTMLElement',
  'Event',
  'screen',
] as const

/**
 * Runs `work` (an import, a server render) with a recording getter on `globalThis` for each
 * browser global Node lacks. The getters answer `undefined`, so the code behaves exactly as if
 * the globals were missing. Returns what `work` gave, the globals it read and those watched.
 */
export async function watchBrowserGlobals<T>(
  work: () => T | Promise<T>,
): Promise<{ result: T; read: string[]; watched: string[] }> {
  const read = new Set<string>()
  const watched = BROWSER_GLOBALS.filter((name) => !(name in globalThis))
  for (const name of watched) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        read.add(name)
        return undefined
      },
    })
  }
  try {
    return { result: await work(), read: [...read], watched }
  } finally {
    for (const name of watched) Reflect.deleteProperty(globalThis, name)
  }
}
