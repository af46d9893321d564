import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type AlertOptions, AlertService } from '../alerts/service'
import { DroppedRecord } from '../ingest/dropped'
import { KeyTypeRegistry } from '../ingest/keyTypes'
import { otlpToEvents } from '../ingest/otlp'
import { type IncomingEvent, storeEvents } from '../ingest/pipeline'
import { DEFAULT_LIMITS, type IngestLimits, validateBatch } from '../ingest/validate'
import type { SharedRecords } from '../store/clickhouse/records'
import type { EventStore } from '../store/types'
import { handleApi } from './api'
import { parseTokens, TokenAuth, type TokenRule } from './auth'
import { corsHeaders, OriginPolicy, preflightHeaders } from './cors'
import { decodeBody, HttpError, mediaType, parseJson, readBody, sendJson } from './http'
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from './rateLimit'
import { serveDashboard } from './static'

export interface CollectorServerOptions {
  /** Where accepted events go. `close()` closes it too, unless `closeStore` is false. */
  store: EventStore
  /**
   * Folder for the collector's side records (`key-types.json`, `dropped.json`). Without one
   * they live in memory only.
   */
  dataDir?: string
  /**
   * Side records shared with other collectors (the ClickHouse store's, `createSharedRecords`):
   * key types, dropped counts, alert rules and their history go there instead of `dataDir`, and
   * each alert round is evaluated by one collector.
   */
  shared?: SharedRecords
  /**
   * Client tokens: `"pub1,pub2:shop"` or a list of entries or rules. An entry `token:appId`
   * only accepts events of that application. None (the default): any request is accepted.
   */
  tokens?: string | readonly (string | TokenRule)[]
  /**
   * Origins whose pages may send events: `['https://shop.example']`, `['*']` (the default) or
   * `https://*.shop.example`; a comma-separated string works too. A request with an `Origin`
   * header not in the list is refused with 403; a request without one (a server, curl) is let
   * through to the token check.
   */
  allowedOrigins?: string | readonly string[]
  /** Body, batch, string and nesting limits; see `DEFAULT_LIMITS`. */
  limits?: Partial<IngestLimits>
  /**
   * Token of the query API (`/api/`): requests must send `Authorization: Bearer <apiToken>`.
   * Client tokens never open the API. Without one, the API answers loopback clients only.
   */
  apiToken?: string
  /** Per-token rate limit in events; `false` turns it off. Default 1000 events/s, burst 10 000. */
  rateLimit?: Partial<RateLimitOptions> | false
  /**
   * Keep events this many ms after they were received; older ones are deleted at start and
   * then every `retentionIntervalMs` (default one hour). Default: kept for ever.
   */
  retentionMs?: number
  retentionIntervalMs?: number
  /** Whether `close()` closes the store. Default `true`. */
  closeStore?: boolean
  /** Longest `close()` waits for requests in progress before cutting them. Default 10 s. */
  shutdownTimeoutMs?: number
  /** Where problems (a failed insert, a failed side-record write) are reported. */
  log?: (message: string) => void
  /** Clock, for tests. */
  now?: () => number
  /** Alert evaluation: interval (default 60 s), webhook timeout and retries, public URL. */
  alerts?: Omit<AlertOptions, 'store' | 'dataDir' | 'log' | 'now'>
}

export interface ListenResult {
  host: string
  port: number
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  url: string
}

export interface CollectorServer {
  /** The underlying `node:http` server. */
  readonly server: Server
  readonly store: EventStore
  /** Per-application metadata key types and their conflicts. */
  readonly keyTypes: KeyTypeRegistry
  /** Per-application counts of events the SDKs reported as dropped (`dropped=N`). */
  readonly dropped: DroppedRecord
  /** Alert rules and their evaluator (started by `listen`, stopped by `close`). */
  readonly alerts: AlertService
  /** Starts listening (port 0 picks a free port). Default host `127.0.0.1`. */
  listen(port?: number, host?: string): Promise<ListenResult>
  /**
   * Graceful shutdown: stops accepting connections, answers 503 to requests that still arrive
   * on open connections, lets the requests in progress finish (their events are stored before
   * their answer), writes the side records and closes the store. Safe to call more than once.
   */
  close(): Promise<void>
  /** The request listener, to mount the collector in another `node:http` server. */
  handle(request: IncomingMessage, response: ServerResponse): void
}

