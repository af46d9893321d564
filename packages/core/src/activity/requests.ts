import { createHook } from '../hook'

/**
 * Reports each fetch and XHR request: the listener is called with the URL when the request
 * starts and may return a function that is called once when it ends (success or failure).
 * fetch and XMLHttpRequest are wrapped once per page and shared by every tracker; a stopped
 * tracker only removes its listener, so wrappers installed later by other code keep working.
 */
export type RequestListener = (url: string) => (() => void) | undefined

export const observeRequests = createHook<[url: string], ReturnType<RequestListener>>((notify) => {
  const requestStarted = (url: string) => {
    const ends = notify(url)
    return () => {
      for (const end of ends) end?.()
    }
  }

  const originalFetch = globalThis.fetch
  if (typeof originalFetch === 'function') {
    globalThis.fetch = function fetch(this: unknown, input, init) {
      const response = originalFetch.call(this, input, init)
      const end = requestStarted(urlOf(input))
      response.then(end, end)
      return response
    } as typeof fetch
  }

  if (typeof XMLHttpRequest === 'function') {
    const proto = XMLHttpRequest.prototype
    const urls = new WeakMap<XMLHttpRequest, string>()
    const { open, send } = proto
    proto.open = function (this: XMLHttpRequest, ...args: unknown[]) {
      urls.set(this, String(args[1]))
      return (open as (...a: unknown[]) => void).apply(this, args)
    } as typeof open
    proto.send = function (this: XMLHttpRequest, body) {
      const end = requestStarted(urls.get(this) ?? '')
      // Listen first: a synchronous request fires `loadend` before `send` returns.
      this.addEventListener('loadend', end, { once: true })
      try {
        send.call(this, body)
      } catch (error) {
        end()
        throw error
      }
    }
  }
})

function urlOf(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input
  if (input instanceof URL) return input.href
  return input?.url ?? String(input)
}
