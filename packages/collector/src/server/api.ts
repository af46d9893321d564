import type { IncomingMessage, ServerResponse } from 'node:http'
import type { DroppedRecord } from '../ingest/dropped'
import type { KeyTypeRegistry } from '../ingest/keyTypes'
import type { EventStore } from '../store/types'
import { sendJson } from './http'

/** What the query API reads from. */
export interface ApiContext {
  store: EventStore
  keyTypes: KeyTypeRegistry
  dropped: DroppedRecord
}

/** One `/api/` route: a method, a path below `/api/` (`top-actions`) and its handler. */
export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  path: string
  handle(
    context: ApiContext,
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
  ): Promise<void>
}

/**
 * The query API's routes (`GET /api/top-actions`, funnels, flows, timelines, key-type conflicts,
 * dropped counts, alerts). None yet: this is where they go. The server sends every `/api/`
 * request here; the answers are JSON.
 */
export const apiRoutes: ApiRoute[] = []

export async function handleApi(
  context: ApiContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const path = url.pathname.slice('/api/'.length)
  const matches = apiRoutes.filter((route) => route.path === path)
  const route = matches.find((r) => r.method === request.method)
  if (route) return route.handle(context, request, response, url)
  if (matches.length)
    return sendJson(
      response,
      405,
      { error: `${request.method} is not allowed on ${url.pathname}` },
      { allow: matches.map((r) => r.method).join(', ') },
    )
  sendJson(response, 404, { error: `no API route ${request.method} ${url.pathname}` })
}
