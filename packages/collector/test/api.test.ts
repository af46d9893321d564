import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkApiAccess, isLoopback } from '../src/server/api'
import type { EventRow } from '../src/store'
import { FIXTURE, HOUR, S, S1, S2, s1, s2, s3, s4, s5, shuffled, T0 } from './fixture'
import { type Harness, postBatch, request, startCollector } from './helpers'
import { toWire } from './wire'

/**
 * The query API over a real collector (port 0) and a real store: the fixture of store.test.ts
 * goes in through `POST /v1/events`, then every route is asked over HTTP and compared with the
 * figures computed by hand in store.test.ts.
 */

const RANGE = `app=shop&from=${T0}&to=${T0 + 24 * HOUR}`
/** The same range as ISO dates. */
const ISO_RANGE = 'app=shop&from=2025-11-26T00:00:00Z&to=2025-11-27'

/** Two events of another application whose `context.plan` changes type: a key conflict. */
const blogEvent = (id: string, plan: unknown, time: number) => ({
  ...toWire(FIXTURE.find((e) => e.application_id === 'blog') as EventRow),
  id,
  time,
  context: { plan },
})

describe.each(['duckdb', 'sqlite'] as const)('query API over the %s store', (storeKind) => {
  let h: Harness
  const api = async (path: string, headers: Record<string, string> = {}) =>
    request(`${h.url}/api/${path}`, { headers })

  beforeAll(async () => {
    h = await startCollector({ storeKind })
    const events = shuffled(FIXTURE).map(toWire)
    const sent = await postBatch(h.url, events, { query: 'dropped=3' })
    expect(sent.status, sent.text).toBe(200)
    expect(sent.json.accepted).toBe(FIXTURE.length)
    const blog = await postBatch(h.url, [
      blogEvent('blog-1', 'free', T0 + HOUR),
      blogEvent('blog-2', 7, T0 + 2 * HOUR),
    ])
    expect(blog.json.conflicts).toHaveLength(1)
  })

  afterAll(async () => {
    await h?.stop()
  })

  it('answers the overview per bucket, empty buckets included', async () => {
    const reply = await api(`overview?${RANGE}&bucket=6h`)
    expect(reply.status, reply.text).toBe(200)
    expect(reply.headers['access-control-allow-origin']).toBeUndefined()
    expect(reply.json).toEqual({
      app: 'shop',
      from: T0,
      to: T0 + 24 * HOUR,
      bucket: 6 * HOUR,
      buckets: [
        { time: T0, actions: 15, errors: 1, sessions: 4, frustrated: 3 },
        { time: T0 + 6 * HOUR, actions: 6, errors: 0, sessions: 2, frustrated: 1 },
        { time: T0 + 12 * HOUR, actions: 0, errors: 0, sessions: 0, frustrated: 0 },
        { time: T0 + 18 * HOUR, actions: 0, errors: 0, sessions: 0, frustrated: 0 },
      ],
    })
    // ISO dates give the same range; without a bucket, 24 h are cut in 15 min buckets (≤ 100).
    const iso = await api(`overview?${ISO_RANGE}`)
    expect(iso.json.from).toBe(T0)
    expect(iso.json.to).toBe(T0 + 24 * HOUR)
    expect(iso.json.bucket).toBe(15 * 60_000)
    expect(iso.json.buckets).toHaveLength(96)
  })

  it('answers top actions with percentiles and rates', async () => {
    const reply = await api(`top-actions?${RANGE}&limit=3`)
    expect(reply.status, reply.text).toBe(200)
    const want = [
      ['View product', 'click', 6, 140, 225, 362.5, 0, 2 / 6],
      ['/', 'navigation', 4, 950, 1025, 1085, 0, 0],
      ['Add to cart', 'click', 4, 250, 350, 470, 0.25, 0.25],
    ] as const
    expect(reply.json.actions).toHaveLength(3)
    want.forEach(([name, type, count, p50, p75, p95, errorRate, frustrationRate], i) => {
      const got = reply.json.actions[i]
      expect(got).toMatchObject({ name, type, count })
      for (const [key, value] of Object.entries({ p50, p75, p95, errorRate, frustrationRate }))
        expect(got[key], `${name} ${key}`).toBeCloseTo(value, 6)
    })
  })

  it('answers distributions by type, page, browser and context key', async () => {
    const byType = await api(`distribution?${RANGE}&by=type`)
    expect(byType.json).toMatchObject({ by: 'type' })
    expect(byType.json.values).toEqual([
      { value: 'click', count: 10, sessions: 5 },
      { value: 'navigation', count: 9, sessions: 5 },
      { value: 'form', count: 2, sessions: 2 },
    ])
    expect((await api(`distribution?${RANGE}&by=route`)).json.values).toEqual([
      { value: '/', count: 12, sessions: 5 },
      { value: '/products/:id', count: 5, sessions: 2 },
      { value: '/checkout', count: 4, sessions: 3 },
    ])
    // Parsed from the sender's user agent (a Chrome on a Mac).
    expect((await api(`distribution?${RANGE}&by=browser`)).json.values).toEqual([
      { value: 'Chrome', count: 21, sessions: 5 },
    ])
    expect((await api(`distribution?${RANGE}&by=device`)).json.values).toEqual([
      { value: 'desktop', count: 21, sessions: 5 },
    ])
    expect((await api(`distribution?${RANGE}&by=context.plan`)).json.values).toEqual([
      { value: null, count: 20, sessions: 5 },
      { value: 'pro', count: 1, sessions: 1 },
    ]) // One action's breakdown: the adds by page (as in store.test.ts).
    const adds = await api(
      `distribution?${RANGE}&by=route&name=${encodeURIComponent('Add to cart')}`,
    )
    expect(adds.status, adds.text).toBe(200)
    expect(adds.json).toMatchObject({ by: 'route', name: 'Add to cart' })
    expect(adds.json.values).toEqual([
      { value: '/', count: 2, sessions: 2 },
      { value: '/products/:id', count: 2, sessions: 2 },
    ])
    expect((await api(`distribution?${RANGE}&by=browser&name=Nothing`)).json.values).toEqual([])
  })

  it('answers funnels given as a list or as repeated steps', async () => {
    const steps = encodeURIComponent('action:View product,action:Add to cart,route:/checkout')
    const reply = await api(`funnel?${RANGE}&steps=${steps}&window=1h`)
    expect(reply.status, reply.text).toBe(200)
    expect(reply.json).toMatchObject({ app: 'shop', window: HOUR })
    expect(reply.json.steps).toEqual([
      { step: { kind: 'action', value: 'View product' }, sessions: 5, conversion: 1, dropOff: 0 },
      { step: { kind: 'action', value: 'Add to cart' }, sessions: 2, conversion: 0.4, dropOff: 3 },
      { step: { kind: 'route', value: '/checkout' }, sessions: 2, conversion: 0.4, dropOff: 0 },
    ])
    const repeated = await api(`funnel?${RANGE}&step=route:/&step=route:/checkout&window=3h`)
    expect(repeated.json.steps.map((s: { sessions: number }) => s.sessions)).toEqual([4, 2])
    expect(repeated.json.segments).toBeUndefined()
  })

  it('answers a funnel split by a segment, with the whole funnel', async () => {
    const steps = encodeURIComponent('action:View product,action:Add to cart,route:/checkout')
    const reply = await api(`funnel?${RANGE}&steps=${steps}&window=1h&segment=context.variant`)
    expect(reply.status, reply.text).toBe(200)
    expect(reply.json).toMatchObject({ app: 'shop', window: HOUR, segment: 'context.variant' })
    expect(reply.json.steps.map((s: { sessions: number }) => s.sessions)).toEqual([5, 2, 2])
    // As in store.test.ts: b (S2, S3, S4), a (S1), none (S5).
    const sessions = (segments: { segment: string | null; steps: { sessions: number }[] }[]) =>
      segments.map((s) => [s.segment, s.steps.map((step) => step.sessions)])
    expect(sessions(reply.json.segments)).toEqual([
      ['b', [3, 1, 1]],
      ['a', [1, 1, 1]],
      [null, [1, 0, 0]],
    ])
    expect(reply.json.segments[0].steps[1]).toEqual({
      step: { kind: 'action', value: 'Add to cart' },
      sessions: 1,
      conversion: 1 / 3,
      dropOff: 2,
    })
    // The browser parsed from the sender's user agent: one segment; `limit` caps the segments.
    const byBrowser = await api(`funnel?${RANGE}&steps=${steps}&segment=browser`)
    expect(sessions(byBrowser.json.segments)).toEqual([['Chrome', [5, 2, 2]]])
    const one = await api(`funnel?${RANGE}&steps=${steps}&segment=context.variant&limit=1`)
    expect(sessions(one.json.segments)).toEqual([['b', [3, 1, 1]]])
  })

  it('answers flows of actions and of pages', async () => {
    expect((await api(`flows?${RANGE}&kind=action&limit=2`)).json).toMatchObject({
      kind: 'action',
      edges: [
        { from: 'View product', to: 'Add to cart', count: 3 },
        { from: 'Add to cart', to: 'Place order', count: 1 },
      ],
    })
    expect((await api(`flows?${RANGE}&kind=route`)).json.edges).toEqual([
      { from: '/', to: '/products/:id', count: 2 },
      { from: '/', to: '/checkout', count: 1 },
      { from: '/products/:id', to: '/checkout', count: 1 },
    ])
  })

  it('answers timing', async () => {
    expect((await api(`timing?${RANGE}`)).json).toEqual({
      app: 'shop',
      from: T0,
      to: T0 + 24 * HOUR,
      betweenActions: { count: 16, p50: 10_000, p75: 10_000 },
      timeOnPage: { count: 4, p50: 25_000, p75: 1_825_000 },
      timeToFirstInteraction: { count: 6, p50: 10_000, p75: 10_000 },
    })
  })

  it('answers frustration by element and by page', async () => {
    const reply = await api(`frustration?${RANGE}`)
    expect(
      reply.json.byElement.map((e: { name: string; frustrated: number }) => [e.name, e.frustrated]),
    ).toEqual([
      ['View product', 2],
      ['Add to cart', 1],
      ['Newsletter', 1],
    ])
    expect(reply.json.byPage).toEqual([
      { page: '/', actions: 12, frustrated: 2, rage: 0, dead: 1, error: 0, abandon: 1 },
      { page: '/products/:id', actions: 5, frustrated: 2, rage: 1, dead: 0, error: 1, abandon: 0 },
    ])
  })

  it('lists sessions and gives one session timeline', async () => {
    const list = await api(`sessions?${RANGE}&limit=10`)
    expect(list.json.sessions.map((s: { sessionId: string }) => s.sessionId)).toEqual([
      's5',
      's4',
      's3',
      's2',
      's1',
    ])
    expect(list.json.sessions[4]).toEqual({
      sessionId: 's1',
      userId: 'u-1',
      firstTime: s1,
      lastTime: s1 + 50 * S,
      actions: 6,
      errors: 0,
    })
    expect(list.json.sessions.map((s: { firstTime: number }) => s.firstTime)).toEqual([
      s5,
      s4,
      s3,
      s2,
      s1,
    ])

    const timeline = await api('sessions/s2?app=shop')
    expect(timeline.status, timeline.text).toBe(200)
    expect(timeline.json.sessionId).toBe('s2')
    expect(timeline.json.events.map((e: { id: string }) => e.id)).toEqual(S2.map((e) => e.id))
    expect(timeline.json.events[2]).toMatchObject({ type: 'error', error_message: 'cart is down' })
    // Not limited to a time range; contexts come back as JSON.
    const s1Timeline = await api('sessions/s1?app=shop')
    expect(s1Timeline.json.events).toHaveLength(S1.length + 2)
    expect(s1Timeline.json.events.find((e: { id: string }) => e.id === S1[3]?.id)).toMatchObject({
      context: { plan: 'pro' },
      action_context: { sku: '7' },
      user: { id: 'u-1' },
    })
    const missing = await api('sessions/nope?app=shop')
    expect(missing.status).toBe(404)
    expect(missing.json.error).toMatch(/no session "nope"/)
  })

  it('answers key-type conflicts and dropped counts', async () => {
    const conflicts = await api('key-conflicts?app=blog')
    expect(conflicts.status).toBe(200)
    expect(conflicts.json.conflicts).toEqual([
      expect.objectContaining({
        path: 'context.plan',
        expected: 'string',
        got: 'number',
        count: 1,
        exampleEventId: 'blog-2',
      }),
    ])
    expect(conflicts.json.types).toMatchObject({ 'context.plan': 'string' })
    expect((await api('key-conflicts?app=shop')).json.conflicts).toEqual([])
    const dropped = await api('dropped?app=shop')
    expect(dropped.json).toMatchObject({ app: 'shop', total: 3, reports: 1 })
    expect((await api('dropped?app=blog')).json).toMatchObject({ total: 0, reports: 0 })
  })

  it('refuses bad parameters with 400 naming the parameter', async () => {
    const cases: [string, RegExp][] = [
      ['overview', /^app: required/],
      [`overview?${RANGE}&app=blog`, /^app: given 2 times/],
      [
        'overview?app=shop&from=yesterday',
        /^from: expected epoch milliseconds or an ISO 8601 date/,
      ],
      ['overview?app=shop&to=2025-13-45', /^to: expected epoch/],
      [`overview?app=shop&from=${T0}&to=${T0}`, /^from: must be before to/],
      [`overview?${RANGE}&bucket=soon`, /^bucket: expected a duration/],
      [`overview?${RANGE}&bucket=1m`, /^bucket: 1m makes 1440 buckets/],
      [`top-actions?${RANGE}&limit=0`, /^limit: expected a whole number from 1 to 1000/],
      [`top-actions?${RANGE}&limit=ten`, /^limit: expected a whole number/],
      [`distribution?${RANGE}&by=referrer`, /^by: expected type, route, browser/],
      [`distribution?${RANGE}&by=${encodeURIComponent("context.plan')--")}`, /^by: expected/],
      [`funnel?${RANGE}`, /^steps: required/],
      [
        `funnel?${RANGE}&steps=page:/x`,
        /^steps: step 1 must be action:<action name> or route:<route>/,
      ],
      [`funnel?${RANGE}&steps=action:A&window=later`, /^window: expected a duration/],
      [`funnel?${RANGE}&steps=action:A&segment=type`, /^segment: expected browser, os, device/],
      [`funnel?${RANGE}&steps=action:A&segment=action_context.sku`, /^segment: expected/],
      [
        `funnel?${RANGE}&steps=action:A&segment=${encodeURIComponent("user.plan')--")}`,
        /^segment: expected/,
      ],
      [`flows?${RANGE}&kind=page`, /^kind: expected action or route, got "page"/],
      ['sessions/s1', /^app: required/],
      ['key-conflicts', /^app: required/],
      ['dropped?app=', /^app: required/],
    ]
    for (const [path, message] of cases) {
      const reply = await api(path)
      expect(reply.status, path).toBe(400)
      expect(reply.json.error, path).toMatch(message)
    }
    expect((await api('nothing-here?app=shop')).status).toBe(404)
    const post = await request(`${h.url}/api/overview?app=shop`, { method: 'POST', body: '{}' })
    expect(post.status).toBe(405)
    expect(post.headers.allow).toBe('GET')
  })

  it('is same-origin only: no CORS headers, cross-origin requests refused', async () => {
    const host = new URL(h.url).host
    const same = await api(`dropped?app=shop`, { origin: `http://${host}` })
    expect(same.status).toBe(200)
    expect(same.headers['access-control-allow-origin']).toBeUndefined()
    // Even an origin allowed to send events may not read the API.
    const other = await api(`dropped?app=shop`, { origin: 'https://shop.example' })
    expect(other.status).toBe(403)
    expect(other.json.error).toMatch(/own origin only/)
    expect(other.headers['access-control-allow-origin']).toBeUndefined()
  })
})