/** gRPC status codes, for OTLP error bodies (`google.rpc.Status`). */
const GRPC_CODE: Record<number, number> = {
  400: 3,
  401: 16,
  403: 7,
  404: 5,
  405: 12,
  413: 8,
  415: 3,
  429: 8,
  500: 13,
  503: 14,
}

type Dialect = 'events' | 'otlp'

const INGEST_PATHS: Record<string, Dialect> = { '/v1/events': 'events', '/v1/logs': 'otlp' }

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

/** The client token: `?token=`, else `Authorization: Bearer`, else `X-Actiontrail-Token`. */
function tokenOf(request: IncomingMessage, url: URL): string | undefined {
  const query = url.searchParams.get('token')
  if (query !== null) return query
  const authorization = firstHeader(request.headers.authorization)
  const bearer = authorization && /^Bearer\s+(.+)$/i.exec(authorization.trim())
  if (bearer) return bearer[1]
  return firstHeader(request.headers['x-actiontrail-token'])
}

/** Creates the collector's HTTP server (not listening yet: call `listen`). */
export async function createCollectorServer(
  options: CollectorServerOptions,
): Promise<CollectorServer> {
  const { store } = options
  const log = options.log ?? (() => {})
  const now = options.now ?? Date.now
  const limits: IngestLimits = { ...DEFAULT_LIMITS, ...options.limits }
  const origins = new OriginPolicy(
    typeof options.allowedOrigins === 'string'
      ? options.allowedOrigins
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : (options.allowedOrigins ?? ['*']),
  )
  const tokenSpec = options.tokens ?? []
  const auth = new TokenAuth(
    typeof tokenSpec === 'string'
      ? parseTokens(tokenSpec)
      : tokenSpec.flatMap((t) => (typeof t === 'string' ? parseTokens(t) : [t])),
  )
  const limiter =
    options.rateLimit === false
      ? undefined
      : new RateLimiter({ ...DEFAULT_RATE_LIMIT, ...options.rateLimit }, now)
  const shared = options.shared
  const keyTypes = await KeyTypeRegistry.open({
    ...(options.dataDir !== undefined && { dataDir: options.dataDir }),
    ...(shared && { shared: shared.keyTypes }),
    warn: log,
  })
  const dropped = await DroppedRecord.open(options.dataDir, log, shared?.dropped)
  const alerts = await AlertService.open({
    ...options.alerts,
    store,
    ...(options.dataDir !== undefined && { dataDir: options.dataDir }),
    ...(shared && { shared: shared.alerts }),
    log,
    now,
  })

  let closing = false
  const inFlight = new Set<Promise<void>>()

  /** Writes the answer; while closing, asks the client not to reuse the connection. */
  const answer = (
    response: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    sendJson(response, status, body, closing ? { ...headers, connection: 'close' } : headers)
  }

  const fail = (
    response: ServerResponse,
    dialect: Dialect,
    error: HttpError,
    headers: Record<string, string>,
  ) => {
    const all = { ...headers, ...error.headers }
    if (error.closeConnection) all.connection = 'close'
    const body =
      dialect === 'otlp'
        ? { code: GRPC_CODE[error.status] ?? 2, message: error.message }
        : { error: error.message }
    answer(response, error.status, body, all)
  }

  async function ingest(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    dialect: Dialect,
    cors: Record<string, string>,
  ): Promise<void> {
    const authResult = auth.check(tokenOf(request, url))
    if (!authResult.ok) throw new HttpError(401, authResult.message)
    const bucketKey = authResult.token
    const precheck = limiter?.check(bucketKey)
    if (precheck && !precheck.ok) throw rateLimited(precheck.retryAfter)

    const type = mediaType(request)
    const types = dialect === 'otlp' ? ['application/json'] : ['application/json', 'text/plain']
    if (type !== '' && !types.includes(type))
      throw new HttpError(
        415,
        dialect === 'otlp'
          ? `Content-Type "${type}" is not supported: this collector takes OTLP/HTTP JSON (application/json), not protobuf`
          : `Content-Type "${type}" is not supported: send the JSON array as application/json or text/plain`,
      )
    const raw = await readBody(request, limits.maxBodyBytes)
    const body = parseJson(
      await decodeBody(raw, firstHeader(request.headers['content-encoding']), limits.maxBodyBytes),
    )
    const receivedAt = now()
    const userAgent = firstHeader(request.headers['user-agent'])
    const validateOptions = {
      limits,
      ...(authResult.applicationId !== undefined && { applicationId: authResult.applicationId }),
    }

    let incoming: IncomingEvent[]
    let rejected: { index: number; errors: string[]; path?: string }[]
    let total: number
    if (dialect === 'otlp') {
      const check = otlpToEvents(body, validateOptions)
      if (!check.ok) throw new HttpError(check.status, check.message)
      incoming = check.valid.map((v) => ({
        index: v.index,
        event: v.event,
        userAgent: v.userAgent ?? userAgent,
      }))
      rejected = check.rejected
      total = check.total
    } else {
      const check = validateBatch(body, validateOptions)
      if (!check.ok) throw new HttpError(check.status, check.message)
      incoming = check.valid.map((v) => ({ index: v.index, event: v.event, userAgent }))
      rejected = check.rejected
      total = incoming.length + rejected.length
    }

    const taken = limiter?.take(bucketKey, total)
    if (taken && !taken.ok) throw rateLimited(taken.retryAfter)

    const warnings: string[] = []
    const droppedParam = url.searchParams.get('dropped')
    let droppedCount = 0
    if (droppedParam !== null) {
      if (/^\d{1,9}$/.test(droppedParam)) droppedCount = Number(droppedParam)
      else
        warnings.push(
          `dropped: expected a non-negative integer, got ${JSON.stringify(droppedParam)}; ignored`,
        )
    }

    if (incoming.length === 0 && rejected.length > 0) {
      const message = `every ${dialect === 'otlp' ? 'log record' : 'event'} was rejected`
      if (dialect === 'otlp')
        return answer(
          response,
          400,
          { code: 3, message: `${message}: ${summarize(rejected)}` },
          cors,
        )
      return answer(
        response,
        400,
        { error: message, accepted: 0, duplicates: 0, rejected, conflicts: [], warnings },
        cors,
      )
    }

    let stored: Awaited<ReturnType<typeof storeEvents>>
    try {
      stored = await storeEvents(store, keyTypes, incoming, receivedAt)
    } catch (error) {
      log(`store: insert of ${incoming.length} events failed: ${(error as Error).message}`)
      throw new HttpError(503, 'the events could not be stored; retry later', {
        'retry-after': '5',
      })
    }

    const application = authResult.applicationId ?? incoming[0]?.event.application.id
    if (droppedCount > 0 && application !== undefined)
      dropped.add(application, droppedCount, receivedAt)
    await Promise.all([keyTypes.save(), dropped.save()]).catch((error: Error) =>
      log(`side records: write failed: ${error.message}`),
    )

    if (dialect === 'otlp') {
      const body =
        rejected.length === 0
          ? {}
          : {
              partialSuccess: {
                rejectedLogRecords: String(rejected.length),
                errorMessage: summarize(rejected),
              },
            }
      return answer(response, 200, body, cors)
    }
    answer(
      response,
      rejected.length ? 202 : 200,
      {
        accepted: stored.inserted,
        duplicates: stored.duplicates,
        rejected,
        conflicts: stored.conflicts,
        warnings,
      },
      cors,
    )
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://collector.invalid')
    const path = url.pathname
    const method = request.method ?? 'GET'
    const dialect = INGEST_PATHS[path]

    if (dialect) {
      const origin = firstHeader(request.headers.origin)
      // Refused outright rather than merely left without CORS headers: a beacon or a text/plain
      // fetch is sent without a preflight, and its events must not be stored.
      if (origin !== undefined && !origins.allows(origin))
        return fail(
          response,
          dialect,
          new HttpError(403, `origin ${origin} is not allowed to send events to this collector`),
          {},
        )
      const cors = origin !== undefined ? corsHeaders(origin) : {}
      if (method === 'OPTIONS') {
        response.writeHead(
          204,
          origin !== undefined ? preflightHeaders(origin, 'POST, OPTIONS') : {},
        )
        response.end()
        return
      }
      if (method !== 'POST')
        return fail(response, dialect, new HttpError(405, `use POST on ${path}`), {
          ...cors,
          allow: 'POST, OPTIONS',
        })
      try {
        await ingest(request, response, url, dialect, cors)
      } catch (error) {
        if (!(error instanceof HttpError)) throw error
        fail(response, dialect, error, cors)
      }
      return
    }

    if (path === '/healthz') {
      if (method !== 'GET' && method !== 'HEAD')
        return answer(response, 405, { error: 'use GET on /healthz' }, { allow: 'GET, HEAD' })
      return answer(response, closing ? 503 : 200, { status: closing ? 'shutting down' : 'ok' })
    }
    if (path.startsWith('/api/'))
      return handleApi(
        { store, keyTypes, dropped, apiToken: options.apiToken || undefined, now, alerts },
        request,
        response,
        url,
      )
    if (method === 'GET' || method === 'HEAD') return serveDashboard(request, response, path)
    answer(response, 404, { error: `nothing at ${method} ${path}` })
  }

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    if (closing) {
      answer(
        response,
        503,
        { error: 'the collector is shutting down; retry later' },
        { 'retry-after': '5' },
      )
      request.resume()
      return
    }
    const work = route(request, response)
      .catch((error: Error) => {
        log(`request ${request.method} ${request.url}: ${error.stack ?? error.message}`)
        if (!response.headersSent && !request.destroyed)
          answer(response, 500, { error: 'internal error' })
        else response.end()
      })
      .finally(() => inFlight.delete(work))
    inFlight.add(work)
  }

  const server = createServer(handle)
  // Slow-loris protection: a request must be fully received within 30 s.
  server.requestTimeout = 30_000
  server.headersTimeout = 10_000

  let retentionTimer: ReturnType<typeof setInterval> | undefined
  const retentionMs = options.retentionMs
  const applyRetention = async () => {
    if (!retentionMs) return
    try {
      const deleted = await store.deleteBefore(now() - retentionMs)
      if (deleted) log(`retention: deleted ${deleted} events older than ${retentionMs} ms`)
    } catch (error) {
      log(`retention: ${(error as Error).message}`)
    }
  }

  let closed: Promise<void> | undefined
  const close = () => {
    closed ??= (async () => {
      closing = true
      clearInterval(retentionTimer)
      const stopped = server.listening
        ? new Promise<void>((resolve) => server.close(() => resolve()))
        : Promise.resolve()
      server.closeIdleConnections()
      let timer: ReturnType<typeof setTimeout> | undefined
      await Promise.race([
        Promise.allSettled([...inFlight]),
        new Promise((resolve) => {
          timer = setTimeout(resolve, options.shutdownTimeoutMs ?? 10_000)
          timer.unref?.()
        }),
      ])
      clearTimeout(timer)
      if (inFlight.size) log(`shutdown: cut ${inFlight.size} requests still in progress`)
      server.closeAllConnections()
      await stopped
      await alerts.stop()
      await Promise.all([keyTypes.save(), dropped.save()]).catch((error: Error) =>
        log(`side records: write failed: ${error.message}`),
      )
      if (options.closeStore !== false) await store.close()
    })()
    return closed
  }

  return {
    server,
    store,
    keyTypes,
    dropped,
    alerts,
    handle,
    close,
    listen(port = 0, host = '127.0.0.1') {
      return new Promise<ListenResult>((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, host, () => {
          server.off('error', reject)
          const address = server.address() as AddressInfo
          const shown = address.address.includes(':') ? `[${address.address}]` : address.address
          if (retentionMs && !retentionTimer) {
            void applyRetention()
            retentionTimer = setInterval(applyRetention, options.retentionIntervalMs ?? 3_600_000)
            retentionTimer.unref()
          }
          const url = `http://${shown}:${address.port}`
          alerts.start(url)
          resolve({ host: address.address, port: address.port, url })
        })
      })
    },
  }
}

function rateLimited(retryAfter: number): HttpError {
  return new HttpError(429, `rate limit of this client token reached; retry in ${retryAfter} s`, {
    'retry-after': String(retryAfter),
  })
}

/** The rejected records' reasons in one line (OTLP's `errorMessage`), shortened. */
function summarize(rejected: { errors: string[] }[]): string {
  const all = rejected.flatMap((r) => r.errors)
  const shown = all.slice(0, 20).join('; ')
  return all.length > 20 ? `${shown}; and ${all.length - 20} more` : shown
}
