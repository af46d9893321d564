/**
 * Wraps a callback the framework calls, so a failure inside the adapter never reaches the app:
 * an exception in a router guard would cancel the user's navigation.
 */
export function quietly<A extends unknown[], R>(
  callback: (...args: A) => R,
): (...args: A) => R | undefined {
  return (...args) => {
    try {
      return callback(...args)
    } catch {
      // Tracking is never worth breaking the page for.
      return undefined
    }
  }
}
