import { mkdtempSync, rmSync } from 'node:fs'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { ActionEvent, TrackerErrorEvent } from '@actiontrail/core'
import {
  type CollectorServer,
  type CollectorServerOptions,
  createCollectorServer,
} from '../src/server/index'
import { createStore } from '../src/store/index'
import type { EventRow, EventStore } from '../src/store/types'
import { MemoryStore } from './memoryStore'

export const CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
export const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'

export interface Reply {
  status: number
  headers: IncomingHttpHeaders
  text: string
  // biome-ignore lint/suspicious/noExplicitAny: test answers are read field by field
  json: any
}

/** One HTTP request on a fresh connection (no pooling), with full control of the headers. */
export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let json: unknown
          try {
            json = text ? JSON.parse(text) : undefined
          } catch {
            json = undefined
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json })
        })
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

/** POSTs a batch the way the SDK does: JSON text as text/plain, the token in the query. */
export function postBatch(
  base: string,
  body: unknown,
  options: {
    token?: string | null
    query?: string
    headers?: Record<string, string>
    gzip?: boolean
    path?: string
  } = {},
): Promise<Reply> {
  const token = options.token === undefined ? 'pub-test' : options.token
  const params = new URLSearchParams()
  if (token !== null) params.set('token', token)
  const query = [params.toString(), options.query].filter(Boolean).join('&')
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  return request(`${base}${options.path ?? '/v1/events'}${query ? `?${query}` : ''}`, {
    method: 'POST',
    headers: {
      'content-type': 'text/plain;charset=UTF-8',
      'user-agent': CHROME_MAC,
      ...(options.gzip && { 'content-encoding': 'gzip' }),
      ...options.headers,
    },
    body: options.gzip ? gzipSync(text) : text,
  })
}

let counter = 0
const uid = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${(++counter).toString(36).padStart(4, '0')}`

export const T0 = Date.UTC(2025, 10, 26, 12)

/** A complete action event in the SDK's wire format (ActionEvent of @actiontrail/core). */
export function actionEvent(
  overrides: Partial<Omit<ActionEvent, 'action'>> & {
    action?: Partial<ActionEvent['action']>
  } = {},
): ActionEvent {
  const { action, ...rest } = overrides
  const start = rest.time ?? T0
  return {
    type: 'action',
    id: uid('ev'),
    time: start,
    application: { id: 'shop' },
    session: { id: 'session-1' },
    view: { url: 'https://shop.example/cart', path: '/cart', route: '/cart', referrer: '' },
    ...rest,
    action: {
      id: uid('act'),
      type: 'click',
      name: 'Add to cart',
      name_source: 'content',
      start,
      duration: 312,
      complete_reason: 'completed',
      target: { tag: 'button', selector: '#product-7 > button.add' },
      counts: { requests: 1, resources: 1, mutations: 14, errors: 0, long_tasks: 0 },
      frustration: [],
      ...action,
    },
  }
}

export function errorEvent(overrides: Partial<TrackerErrorEvent> = {}): TrackerErrorEvent {
  return {
    type: 'error',
    id: uid('ev'),
    time: T0 + 50,
    application: { id: 'shop' },
    session: { id: 'session-1' },
    view: { url: 'https://shop.example/cart', path: '/cart', referrer: '' },
    error: {
      message: 'cart is undefined',
      type: 'TypeError',
      stack: 'TypeError: cart is undefined\n    at add (cart.js:1:1)',
      source: 'error',
    },
    ...overrides,
  }
}

export interface Harness {
  collector: CollectorServer
  store: EventStore
  url: string
  dataDir: string
  /** Every stored row of a session, in time order. */
  rows(sessionId?: string, applicationId?: string): Promise<EventRow[]>
  stop(): Promise<void>
}

/**
 * A collector listening on 127.0.0.1, port 0, over the real SQLite store in a fresh temporary
 * folder (or the given store: a wrapper, or `'memory'`).
 */
export async function startCollector(
  options: Partial<CollectorServerOptions> & {
    storeKind?: 'sqlite' | 'duckdb' | 'memory'
    wrap?: (store: EventStore) => EventStore
  } = {},
): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'actiontrail-collector-'))
  const { storeKind = 'sqlite', wrap, ...serverOptions } = options
  const base =
    options.store ??
    (storeKind === 'memory' ? new MemoryStore() : await createStore(storeKind, dataDir))
  const store = wrap ? wrap(base) : base
  const collector = await createCollectorServer({
    dataDir,
    tokens: 'pub-test,pub-shop:shop',
    allowedOrigins: ['https://shop.example'],
    ...serverOptions,
    store,
  })
  const { url } = await collector.listen(0, '127.0.0.1')
  let stopped = false
  return {
    collector,
    store,
    url,
    dataDir,
    rows: (sessionId = 'session-1', applicationId = 'shop') =>
      base.sessionTimeline(applicationId, sessionId),
    async stop() {
      if (stopped) return
      stopped = true
      await collector.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
