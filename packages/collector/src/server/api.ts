import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { alertRoutes } from '../alerts/routes'
import type { AlertService } from '../alerts/service'
import type { DroppedRecord } from '../ingest/dropped'
import type { KeyTypeRegistry } from '../ingest/keyTypes'
import { isDistributionBy, isFunnelSegmentBy } from '../store/schema'
import type { EventRow, EventStore, Scope, Step } from '../store/types'
import { parseDuration } from './config'
import { HttpError, sendJson } from './http'

/** What the query API reads from. */
export interface ApiContext {
  store: EventStore
  keyTypes: KeyTypeRegistry
  dropped: DroppedRecord
  /**
   * The token API requests must bring (`Authorization: Bearer <api token>`). Without one, the
   * API is served to loopback clients only.
   */
  apiToken?: string | undefined
  /** Clock, for the default time range. */
  now?: () => number
  /** Alert rules, their state and history (`/api/alerts`). */
  alerts?: AlertService
}

/** Path parameters of a route (`sessions/:id` → `{ id }`), decoded. */
export type RouteParams = Record<string, string>

/** One `/api/` route: a method, a path below `/api/` (`top-actions`, `sessions/:id`) and its handler. */
export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  path: string
  handle(
    context: ApiContext,
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    params: RouteParams,
  ): Promise<void>
}

// ---------------------------------------------------------------------------------------------
// Access

export type ApiAccess = { ok: true } | { ok: false; status: 401 | 403; message: string }

/** 127.0.0.0/8, ::1 and their IPv4-mapped IPv6 spelling. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || address === '::1'
}

const digest = (text: string) => createHash('sha256').update(text).digest()

/**
 * Who may read the API. With an API token: requests that bring it as `Authorization: Bearer`
 * (compared in constant time); a client token, which pages carry in public, does not open the
 * API. Without one: loopback clients only (a browser or script on the collector's machine).
 */
export function checkApiAccess(
  apiToken: string | undefined,
  authorization: string | undefined,
  remoteAddress: string | undefined,
): ApiAccess {
  if (apiToken) {
    const bearer = authorization && /^Bearer\s+(.+)$/i.exec(authorization.trim())
    if (!bearer)
      return {
        ok: false,
        status: 401,
        message: 'missing API token: send Authorization: Bearer <api token>',
      }
    if (!timingSafeEqual(digest(bearer[1] as string), digest(apiToken)))
      return { ok: false, status: 401, message: 'wrong API token' }
    return { ok: true }
  }
  if (isLoopback(remoteAddress)) return { ok: true }
  return {
    ok: false,
    status: 403,
    message:
      'the query API is served to this machine only (loopback) when the collector has no API token; start it with --api-token to query it from elsewhere',
  }
}

/**
 * Same origin only: a browser sends `Origin` on cross-origin requests; one that does not name
 * this collector's own host is refused (and no CORS header is ever sent, so no other page can
 * read an answer).
 */
function isCrossOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin
  if (origin === undefined) return false
  const host = request.headers.host
  if (!host) return true
  try {
    return new URL(origin).host !== host.toLowerCase()
  } catch {
    return true
  }
}

// ---------------------------------------------------------------------------------------------
// Parameters

const DAY_MS = 24 * 3_600_000
const MAX_BUCKETS = 1000
/** Bucket sizes picked when `bucket` is not given: the first with at most 100 buckets. */
const AUTO_BUCKETS = [60_000, 300_000, 900_000, 3_600_000, 6 * 3_600_000, DAY_MS, 7 * DAY_MS]

const bad = (message: string) => new HttpError(400, message)

/** One query parameter; a repeated one is refused (which one would count is unclear). */
function param(url: URL, name: string): string | undefined {
  const values = url.searchParams.getAll(name)
  if (values.length > 1) throw bad(`${name}: given ${values.length} times; give it once`)
  return values[0]
}

