import { createHook } from '../hook'

/** How the History API changed the URL. */
export type HistoryMethod = 'push' | 'replace'

/** Calls the listener after each `history.pushState` / `replaceState`. */
export const observeHistory = createHook<[method: HistoryMethod]>((notify) => {
  for (const [name, method] of [
    ['pushState', 'push'],
    ['replaceState', 'replace'],
  ] as const) {
    const original = history[name]
    history[name] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args)
      notify(method)
      return result
    }
  }
})
