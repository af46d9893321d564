import 'zone.js'

/**
 * Vitest's browser client wraps `window.addEventListener` around the one it found before zone.js
 * loaded, so listeners on `window` (popstate, pagehide...) would escape zone.js as they do in no
 * real app. Its wrapper keeps the error events it counts; every other type goes to zone.js.
 */
for (const method of ['addEventListener', 'removeEventListener'] as const) {
  const vitests = window[method]
  const zones = EventTarget.prototype[method]
  window[method] = function (this: Window, ...args: Parameters<Window['addEventListener']>) {
    const counted = args[0] === 'error' || args[0] === 'unhandledrejection'
    return (counted ? vitests : zones).apply(this, args)
  } as Window[typeof method]
}