/** `app`: the application id, required. */
function appParam(url: URL): string {
  const app = param(url, 'app')
  if (app === undefined || app.trim() === '')
    throw bad('app: required, the application id (?app=shop)')
  if (app.length > 256) throw bad('app: longer than 256 characters')
  return app
}

/** Epoch ms (digits) or an ISO 8601 date (`2025-11-26`, `2025-11-26T12:00:00Z`). */
function timeParam(url: URL, name: 'from' | 'to'): number | undefined {
  const text = param(url, name)
  if (text === undefined || text === '') return undefined
  if (/^\d{1,15}$/.test(text)) return Number(text)
  const time = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN
  if (Number.isNaN(time))
    throw bad(
      `${name}: expected epoch milliseconds or an ISO 8601 date (2025-11-26T12:00:00Z), got ${JSON.stringify(text)}`,
    )
  return time
}

/** `app`, `from` and `to`: by default the 24 hours before now. */
export function scopeParam(url: URL, now: number): Scope {
  const applicationId = appParam(url)
  const to = timeParam(url, 'to') ?? now
  const from = timeParam(url, 'from') ?? to - DAY_MS
  if (from >= to) throw bad(`from: must be before to (from ${from}, to ${to})`)
  return { applicationId, from, to }
}

function intParam(url: URL, name: string, fallback: number, max: number): number {
  const text = param(url, name)
  if (text === undefined || text === '') return fallback
  const value = Number(text)
  if (!/^\d+$/.test(text) || value < 1 || value > max)
    throw bad(`${name}: expected a whole number from 1 to ${max}, got ${JSON.stringify(text)}`)
  return value
}

/** A duration: `30m`, `1h`, `2d`, `500ms`, or milliseconds as digits. */
function durationParam(url: URL, name: string): number | undefined {
  const text = param(url, name)
  if (text === undefined || text === '') return undefined
  let ms: number
  try {
    ms = /^\d+$/.test(text) ? Number(text) : parseDuration(text)
  } catch {
    ms = Number.NaN
  }
  if (!(ms >= 1) || !Number.isFinite(ms) || ms > 366 * DAY_MS)
    throw bad(
      `${name}: expected a duration like 30m, 1h or 1d (or milliseconds), got ${JSON.stringify(text)}`,
    )
  return Math.round(ms)
}

function bucketParam(url: URL, scope: Scope): number {
  const span = scope.to - scope.from
  const bucket = durationParam(url, 'bucket')
  if (bucket === undefined)
    return AUTO_BUCKETS.find((size) => span / size <= 100) ?? Math.ceil(span / 100)
  const count = Math.ceil(span / bucket)
  if (count > MAX_BUCKETS)
    throw bad(
      `bucket: ${url.searchParams.get('bucket')} makes ${count} buckets over this range; at most ${MAX_BUCKETS} (choose a larger bucket or a shorter range)`,
    )
  return bucket
}

/** `action:Add to cart,route:/checkout`, or the steps as repeated `step` parameters. */
function stepsParam(url: URL): Step[] {
  const repeated = url.searchParams.getAll('step')
  const listed = param(url, 'steps')
  if (repeated.length && listed !== undefined) throw bad('steps: give steps or step, not both')
  const name = repeated.length ? 'step' : 'steps'
  const texts = repeated.length ? repeated : listed === undefined ? [] : listed.split(',')
  if (texts.length === 0 || (texts.length === 1 && texts[0]?.trim() === ''))
    throw bad('steps: required, e.g. steps=action:Add to cart,route:/checkout')
  if (texts.length > 10) throw bad(`${name}: at most 10 steps, got ${texts.length}`)
  return texts.map((text, i) => {
    const match = /^\s*(action|route):(.+)$/.exec(text)
    if (!match || (match[2] as string).trim() === '')
      throw bad(
        `${name}: step ${i + 1} must be action:<action name> or route:<route>, got ${JSON.stringify(text)}`,
      )
    return { kind: match[1] as Step['kind'], value: (match[2] as string).trim() }
  })
}

