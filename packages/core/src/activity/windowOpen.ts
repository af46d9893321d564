import { createHook } from '../hook'

/** Calls the listener on each `window.open`, which counts as page activity. */
export const observeWindowOpen = createHook<[]>((notify) => {
  const open = window.open
  if (typeof open !== 'function') return
  window.open = function (this: Window, ...args: Parameters<typeof open>) {
    notify()
    return open.apply(this, args)
  }
})
