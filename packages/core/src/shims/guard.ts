/**
 * Wraps a shim function so that nothing it does can throw into the caller: a failure (bad
 * input that got past the checks, a hostile getter, a broken tracker given to `useTracker`)
 * returns `fallback` instead.
 */
export function safe<A extends unknown[], R>(fn: (...args: A) => R, fallback: R) {
  return (...args: A): R => {
    try {
      return fn(...args)
    } catch {
      return fallback
    }
  }
}

/** Reads `key` of anything: `undefined` for non-objects and for getters or proxies that throw. */
export function read(source: unknown, key: string): unknown {
  if (source === null || (typeof source !== 'object' && typeof source !== 'function'))
    return undefined
  try {
    return (source as Record<string, unknown>)[key]
  } catch {
    return undefined
  }
}

export const noop = () => {}
