import { type Sender, type SendResult, UNLOAD_BYTES } from './delivery'
import { observePageHide } from './pageHide'
import type { TrackerOptions } from './types'

const BODY_TYPE = 'text/plain;charset=UTF-8'

/**
 * Sends batches to the collector: `POST <endpoint>?token=<client token>` with the events as a
 * JSON array, gzipped when `compression` is `'gzip'` and the browser has `CompressionStream`.
 * The body goes as `text/plain`, a CORS-safelisted type, so no preflight request is needed and
 * `sendBeacon` can carry the same body; a `Content-Encoding` header would cost a preflight and
 * cannot go on a beacon, so the collector recognises gzip by its first bytes instead. Requests
 * use `keepalive`, so one started just before the page goes away still arrives.
 */
export function createHttpSender(
  endpoint: string,
  clientToken: string | undefined,
  compression: Required<TrackerOptions>['compression'],
): Sender {
  return (events, leaving, dropped) => {
    const url = new URL(endpoint, location.href)
    if (clientToken) url.searchParams.set('token', clientToken)
    // The collector records how many events the retry queue had to drop.
    if (dropped) url.searchParams.set('dropped', String(dropped))
    const json = JSON.stringify(events)
    const plain = new Blob([json], { type: BODY_TYPE })
    // Leaving, the request must start now, in the page's last event: compression would answer
    // too late.
    if (leaving || compression === 'none' || typeof CompressionStream !== 'function')
      return postBatch(url, plain, leaving)
    return new Promise((resolve) => {
      const start = (body: Blob, hiding = false) => {
        if (!stopWatching) return
        stopWatching()
        stopWatching = undefined
        resolve(postBatch(url, body, hiding))
      }
      // The page may go away while the batch is being compressed: it then goes as it is, now.
      let stopWatching: (() => void) | undefined = observePageHide(() => start(plain, true))
      gzip(json).then(start, () => start(plain))
    })
  }
}

/** The gzip bytes of `text`, as a `text/plain` body. */
async function gzip(text: string): Promise<Blob> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))
  return new Response(stream, { headers: { 'content-type': BODY_TYPE } }).blob()
}

/** Posts one body; `leaving`, a failed keep-alive request falls back to a beacon. */
async function postBatch(
  url: URL,
  body: Blob,
  leaving: boolean,
): Promise<{ result: SendResult; retryAfter?: number }> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      body,
      keepalive: body.size <= UNLOAD_BYTES,
      credentials: 'omit',
    })
    return { result: classify(response.status), retryAfter: retryAfter(response) }
  } catch {
    // Leaving, a keep-alive request can be refused when others already use the budget: a
    // beacon may still be queued. Its answer never comes, so the events stay for a resend.
    if (leaving) navigator.sendBeacon?.(url, body)
    return { result: 'retry' }
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
