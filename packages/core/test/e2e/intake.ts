import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gunzipSync } from 'node:zlib'
import type { TrackerEvent } from '../../src/types'

/** How the intake answers the next requests. */
export type IntakeMode =
  | { kind: 'up' }
  | { kind: 'down' }
  | { kind: 'status'; status: number; retryAfter?: number }

/** One request the intake received (while up), with what it answered. */
export interface Receipt {
  ids: string[]
  status: number
  at: number
  url: string
  /** How the body came: gzip (recognised by its first bytes, as the collector does) or JSON. */
  encoding: 'gzip' | 'json'
  /** Bytes of the body as it went over the wire. */
  bytes: number
  contentType: string | undefined
  contentEncoding: string | undefined
}

/**
 * A real HTTP intake on loopback that stores events by id, as the collector does, and can fail
 * on demand: go down (connections refused), answer a status (500, 429 with Retry-After), or
 * refuse batches over a size with 413.
 */
export async function startIntake() {
  const receipts: Receipt[] = []
  const stored = new Map<string, TrackerEvent>()
  let preflights = 0
  let mode: IntakeMode = { kind: 'up' }
  let maxEvents = Number.POSITIVE_INFINITY
  let port = 0
  let server: Server | undefined

  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((request, response) => {
        response.setHeader('access-control-allow-origin', '*')
        response.setHeader('access-control-expose-headers', 'retry-after')
        if (request.method === 'OPTIONS') {
          preflights++
          response.writeHead(204, { 'access-control-allow-headers': 'content-type' }).end()
          return
        }
        const chunks: Buffer[] = []
        request.on('data', (chunk: Buffer) => chunks.push(chunk))
        request.on('end', () => {
          const raw = Buffer.concat(chunks)
          const gzip = raw[0] === 0x1f && raw[1] === 0x8b
          const body = (gzip ? gunzipSync(raw) : raw).toString('utf8')
          const events = JSON.parse(body || '[]') as TrackerEvent[]
          const receipt: Receipt = {
            ids: events.map((e) => e.id),
            status: 202,
            at: Date.now(),
            url: request.url ?? '',
            encoding: gzip ? 'gzip' : 'json',
            bytes: raw.length,
            contentType: request.headers['content-type'],
            contentEncoding: request.headers['content-encoding'],
          }
          receipts.push(receipt)
          if (mode.kind === 'status') {
            receipt.status = mode.status
            const headers =
              mode.retryAfter === undefined ? {} : { 'retry-after': String(mode.retryAfter) }
            response.writeHead(mode.status, headers).end()
            return
          }
          if (events.length > maxEvents) {
            receipt.status = 413
            response.writeHead(413).end()
            return
          }
          for (const event of events) if (!stored.has(event.id)) stored.set(event.id, event)
          response.writeHead(202).end()
        })
      })
      server.listen(port, '127.0.0.1', () => {
        const address = server?.address() as AddressInfo | null
        if (address) port = address.port
        resolve()
      })
    })

  const close = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve()
      server.closeAllConnections()
      server.close(() => resolve())
      server = undefined
    })

  await listen()

  return {
    receipts,
    stored,
    /** CORS preflight requests received: the tracker's requests should need none. */
    get preflights() {
      return preflights
    },
    get url() {
      return `http://127.0.0.1:${port}/v1/events`
    },
    /** Refuses batches of more than `count` events with 413. */
    limitBatch(count: number) {
      maxEvents = count
    },
    async set(next: IntakeMode) {
      if (next.kind === 'down' && mode.kind !== 'down') await close()
      if (next.kind !== 'down' && mode.kind === 'down') await listen()
      mode = next
    },
    /** How often each id reached the intake in a request it accepted. */
    acceptedCount(id: string) {
      return receipts.filter((r) => r.status < 300 && r.ids.includes(id)).length
    },
    stop: close,
  }
}

export type Intake = Awaited<ReturnType<typeof startIntake>>
