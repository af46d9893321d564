/**
 * A page-wide hook installed on first use and shared by every tracker: `install` wraps a browser
 * API once and calls `notify`, which returns what the listeners returned; each tracker adds and
 * removes its own listener. Wrappers are never
 * removed, so wrappers that other code installed later on top of ours keep working.
 */
export function createHook<A extends unknown[], R = void>(
  install: (notify: (...args: A) => R[]) => void,
) {
  const listeners = new Set<(...args: A) => R>()
  let installed = false
  return (listener: (...args: A) => R): (() => void) => {
    if (!installed) {
      installed = true
      // What each listener returned, in the order they were added.
      install((...args) => Array.from(listeners, (notify) => notify(...args)))
    }
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
    }
  }
}
