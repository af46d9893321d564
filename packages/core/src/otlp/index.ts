import { createDelivery, UNLOAD_BYTES } from '../delivery'
import { classify, retryAfter } from '../httpSender'
import { browserStorage } from '../session'
import type { Transport } from '../types'
import { type OtlpResource, toOtlpLogs } from './toOtlpLogs'

export type { OtlpExportLogsRequest, OtlpResource } from './toOtlpLogs'
export { toOtlpLogs }

export interface OtlpTransportOptions extends OtlpResource {
  /** The OTLP/HTTP logs endpoint, e.g. `https://otel.example/v1/logs`. */
  url: string
  /** Extra request headers (an API key). The receiver must allow them in its CORS settings. */
  headers?: Record<string, string>
}

/**
 * A transport that sends the tracker's events as OpenTelemetry log records over OTLP/HTTP JSON,
 * to any OpenTelemetry collector, with the same outbox, retries and keep-alive as the built-in
 * delivery: `createTracker({ applicationId, transport: otlpTransport({ url, serviceName }) })`.
 */
export function otlpTransport(options: OtlpTransportOptions): Transport {
  const { url, headers, ...resource } = options
  const delivery = createDelivery(
    async (events) => {
      const body = JSON.stringify(toOtlpLogs(events, resource))
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        keepalive: body.length <= UNLOAD_BYTES,
        credentials: 'omit',
      })
      return { result: classify(response.status), retryAfter: retryAfter(response) }
    },
    {
      destination: url,
      storage: browserStorage(),
      maxBatchEvents: 50,
      maxBatchBytes: 48 * 1024,
      warn: () => {},
    },
  )
  let resumed = false
  return Object.assign(
    (events: Parameters<Transport>[0], { leaving }: Parameters<Transport>[1]) => {
      // The tracker hands over batches only once consent is granted: only then take over
      // what earlier pages left.
      if (!resumed) {
        resumed = true
        delivery.resume()
      }
      return delivery.send(events, leaving)
    },
    { clear: () => delivery.clear() },
  )
}
