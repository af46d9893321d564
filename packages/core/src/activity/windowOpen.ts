/** Calls the listeners on each `window.open`, which counts as page activity. Wrapped once per page. */
const listeners = new Set<() => void>()
let wrapped = false

export function observeWindowOpen(listener: () => void): () => void {
  if (!wrapped && typeof window.open === 'function') {
    wrapped = true
    const open = window.open
    window.open = function (this: Window, ...args: Parameters<typeof open>) {
      for (const notify of listeners) notify()
      return open.apply(this, args)
    }
  }
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}
