/**
 * A page-wide hook installed on first use and shared by every tracker: `install` wraps a browser
 * API once and calls `notify`; each tracker adds and removes its own listener. Wrappers are never
 * removed, so wrappers that other code installed later on top of ours keep working.
 */
export function createHook<A extends unknown[]>(install: (notify: (...args: A) => void) => void) {
  const listeners = new Set<(...args: A) => void>()
  let installed = false
  return (listener: (...args: A) => void): (() => void) => {
    if (!installed) {
      installed = true
      install((...args) => {
        for (const notify of listeners) notify(...args)
      })
    }
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
    }
  }
}
