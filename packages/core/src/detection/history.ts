import { createHook } from '../hook'

/** How the History API changed the URL; `pending`: it is about to. */
export type HistoryMethod = 'push' | 'replace' | 'pending'

/**
 * Calls the listener before (`pending`) and after each `history.pushState` / `replaceState`.
 * Before: a router that heard of a back/forward move first may be redirecting from it, and
 * the move must be seen before the redirect.
 */
export const observeHistory = createHook<[method: HistoryMethod]>((notify) => {
  for (const [name, method] of [
    ['pushState', 'push'],
    ['replaceState', 'replace'],
  ] as const) {
    const original = history[name]
    history[name] = function (this: History, ...args: Parameters<History['pushState']>) {
      notify('pending')
      const result = original.apply(this, args)
      notify(method)
      return result
    }
  }
})
