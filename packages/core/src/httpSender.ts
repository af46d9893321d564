import { type Sender, type SendResult, UNLOAD_BYTES } from './delivery'

/**
 * Sends batches to the collector: `POST <endpoint>?token=<client token>` with the events as a
 * JSON array. The body goes as `text/plain`, a CORS-safelisted type, so no preflight request is
 * needed and `sendBeacon` can carry the same body. Requests use `keepalive`, so one started
 * just before the page goes away still arrives.
 */
export function createHttpSender(endpoint: string, clientToken: string | undefined): Sender {
  return async (events, leaving, dropped) => {
    const url = new URL(endpoint, location.href)
    if (clientToken) url.searchParams.set('token', clientToken)
    // The collector records how many events the retry queue had to drop.
    if (dropped) url.searchParams.set('dropped', String(dropped))
    const blob = new Blob([JSON.stringify(events)], { type: 'text/plain;charset=UTF-8' })
    try {
      const response = await fetch(url, {
        method: 'POST',
        body: blob,
        keepalive: blob.size <= UNLOAD_BYTES,
        credentials: 'omit',
      })
      return { result: classify(response.status), retryAfter: retryAfter(response) }
    } catch {
      // Leaving, a keep-alive request can be refused when others already use the budget: a
      // beacon may still be queued. Its answer never comes, so the events stay for a resend.
      if (leaving) navigator.sendBeacon?.(url, blob)
      return { result: 'retry' }
    }
  }
}

/** What an HTTP status means for a batch. */
export function classify(status: number): SendResult {
  if (status >= 200 && status < 300) return 'ok'
  if (status === 413) return 'too-large'
  if (status === 408 || status === 429 || status >= 500) return 'retry'
  return 'refused'
}

/** `Retry-After` in ms, as seconds or as an HTTP date. */
export function retryAfter(response: Response): number | undefined {
  const header = response.headers.get('retry-after')
  if (!header) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}