describe('query API access', () => {
  let h: Harness
  const TOKEN = 'api-secret-0123456789'

  beforeAll(async () => {
    h = await startCollector({ storeKind: 'memory', apiToken: TOKEN })
  })

  afterAll(async () => {
    await h?.stop()
  })

  it('asks for the API token when one is set; a client token does not open it', async () => {
    const url = `${h.url}/api/dropped?app=shop`
    const none = await request(url)
    expect(none.status).toBe(401)
    expect(none.json.error).toMatch(/missing API token/)
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/)
    for (const wrong of ['pub-test', 'pub-shop', `${TOKEN}x`]) {
      const reply = await request(url, { headers: { authorization: `Bearer ${wrong}` } })
      expect(reply.status, wrong).toBe(401)
      expect(reply.json.error).toBe('wrong API token')
    }
    expect((await request(`${url}&token=pub-test`)).status).toBe(401)
    const right = await request(url, { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(right.status).toBe(200)
    expect(right.json).toEqual({
      app: 'shop',
      total: 0,
      reports: 0,
      firstReported: 0,
      lastReported: 0,
    })
  })

  it('serves loopback clients only when no API token is set', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])
      expect(isLoopback(address), address).toBe(true)
    for (const address of ['10.0.0.2', '192.168.1.5', '::ffff:10.0.0.2', 'fe80::1', '', undefined])
      expect(isLoopback(address), String(address)).toBe(false)
    expect(checkApiAccess(undefined, undefined, '127.0.0.1')).toEqual({ ok: true })
    expect(checkApiAccess(undefined, 'Bearer pub-test', '10.0.0.2')).toMatchObject({
      ok: false,
      status: 403,
      message: expect.stringMatching(/loopback/),
    })
    // With a token, the address does not matter: the token does.
    expect(checkApiAccess('t0ken-t0ken-t0ken', 'Bearer t0ken-t0ken-t0ken', '10.0.0.2')).toEqual({
      ok: true,
    })
    expect(checkApiAccess('t0ken-t0ken-t0ken', undefined, '127.0.0.1')).toMatchObject({
      ok: false,
      status: 401,
    })
  })
})
