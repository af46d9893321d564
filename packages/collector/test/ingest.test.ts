import { gzipSync } from 'node:zlib'
import type { TrackerEvent } from '@actiontrail/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  actionEvent,
  errorEvent,
  type Harness,
  postBatch,
  request,
  SAFARI_IPHONE,
  startCollector,
  T0,
} from './helpers'

// Ingest over real HTTP (127.0.0.1, port 0) into each real embedded store.
describe.each(['sqlite', 'duckdb'] as const)('over %s', (kind) => {
  let h: Harness
  beforeAll(async () => {
    h = await startCollector({ storeKind: kind })
  })
  afterAll(() => h.stop())

  const session = (() => {
    let n = 0
    return () => `s-${++n}-${Math.random().toString(36).slice(2, 8)}`
  })()

  describe('POST /v1/events: valid batches', () => {
    it('stores a batch as the SDK sends it (text/plain, token in the query) and answers 200', async () => {
      const s = session()
      const click = actionEvent({
        session: { id: s },
        user: { id: 'u-42', plan: 'pro' },
        context: { plan: 'pro' },
        action: { context: { sku: '7' }, frustration: ['rage', 'error'] },
      })
      const nav = actionEvent({
        session: { id: s },
        time: T0 + 1000,
        view: { url: 'https://shop.example/checkout', path: '/checkout', referrer: '' },
        action: {
          type: 'navigation',
          name: '/checkout',
          start: T0 + 1000,
          navigation: {
            from: 'https://shop.example/cart',
            to: 'https://shop.example/checkout',
            method: 'push',
            trigger: click.action.id,
          },
        },
      })
      const error = errorEvent({ session: { id: s }, action: { id: click.action.id } })

      const reply = await postBatch(h.url, [click, nav, error])
      expect(reply.status).toBe(200)
      expect(reply.json).toEqual({
        accepted: 3,
        duplicates: 0,
        rejected: [],
        conflicts: [],
        warnings: [],
      })

      const rows = await h.rows(s)
      expect(rows.map((r) => r.id)).toEqual([click.id, error.id, nav.id])
      const [clickRow, errorRow, navRow] = rows
      expect(clickRow).toMatchObject({
        type: 'action',
        time: T0,
        application_id: 'shop',
        session_id: s,
        user_id: 'u-42',
        view_url: 'https://shop.example/cart',
        view_path: '/cart',
        view_route: '/cart',
        view_referrer: '',
        browser: 'Chrome',
        os: 'Mac OS',
        device: 'desktop',
        action_id: click.action.id,
        action_type: 'click',
        action_name: 'Add to cart',
        name_source: 'content',
        action_start: T0,
        duration: 312,
        complete_reason: 'completed',
        target_tag: 'button',
        target_selector: '#product-7 > button.add',
        requests: 1,
        resources: 1,
        mutations: 14,
        errors: 0,
        long_tasks: 0,
        rage: true,
        dead: false,
        error_signal: true,
        abandon: false,
        error_message: null,
      })
      expect(JSON.parse(clickRow?.context ?? '')).toEqual({ plan: 'pro' })
      expect(JSON.parse(clickRow?.action_context ?? '')).toEqual({ sku: '7' })
      expect(JSON.parse(clickRow?.user ?? '')).toEqual({ id: 'u-42', plan: 'pro' })
      expect(navRow).toMatchObject({
        view_route: null,
        nav_from: 'https://shop.example/cart',
        nav_to: 'https://shop.example/checkout',
        nav_method: 'push',
        nav_trigger: click.action.id,
      })
      expect(errorRow).toMatchObject({
        type: 'error',
        action_id: null,
        error_message: 'cart is undefined',
        error_type: 'TypeError',
        error_source: 'error',
        error_action_id: click.action.id,
        rage: false,
      })
      expect(clickRow?.received_at).toBeGreaterThan(Date.now() - 60_000)
    })

    it('takes application/json and gzip bodies, and parses the user agent', async () => {
      const s = session()
      const event = actionEvent({ session: { id: s } })
      const reply = await postBatch(h.url, [event], {
        gzip: true,
        headers: { 'content-type': 'application/json', 'user-agent': SAFARI_IPHONE },
      })
      expect(reply.status).toBe(200)
      expect(reply.json.accepted).toBe(1)
      const [row] = await h.rows(s)
      expect(row).toMatchObject({ browser: 'Mobile Safari', os: 'iOS', device: 'mobile' })
    })

    it('takes the token from an Authorization header too, and an empty batch', async () => {
      const reply = await postBatch(h.url, [], {
        token: null,
        headers: { authorization: 'Bearer pub-test' },
      })
      expect(reply.status).toBe(200)
      expect(reply.json).toMatchObject({ accepted: 0, duplicates: 0, rejected: [] })
    })

    it('turns dots in context, action context and user keys into underscores, at every depth', async () => {
      const s = session()
      const event = actionEvent({
        session: { id: s },
        user: { id: 'u-1', 'org.name': 'ACME' },
        context: { 'app.version': '1.2', nested: { 'a.b': [{ 'c.d': 1 }] }, a_b: 1, 'a.b': 2 },
        action: { context: { 'cart.total': 12.5 } },
      })
      expect((await postBatch(h.url, [event])).status).toBe(200)
      const [row] = await h.rows(s)
      expect(JSON.parse(row?.context ?? '')).toEqual({
        app_version: '1.2',
        nested: { a_b: [{ c_d: 1 }] },
        a_b: 1,
        a_b_2: 2,
      })
      expect(JSON.parse(row?.action_context ?? '')).toEqual({ cart_total: 12.5 })
      expect(JSON.parse(row?.user ?? '')).toEqual({ id: 'u-1', org_name: 'ACME' })
    })

    it('stores a batch sent twice once, and says so', async () => {
      const s = session()
      const batch = [actionEvent({ session: { id: s } }), errorEvent({ session: { id: s } })]
      const first = await postBatch(h.url, batch)
      const second = await postBatch(h.url, batch)
      expect(first.json).toMatchObject({ accepted: 2, duplicates: 0 })
      expect(second.status).toBe(200)
      expect(second.json).toMatchObject({ accepted: 0, duplicates: 2 })
      // The same event twice in one batch, too.
      const event = actionEvent({ session: { id: s } })
      const third = await postBatch(h.url, [event, event])
      expect(third.json).toMatchObject({ accepted: 1, duplicates: 1 })
      expect(await h.rows(s)).toHaveLength(3)
    })

    it('records dropped=N per application only with a 2xx answer', async () => {
      const app = `app-dropped-${session()}`
      const event = actionEvent({ application: { id: app } })
      expect((await postBatch(h.url, [event], { query: 'dropped=7' })).status).toBe(200)
      expect(h.collector.dropped.get(app)).toMatchObject({ total: 7, reports: 1 })
      // A refused batch (400) carries the same count again later: not counted now.
      await postBatch(h.url, [{ nope: true }], { query: 'dropped=7' })
      expect(h.collector.dropped.get(app).total).toBe(7)
      const bad = await postBatch(h.url, [actionEvent({ application: { id: app } })], {
        query: 'dropped=lots',
      })
      expect(bad.status).toBe(200)
      expect(bad.json.warnings).toEqual([
        'dropped: expected a non-negative integer, got "lots"; ignored',
      ])
    })
  })

  describe('POST /v1/events: bad input is answered precisely, nothing valid is lost', () => {
    it('rejects wrong types and missing fields with the field path (400 when nothing is valid)', async () => {
      const event = actionEvent() as unknown as Record<string, Record<string, unknown>>
      const wrong = structuredClone(event)
      ;(wrong.action as Record<string, unknown>).duration = '12'
      ;(wrong.action as Record<string, unknown>).counts = { requests: 1.5, resources: -1 }
      wrong.time = 'yesterday' as never
      const missing = structuredClone(event)
      delete missing.session
      delete (missing.view as Record<string, unknown>).url
      delete (missing.action as Record<string, unknown>).name
      const reply = await postBatch(h.url, [wrong, missing, 'hello', { ...event, type: 'click' }])
      expect(reply.status).toBe(400)
      expect(reply.json).toEqual({
        error: 'every event was rejected',
        accepted: 0,
        duplicates: 0,
        rejected: [
          {
            index: 0,
            errors: [
              'events[0].time: expected a non-negative number, got "yesterday"',
              'events[0].action.duration: expected a non-negative number, got "12"',
              'events[0].action.counts.requests: expected a non-negative integer, got 1.5',
              'events[0].action.counts.resources: expected a non-negative integer, got -1',
              'events[0].action.counts.mutations: expected a non-negative integer, but it is missing',
              'events[0].action.counts.errors: expected a non-negative integer, but it is missing',
              'events[0].action.counts.long_tasks: expected a non-negative integer, but it is missing',
            ],
          },
          {
            index: 1,
            errors: [
              'events[1].session: expected an object, but it is missing',
              'events[1].view.url: expected a string, but it is missing',
              'events[1].action.name: expected a string, but it is missing',
            ],
          },
          { index: 2, errors: ['events[2]: expected an event object, got "hello"'] },
          { index: 3, errors: ['events[3].type: expected one of "action", "error", got "click"'] },
        ],
        conflicts: [],
        warnings: [],
      })
    })

    it('keeps every valid event of a mixed batch and lists the others (202)', async () => {
      const s = session()
      const good1 = actionEvent({ session: { id: s } })
      const good2 = errorEvent({ session: { id: s } })
      const bad = actionEvent({ session: { id: s }, action: { complete_reason: 'bored' as never } })
      const badError = { ...errorEvent({ session: { id: s } }), error: { message: 42 } }
      const reply = await postBatch(h.url, [good1, bad, good2, badError])
      expect(reply.status).toBe(202)
      expect(reply.json).toMatchObject({ accepted: 2, duplicates: 0 })
      expect(reply.json.rejected).toEqual([
        {
          index: 1,
          errors: [
            'events[1].action.complete_reason: expected one of "completed", "completed_by_api", "interrupted_by_api", "interrupted_by_navigation", "interrupted_by_interaction", "no_activity", "page_hide", "timeout", got "bored"',
          ],
        },
        {
          index: 3,
          errors: [
            'events[3].error.message: expected a string, got 42',
            'events[3].error.type: expected a string, but it is missing',
            'events[3].error.source: expected one of "error", "unhandledrejection", but it is missing',
          ],
        },
      ])
      expect((await h.rows(s)).map((r) => r.id).sort()).toEqual([good1.id, good2.id].sort())
    })

    it('stores why a router gave a navigation up, and rejects an unknown reason', async () => {
      const s = session()
      const navigation = (failure: string) =>
        actionEvent({
          session: { id: s },
          action: {
            type: 'navigation',
            navigation: { from: '/', to: '/admin', method: 'push', failure: failure as never },
          },
        })
      const aborted = navigation('aborted')
      const reply = await postBatch(h.url, [aborted, navigation('lost')])
      expect(reply.status).toBe(202)
      expect(reply.json.rejected).toEqual([
        {
          index: 1,
          errors: [
            'events[1].action.navigation.failure: expected one of "aborted", "cancelled", "error", got "lost"',
          ],
        },
      ])
      expect(await h.rows(s)).toMatchObject([{ id: aborted.id, nav_failure: 'aborted' }])
    })

    it('enforces string length limits per field', async () => {
      const long = 'x'.repeat(9000)
      const reply = await postBatch(h.url, [
        actionEvent({ view: { url: long, path: '/', referrer: '' } }),
        actionEvent({ context: { note: long } }),
      ])
      expect(reply.status).toBe(400)
      expect(reply.json.rejected.map((r: { errors: string[] }) => r.errors)).toEqual([
        ['events[0].view.url: expected a string of at most 8192 characters, got 9000 characters'],
        [
          'events[1].context.note: expected a string of at most 8192 characters, got 9000 characters',
        ],
      ])
    })

    it('answers malformed JSON and a body that is not an array with 400', async () => {
      const malformed = await postBatch(h.url, '[{"type": "action",')
      expect(malformed.status).toBe(400)
      expect(malformed.json.error).toMatch(/^malformed JSON: /)
      const empty = await postBatch(h.url, '')
      expect(empty.json).toEqual({ error: 'malformed JSON: the body is empty' })
      const object = await postBatch(h.url, actionEvent())
      expect(object.status).toBe(400)
      expect(object.json).toEqual({ error: 'events: expected an array of events, got an object' })
    })

    it('answers a broken gzip body with 400 and an unknown encoding with 415', async () => {
      const broken = await postBatch(h.url, '[]', { headers: { 'content-encoding': 'gzip' } })
      expect(broken.status).toBe(400)
      expect(broken.json.error).toMatch(/^body is not valid gzip data: /)
      const zstd = await postBatch(h.url, '[]', { headers: { 'content-encoding': 'zstd' } })
      expect(zstd.status).toBe(415)
      const form = await postBatch(h.url, '[]', {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
      expect(form.status).toBe(415)
      expect(form.json.error).toContain('send the JSON array as application/json or text/plain')
    })

    it('answers bad and missing tokens with 401 naming the problem', async () => {
      const missing = await postBatch(h.url, [actionEvent()], { token: null })
      expect(missing.status).toBe(401)
      expect(missing.json.error).toMatch(/^missing client token: add \?token=<client token>/)
      const unknown = await postBatch(h.url, [actionEvent()], { token: 'stolen' })
      expect(unknown.status).toBe(401)
      expect(unknown.json).toEqual({ error: 'unknown client token' })
    })

    it('refuses events of another application for a token bound to one', async () => {
      const s = session()
      const mine = actionEvent({ session: { id: s } })
      const theirs = actionEvent({ session: { id: s }, application: { id: 'admin' } })
      const reply = await postBatch(h.url, [mine, theirs], { token: 'pub-shop' })
      expect(reply.status).toBe(202)
      expect(reply.json.rejected).toEqual([
        {
          index: 1,
          errors: [
            'events[1].application.id: this client token is for application "shop", got "admin"',
          ],
        },
      ])
      expect((await h.rows(s)).map((r) => r.id)).toEqual([mine.id])
    })

    it('refuses an unknown origin with 403 and no CORS headers, and allows a listed one', async () => {
      const s = session()
      const refused = await postBatch(h.url, [actionEvent({ session: { id: s } })], {
        headers: { origin: 'https://evil.example' },
      })
      expect(refused.status).toBe(403)
      expect(refused.json).toEqual({
        error: 'origin https://evil.example is not allowed to send events to this collector',
      })
      expect(refused.headers['access-control-allow-origin']).toBeUndefined()
      expect(await h.rows(s)).toEqual([])

      const allowed = await postBatch(h.url, [actionEvent({ session: { id: s } })], {
        headers: { origin: 'https://shop.example' },
      })
      expect(allowed.status).toBe(200)
      expect(allowed.headers['access-control-allow-origin']).toBe('https://shop.example')
      expect(allowed.headers['access-control-expose-headers']).toBe('retry-after')
      expect(allowed.headers.vary).toBe('Origin')
      // Errors carry the CORS headers too, so the page's script can read them.
      const unauthorized = await postBatch(h.url, [], {
        token: 'nope',
        headers: { origin: 'https://shop.example' },
      })
      expect(unauthorized.status).toBe(401)
      expect(unauthorized.headers['access-control-allow-origin']).toBe('https://shop.example')
    })

    it('answers preflight requests', async () => {
      const ok = await request(`${h.url}/v1/events`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://shop.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, content-encoding',
        },
      })
      expect(ok.status).toBe(204)
      expect(ok.headers).toMatchObject({
        'access-control-allow-origin': 'https://shop.example',
        'access-control-allow-methods': 'POST, OPTIONS',
        'access-control-allow-headers': expect.stringContaining('content-encoding'),
        'access-control-max-age': '86400',
      })
      const refused = await request(`${h.url}/v1/logs`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      })
      expect(refused.status).toBe(403)
      expect(refused.headers['access-control-allow-origin']).toBeUndefined()
    })

    it('answers other methods and paths precisely', async () => {
      const get = await request(`${h.url}/v1/events`)
      expect(get.status).toBe(405)
      expect(get.headers.allow).toBe('POST, OPTIONS')
      expect((await request(`${h.url}/nowhere`)).json).toEqual({ error: 'nothing at GET /nowhere' })
      // The query API is routed (its own tests are in api.test.ts): no app, no answer.
      expect((await request(`${h.url}/api/top-actions`)).status).toBe(400)
      expect((await request(`${h.url}/api/nowhere`)).status).toBe(404)
    })

    it('answers /healthz', async () => {
      const health = await request(`${h.url}/healthz`)
      expect(health.status).toBe(200)
      expect(health.json).toEqual({ status: 'ok' })
    })

    it('reports key-type conflicts, keeping the values as they came', async () => {
      const app = `app-types-${session()}`
      const s = session()
      const first = actionEvent({
        application: { id: app },
        session: { id: s },
        context: { plan: 'pro', seats: 3, 'billing.period': 'month' },
        user: { id: 'u-1', age: 41 },
      })
      const second = actionEvent({
        application: { id: app },
        session: { id: s },
        time: T0 + 10,
        context: { plan: 2, seats: 4, 'billing.period': { months: 1 } },
        user: { id: 'u-2', age: 'forty' },
      })
      expect((await postBatch(h.url, [first])).json.conflicts).toEqual([])
      const reply = await postBatch(h.url, [second])
      expect(reply.status).toBe(200)
      expect(reply.json.conflicts).toEqual([
        { index: 0, path: 'context.plan', expected: 'string', got: 'number' },
        { index: 0, path: 'context.billing_period', expected: 'string', got: 'object' },
        { index: 0, path: 'user.age', expected: 'number', got: 'string' },
      ])
      const rows = await h.rows(s, app)
      expect(JSON.parse(rows[1]?.context ?? '')).toEqual({
        plan: 2,
        seats: 4,
        billing_period: { months: 1 },
      })
      const conflicts = h.collector.keyTypes.conflicts(app)
      expect(conflicts.map((c) => [c.path, c.expected, c.got, c.count, c.example])).toEqual(
        expect.arrayContaining([
          ['context.plan', 'string', 'number', 1, '2'],
          ['context.billing_period', 'string', 'object', 1, 'an object'],
          ['user.age', 'number', 'string', 1, '"forty"'],
        ]),
      )
      expect(conflicts[0]?.exampleEventId).toBe(second.id)
      expect(h.collector.keyTypes.types(app)).toMatchObject({
        'context.plan': 'string',
        'context.seats': 'number',
        'context.billing_period': 'string',
        'user.id': 'string',
        'user.age': 'number',
      })
    })

    it('stores a batch built from the @actiontrail/core wire types', async () => {
      const s = session()
      // Field for field what the SDK's toActionEvent / toErrorEvent produce (DESIGN.md §5).
      const batch: TrackerEvent[] = [
        {
          type: 'action',
          id: '0b9f3c9e-6c55-4a3b-9d2f-0b1a2c3d4e5f',
          time: 1764115200000,
          application: { id: 'shop' },
          session: { id: s },
          view: { url: 'https://shop.example/cart', path: '/cart', route: '/cart', referrer: '' },
          user: { id: 'u-42' },
          context: { plan: 'pro' },
          action: {
            id: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
            type: 'click',
            name: 'Add to cart',
            name_source: 'content',
            start: 1764115200000,
            duration: 312,
            complete_reason: 'completed',
            target: {
              tag: 'button',
              selector: '#product-7 > button.add',
              position: { x: 12, y: 8 },
            },
            counts: { requests: 1, resources: 1, mutations: 14, errors: 0, long_tasks: 0 },
            frustration: [],
            context: { sku: '7' },
          },
        },
        {
          type: 'action',
          id: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
          time: 1764115201000,
          application: { id: 'shop' },
          session: { id: s },
          view: { url: 'https://shop.example/cart', path: '/cart', referrer: '' },
          action: {
            id: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a',
            type: 'form',
            name: 'Coupon',
            start: 1764115201000,
            complete_reason: 'page_hide',
            counts: { requests: 0, resources: 0, mutations: 0, errors: 0, long_tasks: 0 },
            frustration: ['abandon'],
            form: { name: 'coupon', interaction: 'abandon' },
          },
        },
        {
          type: 'error',
          id: '3e4f5a6b-7c8d-4e9f-0a1b-2c3d4e5f6a7b',
          time: 1764115200100,
          application: { id: 'shop' },
          session: { id: s },
          view: { url: 'https://shop.example/cart', path: '/cart', route: '/cart', referrer: '' },
          error: {
            message: 'x is not a function',
            type: 'TypeError',
            source: 'unhandledrejection',
          },
          action: { id: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f' },
        },
      ]
      const reply = await postBatch(h.url, batch, { headers: { origin: 'https://shop.example' } })
      expect(reply.status).toBe(200)
      expect(reply.json.accepted).toBe(3)
      const rows = await h.rows(s)
      expect(rows.map((r) => [r.type, r.action_type, r.duration, r.abandon, r.form_name])).toEqual([
        ['action', 'click', 312, false, null],
        ['error', null, null, false, null],
        ['action', 'form', null, true, 'coupon'],
      ])
    })
  })

  describe('limits', () => {
    let small: Harness
    beforeAll(async () => {
      small = await startCollector({
        storeKind: kind,
        limits: { maxBodyBytes: 4096, maxEventsPerBatch: 5 },
        rateLimit: { eventsPerSecond: 4, burst: 4 },
      })
    })
    afterAll(() => small.stop())

    it('answers a body over the limit with 413, and the connection still gives the answer', async () => {
      const events = Array.from({ length: 5 }, () =>
        actionEvent({ context: { padding: 'p'.repeat(1000) } }),
      )
      const reply = await postBatch(small.url, events)
      expect(reply.status).toBe(413)
      expect(reply.json).toEqual({
        error: 'request body is larger than the limit of 4 KiB; send smaller batches',
      })
    })

    it('answers a gzip body that inflates past the limit with 413', async () => {
      const bomb = gzipSync(`[${' '.repeat(200_000)}]`)
      expect(bomb.length).toBeLessThan(4096)
      const raw = await request(`${small.url}/v1/events?token=pub-test`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'content-encoding': 'gzip' },
        body: bomb,
      })
      expect(raw.status).toBe(413)
      expect(raw.json.error).toBe(
        'decompressed body is larger than the limit of 4 KiB; send smaller batches',
      )
    })

    it('answers too many events in one batch with 413, so the SDK splits it', async () => {
      const events = Array.from({ length: 6 }, () => ({}))
      const reply = await postBatch(small.url, events)
      expect(reply.status).toBe(413)
      expect(reply.json.error).toBe(
        'events: a batch may hold at most 5 events, got 6; send them in smaller batches',
      )
    })

    it('rate-limits a flood per token with 429 and Retry-After, then accepts after waiting', async () => {
      const s = session()
      const batch = () => [1, 2, 3, 4].map(() => actionEvent({ session: { id: s } }))
      const first = await postBatch(small.url, batch())
      expect(first.status).toBe(200)
      const flood = await postBatch(small.url, batch(), {
        headers: { origin: 'https://shop.example' },
      })
      expect(flood.status).toBe(429)
      expect(flood.headers['retry-after']).toBe('1')
      expect(flood.headers['access-control-expose-headers']).toBe('retry-after')
      expect(flood.json.error).toBe('rate limit of this client token reached; retry in 1 s')
      // Another token has its own bucket.
      expect(
        (await postBatch(small.url, [actionEvent({ session: { id: s } })], { token: 'pub-shop' }))
          .status,
      ).toBe(200)

      await new Promise((resolve) =>
        setTimeout(resolve, Number(flood.headers['retry-after']) * 1000 + 50),
      )
      const later = await postBatch(small.url, batch())
      expect(later.status).toBe(200)
      expect(later.json.accepted).toBe(4)
      expect(await small.rows(s)).toHaveLength(9)
    })
  })
})