function choiceParam<T extends string>(
  url: URL,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const text = param(url, name)
  if (text === undefined || text === '') return fallback
  if (!(choices as readonly string[]).includes(text))
    throw bad(`${name}: expected ${choices.join(' or ')}, got ${JSON.stringify(text)}`)
  return text as T
}

// ---------------------------------------------------------------------------------------------
// Routes

const scoped = (scope: Scope) => ({ app: scope.applicationId, from: scope.from, to: scope.to })

const parseJsonColumn = (text: string | null): unknown => {
  if (text === null) return null
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

/** A stored row with its JSON columns as JSON. */
const timelineEvent = (row: EventRow) => ({
  ...row,
  context: parseJsonColumn(row.context),
  action_context: parseJsonColumn(row.action_context),
  user: parseJsonColumn(row.user),
})

type Handler = (context: ApiContext, url: URL, params: RouteParams) => Promise<unknown> | unknown

const get = (path: string, answer: Handler): ApiRoute => ({
  method: 'GET',
  path,
  async handle(context, _request, response, url, params) {
    sendJson(response, 200, await answer(context, url, params))
  },
})

const nowOf = (context: ApiContext) => (context.now ?? Date.now)()

/**
 * The query API's routes. Every route takes `app` (required), `from` and `to` (epoch ms or ISO
 * dates; by default the last 24 hours); answers are JSON and echo the range they cover.
 */
export const apiRoutes: ApiRoute[] = [
  get('overview', async (context, url) => {
    const scope = scopeParam(url, nowOf(context))
    const bucket = bucketParam(url, scope)
    return { ...scoped(scope), bucket, buckets: await context.store.overview(scope, bucket) }
  }),
  get('top-actions', async (context, url) => {
    const scope = scopeParam(url, nowOf(context))
    const limit = intParam(url, 'limit', 20, 1000)
    return { ...scoped(scope), actions: await context.store.topActions(scope, limit) }
  }),
  get('distribution', async (context, url) => {
    const scope = scopeParam(url, nowOf(context))
    const by = param(url, 'by') || 'type'
    if (!isDistributionBy(by))
      throw bad(
        `by: expected type, route, browser, os, device or context.<key> (also action_context.<key>, user.<key>; key names of letters, digits and _, nested with dots), got ${JSON.stringify(by)}`,
      )
    const limit = intParam(url, 'limit', 50, 1000)
    // `name`: only the actions of that name (empty: every action).
    const name = param(url, 'name') || undefined
    const values = await context.store.distribution(scope, by, limit, name)
    return { ...scoped(scope), by, ...(name !== undefined && { name }), values }
  }),
  get('funnel', async (context, url) => {
    const scope = scopeParam(url, nowOf(context))
    const steps = stepsParam(url)
    const window = durationParam(url, 'window') ?? 3_600_000
    const answer = {
      ...scoped(scope),
      window,
      steps: await context.store.funnel(scope, steps, window),
    }
    // `segment`: one funnel per value of a dimension, read on each session's first step-1 event.
    const segment = param(url, 'segment') || undefined
    if (segment === undefined) return answer
    if (!isFunnelSegmentBy(segment))
      throw bad(
        `segment: expected browser, os, device, context.<key> or user.<key> (key names of letters, digits and _, nested with dots), got ${JSON.stringify(segment)}`,
      )
    const limit = intParam(url, 'limit', 20, 1000)
    const segments = await context.store.funnelBySegment(scope, steps, window, segment, limit)
    return { ...answer, segment, segments }
  }),
  get('flows', async (context, url) => {
    const scope = scopeParam(url, nowOf(context))
    const kind = choiceParam(url, 'kind', ['action', 'route'] as const, 'action')
    const limit = intParam(url, 'limit', 50, 1000)
    return { ...scoped(scope), kind, edges: await context.store.flows(scope, kind, limit) }
  }),
  get('timing', async (context, url) => {
    const scope = scopeParam(url, nowOf(context))
    return { ...scoped(scope), ...(await context.store.timing(scope)) }
  }),
  get('frustration', async (context, url) => {
    const scope = scopeParam(url, nowOf(context))
    const limit = intParam(url, 'limit', 50, 1000)
    return { ...scoped(scope), ...(await context.store.frustration(scope, limit)) }
  }),
  get('sessions', async (context, url) => {
    const scope = scopeParam(url, nowOf(context))
    const limit = intParam(url, 'limit', 50, 1000)
    return { ...scoped(scope), sessions: await context.store.sessions(scope, limit) }
  }),
  get('sessions/:id', async (context, url, params) => {
    const app = appParam(url)
    const sessionId = params.id as string
    const events = await context.store.sessionTimeline(app, sessionId)
    if (events.length === 0)
      throw new HttpError(
        404,
        `no session ${JSON.stringify(sessionId)} in application ${JSON.stringify(app)}`,
      )
    return { app, sessionId, events: events.map(timelineEvent) }
  }),
  get('key-conflicts', async (context, url) => {
    const app = appParam(url)
    // Shared with other collectors (ClickHouse): what they all recorded.
    await context.keyTypes.refresh()
    return {
      app,
      conflicts: context.keyTypes.conflicts(app),
      types: context.keyTypes.types(app),
      untracked: context.keyTypes.untracked(app),
    }
  }),
  get('dropped', async (context, url) => {
    const app = appParam(url)
    await context.dropped.refresh()
    return { app, ...context.dropped.get(app) }
  }),
  ...alertRoutes,
]

/** Matches `sessions/:id` against `sessions/abc`; the parameters, or undefined. */
function matchPath(pattern: string, path: string): RouteParams | undefined {
  const want = pattern.split('/')
  const got = path.split('/')
  if (want.length !== got.length) return undefined
  const params: RouteParams = {}
  for (const [i, part] of want.entries()) {
    const value = got[i] as string
    if (part.startsWith(':')) {
      if (value === '') return undefined
      try {
        params[part.slice(1)] = decodeURIComponent(value)
      } catch {
        return undefined
      }
    } else if (part !== value) return undefined
  }
  return params
}

/** Answers one `/api/` request: access, then the route, then its parameters. */
export async function handleApi(
  context: ApiContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  if (isCrossOrigin(request))
    return sendJson(response, 403, {
      error: `origin ${request.headers.origin} may not use the query API: it is served to the collector's own origin only`,
    })
  const authorization = request.headers.authorization
  const access = checkApiAccess(
    context.apiToken,
    Array.isArray(authorization) ? authorization[0] : authorization,
    request.socket.remoteAddress,
  )
  if (!access.ok)
    return sendJson(
      response,
      access.status,
      { error: access.message },
      access.status === 401 ? { 'www-authenticate': 'Bearer realm="actiontrail-api"' } : {},
    )

  const path = url.pathname.slice('/api/'.length)
  const matches = apiRoutes
    .map((route) => ({ route, params: matchPath(route.path, path) }))
    .filter((m): m is { route: ApiRoute; params: RouteParams } => m.params !== undefined)
  const match = matches.find((m) => m.route.method === request.method)
  if (match) {
    try {
      return await match.route.handle(context, request, response, url, match.params)
    } catch (error) {
      if (!(error instanceof HttpError)) throw error
      return sendJson(response, error.status, { error: error.message })
    }
  }
  if (matches.length)
    return sendJson(
      response,
      405,
      { error: `${request.method} is not allowed on ${url.pathname}` },
      { allow: matches.map((m) => m.route.method).join(', ') },
    )
  sendJson(response, 404, { error: `no API route ${request.method} ${url.pathname}` })
}
