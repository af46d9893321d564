import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStore, type EventRow, type EventStore, percentile, type Step } from '../src/store'

/**
 * One fixture, every expectation computed by hand from it (see the comments), checked against
 * both embedded stores. Times are offsets from T0; the scope is [T0, T0 + 1 day).
 */
const T0 = Date.UTC(2025, 10, 26)
const DAY = 24 * 3600_000
const HOUR = 3600_000
const S = 1000
const scope = { applicationId: 'shop', from: T0, to: T0 + DAY }

let counter = 0
const nextId = (prefix: string) => `${prefix}-${String(++counter).padStart(3, '0')}`

function base(session: string, time: number, path: string, route: string | null): EventRow {
  return {
    id: nextId('e'),
    type: 'action',
    time,
    application_id: 'shop',
    session_id: session,
    user_id: null,
    view_url: `https://shop.example${path}`,
    view_path: path,
    view_route: route,
    view_referrer: '',
    browser: 'Chrome',
    os: 'Linux',
    device: 'desktop',
    action_id: null,
    action_type: null,
    action_name: null,
    name_source: null,
    action_start: null,
    duration: null,
    complete_reason: null,
    interrupted_by: null,
    target_tag: null,
    target_selector: null,
    requests: null,
    resources: null,
    mutations: null,
    errors: null,
    long_tasks: null,
    rage: false,
    dead: false,
    error_signal: false,
    abandon: false,
    nav_from: null,
    nav_to: null,
    nav_method: null,
    nav_trigger: null,
    form_name: null,
    form_interaction: null,
    error_message: null,
    error_type: null,
    error_stack: null,
    error_source: null,
    error_action_id: null,
    context: null,
    action_context: null,
    user: null,
    received_at: time + 1000,
  }
}

type Extra = Partial<EventRow>

function action(
  session: string,
  time: number,
  type: string,
  name: string,
  duration: number | null,
  page: [string, string | null],
  extra: Extra = {},
): EventRow {
  return {
    ...base(session, time, page[0], page[1]),
    action_id: nextId('a'),
    action_type: type,
    action_name: name,
    name_source: type === 'navigation' ? null : 'content',
    action_start: time,
    duration,
    complete_reason: 'completed',
    requests: 0,
    resources: 0,
    mutations: 3,
    errors: 0,
    long_tasks: 0,
    ...extra,
  }
}

const HOME: [string, string | null] = ['/', '/']
const PRODUCT7: [string, string | null] = ['/products/7', '/products/:id']
const PRODUCT3: [string, string | null] = ['/products/3', '/products/:id']
const CHECKOUT: [string, string | null] = ['/checkout', '/checkout']
/** A page seen without a route pattern: route steps fall back to the path. */
const CHECKOUT_NO_ROUTE: [string, string | null] = ['/checkout', null]

const nav = (s: string, t: number, page: [string, string | null], d: number | null, x?: Extra) =>
  action(s, t, 'navigation', page[1] ?? page[0], d, page, {
    nav_from: 'https://shop.example/',
    nav_to: `https://shop.example${page[0]}`,
    nav_method: 'push',
    ...x,
  })
const click = (
  s: string,
  t: number,
  name: string,
  d: number | null,
  page: [string, string | null],
  x?: Extra,
) => action(s, t, 'click', name, d, page, { target_tag: 'button', target_selector: 'button', ...x })
const form = (
  s: string,
  t: number,
  name: string,
  d: number | null,
  page: [string, string | null],
  x?: Extra,
) => action(s, t, 'form', name, d, page, { form_name: name, form_interaction: 'submit', ...x })

// S1: the whole way, in order (t = 1 h).
const s1 = T0 + HOUR
const S1 = [
  nav('s1', s1, HOME, 800, { nav_method: 'load' }),
  click('s1', s1 + 10 * S, 'View product', 100, HOME),
  nav('s1', s1 + 20 * S, PRODUCT7, 1200),
  click('s1', s1 + 30 * S, 'Add to cart', 300, PRODUCT7, {
    user_id: 'u-1',
    context: '{"plan":"pro"}',
    action_context: '{"sku":"7"}',
    user: '{"id":"u-1"}',
    requests: 1,
    resources: 1,
    mutations: 14,
    long_tasks: 1,
    interrupted_by: 'a-next',
  }),
  nav('s1', s1 + 40 * S, CHECKOUT, 600),
  form('s1', s1 + 50 * S, 'Place order', 500, CHECKOUT),
]
// S2: adds to cart before viewing the product; the add fails (error counted, error signal).
const s2 = T0 + 2 * HOUR
const s2AddToCart = click('s2', s2 + 10 * S, 'Add to cart', 200, PRODUCT3, {
  errors: 1,
  error_signal: true,
})
const s2Error: EventRow = {
  ...base('s2', s2 + 10 * S + 50, '/products/3', '/products/:id'),
  type: 'error',
  error_message: 'cart is down',
  error_type: 'TypeError',
  error_stack: 'TypeError: cart is down\n    at add (cart.js:1:1)',
  error_source: 'error',
  error_action_id: s2AddToCart.action_id,
}
const S2 = [
  nav('s2', s2, HOME, 900, { nav_method: 'load' }),
  s2AddToCart,
  s2Error,
  click('s2', s2 + 20 * S, 'View product', 150, PRODUCT3, { rage: true }),
  nav('s2', s2 + 30 * S, PRODUCT3, 1300),
]
// S3: the add to cart comes 2 h after viewing the product: outside a 1 h window.
const s3 = T0 + 3 * HOUR
const S3 = [
  nav('s3', s3, HOME, 1000),
  click('s3', s3 + 5 * S, 'View product', 400, HOME),
  click('s3', s3 + 2 * HOUR, 'Add to cart', 500, HOME),
  nav('s3', s3 + 2 * HOUR + 10 * S, CHECKOUT_NO_ROUTE, null),
]
// S4: a first start goes nowhere within the window, a second start 3 h later goes all the way.
const s4 = T0 + 4 * HOUR
const S4 = [
  click('s4', s4, 'View product', 120, HOME, { dead: true }),
  click('s4', s4 + 3 * HOUR, 'View product', 130, HOME),
  click('s4', s4 + 3 * HOUR + 10 * S, 'Add to cart', 100, HOME),
  nav('s4', s4 + 3 * HOUR + 20 * S, CHECKOUT, 700),
]
// S5: views a product, then abandons the newsletter form (no duration).
const s5 = T0 + 8 * HOUR
const S5 = [
  nav('s5', s5, HOME, 1100),
  click('s5', s5 + 5 * S, 'View product', 250, HOME),
  form('s5', s5 + 15 * S, 'Newsletter', null, HOME, {
    abandon: true,
    form_interaction: 'abandon',
    complete_reason: 'page_hide',
  }),
]
// Outside the scope: another application, just before `from`, exactly at `to` (exclusive).
const OUTSIDE = [
  { ...click('s6', T0 + HOUR + 30 * 60_000, 'View product', 90, HOME), application_id: 'blog' },
  click('s1', T0 - 1, 'Add to cart', 50, HOME),
  click('s1', T0 + DAY, 'Add to cart', 60, PRODUCT7),
]
const FIXTURE = [...S1, ...S2, ...S3, ...S4, ...S5, ...OUTSIDE]

/** Deterministic shuffle, so that the stores have to order by time themselves. */
function shuffled<T>(items: T[]): T[] {
  const out = [...items]
  let seed = 7
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    const j = seed % (i + 1)
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}

const VIEW: Step = { kind: 'action', value: 'View product' }
const ADD: Step = { kind: 'action', value: 'Add to cart' }
const HOME_ROUTE: Step = { kind: 'route', value: '/' }
const CHECKOUT_ROUTE: Step = { kind: 'route', value: '/checkout' }

describe('percentile (the definition both stores follow)', () => {
  it('interpolates linearly between the closest ranks', () => {
    expect(percentile([100, 200, 300, 400], 0.5)).toBe(250)
    expect(percentile([100, 120, 130, 150, 250, 400], 0.75)).toBe(225)
    expect(percentile([600], 0.95)).toBe(600)
    expect(percentile([], 0.5)).toBeNull()
  })
})

describe.each(['sqlite', 'duckdb'] as const)('%s store', (kind) => {
  let dir: string
  let store: EventStore

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `actiontrail-${kind}-`))
    store = await createStore(kind, dir)
  })

  afterAll(async () => {
    await store?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('inserts new events and counts duplicates, in the store and inside a batch', async () => {
    expect(await store.insert([])).toEqual({ inserted: 0, duplicates: 0 })
    expect(await store.insert(shuffled(FIXTURE))).toEqual({
      inserted: FIXTURE.length,
      duplicates: 0,
    })
    // Two already stored, one new, the new one sent twice in the batch.
    const extra = click('s9', T0 + 20 * HOUR, 'Lonely', 10, HOME, { application_id: 'other' })
    expect(await store.insert([S1[0] as EventRow, extra, S2[1] as EventRow, extra])).toEqual({
      inserted: 1,
      duplicates: 3,
    })
    expect(await store.insert(FIXTURE)).toEqual({ inserted: 0, duplicates: FIXTURE.length })
  })

  it('ranks actions with count, percentiles, error and frustration rates', async () => {
    const top = await store.topActions(scope, 10)
    expect(top.map((a) => [a.name, a.type, a.count])).toEqual([
      ['View product', 'click', 6],
      ['/', 'navigation', 4],
      ['Add to cart', 'click', 4],
      ['/checkout', 'navigation', 3],
      ['/products/:id', 'navigation', 2],
      ['Newsletter', 'form', 1],
      ['Place order', 'form', 1],
    ])
    const byName = Object.fromEntries(top.map((a) => [a.name, a]))
    const expectAction = (
      name: string,
      [p50, p75, p95]: (number | null)[],
      errorRate: number,
      frustrationRate: number,
    ) => {
      const a = byName[name]
      expect(a, name).toBeDefined()
      for (const [got, want] of [
        [a?.p50, p50],
        [a?.p75, p75],
        [a?.p95, p95],
      ] as const) {
        if (want === null) expect(got, name).toBeNull()
        else expect(got, name).toBeCloseTo(want as number, 6)
      }
      expect(a?.errorRate, name).toBeCloseTo(errorRate, 10)
      expect(a?.frustrationRate, name).toBeCloseTo(frustrationRate, 10)
    }
    // 100 120 130 150 250 400: h = 5p → 2.5: 130 + .5·20; 3.75: 150 + .75·100; 4.75: 250 + .75·150.
    // Rage (S2) and dead (S4) clicks: 2 of 6 frustrated.
    expectAction('View product', [140, 225, 362.5], 0, 2 / 6)
    // 800 900 1000 1100: h = 1.5, 2.25, 2.85.
    expectAction('/', [950, 1025, 1085], 0, 0)
    // 100 200 300 500; S2's add erred and carries the error signal.
    expectAction('Add to cart', [250, 350, 470], 0.25, 0.25)
    // 600, 700 and one without a duration (left out of the percentiles, counted).
    expectAction('/checkout', [650, 675, 695], 0, 0)
    expectAction('/products/:id', [1250, 1275, 1295], 0, 0)
    expectAction('Place order', [500, 500, 500], 0, 0)
    // No duration at all; abandoned.
    expectAction('Newsletter', [null, null, null], 0, 1)

    const top3 = await store.topActions(scope, 3)
    expect(top3.map((a) => a.name)).toEqual(['View product', '/', 'Add to cart'])
    expect(await store.topActions({ ...scope, applicationId: 'nobody' }, 10)).toEqual([])
  })

  it('counts funnel steps in order, within the window, with drop-off', async () => {
    // S1 goes through; S2 adds before viewing; S3 adds 2 h later; S4's second start goes
    // through; S5 stops after viewing.
    expect(await store.funnel(scope, [VIEW, ADD, CHECKOUT_ROUTE], HOUR)).toEqual([
      { step: VIEW, sessions: 5, conversion: 1, dropOff: 0 },
      { step: ADD, sessions: 2, conversion: 0.4, dropOff: 3 },
      { step: CHECKOUT_ROUTE, sessions: 2, conversion: 0.4, dropOff: 0 },
    ])
    // Within 3 h S3 reaches /checkout by its path (no route); S4 never loads /.
    expect(await store.funnel(scope, [HOME_ROUTE, CHECKOUT_ROUTE], 3 * HOUR)).toEqual([
      { step: HOME_ROUTE, sessions: 4, conversion: 1, dropOff: 0 },
      { step: CHECKOUT_ROUTE, sessions: 2, conversion: 0.5, dropOff: 2 },
    ])
    expect(await store.funnel(scope, [HOME_ROUTE, CHECKOUT_ROUTE], HOUR)).toEqual([
      { step: HOME_ROUTE, sessions: 4, conversion: 1, dropOff: 0 },
      { step: CHECKOUT_ROUTE, sessions: 1, conversion: 0.25, dropOff: 3 },
    ])
    // One event cannot be two steps: only S4 views twice, 3 h apart.
    expect((await store.funnel(scope, [VIEW, VIEW], HOUR)).map((s) => s.sessions)).toEqual([5, 0])
    expect((await store.funnel(scope, [VIEW, VIEW], 3 * HOUR)).map((s) => s.sessions)).toEqual([
      5, 1,
    ])
    // The window is inclusive: S4's second view is exactly 3 h after the first.
    expect((await store.funnel(scope, [VIEW, VIEW], 3 * HOUR - 1)).map((s) => s.sessions)).toEqual([
      5, 0,
    ])
    expect(await store.funnel(scope, [], HOUR)).toEqual([])
    expect(await store.funnel({ ...scope, applicationId: 'nobody' }, [VIEW, ADD], HOUR)).toEqual([
      { step: VIEW, sessions: 0, conversion: 0, dropOff: 0 },
      { step: ADD, sessions: 0, conversion: 0, dropOff: 0 },
    ])
  })

  it('counts what follows what, for actions and for pages', async () => {
    expect(await store.flows(scope, 'action', 10)).toEqual([
      { from: 'View product', to: 'Add to cart', count: 3 },
      { from: 'Add to cart', to: 'Place order', count: 1 },
      { from: 'Add to cart', to: 'View product', count: 1 },
      { from: 'View product', to: 'Newsletter', count: 1 },
      { from: 'View product', to: 'View product', count: 1 },
    ])
    expect(await store.flows(scope, 'route', 10)).toEqual([
      { from: '/', to: '/products/:id', count: 2 },
      { from: '/', to: '/checkout', count: 1 },
      { from: '/products/:id', to: '/checkout', count: 1 },
    ])
    expect(await store.flows(scope, 'action', 2)).toHaveLength(2)
  })

  it('gives a session timeline in time order, every column as inserted', async () => {
    const timeline = await store.sessionTimeline('shop', 's2')
    expect(timeline.map((e) => e.id)).toEqual(S2.map((e) => e.id))
    expect(timeline).toEqual(S2)
    // S1 also has the two events outside the scope: a timeline is not scoped in time.
    const s1Timeline = await store.sessionTimeline('shop', 's1')
    expect(s1Timeline.map((e) => e.time)).toEqual(
      [T0 - 1, ...S1.map((e) => e.time), T0 + DAY].sort((a, b) => a - b),
    )
    expect(s1Timeline.find((e) => e.id === S1[3]?.id)).toEqual(S1[3])
    expect(await store.sessionTimeline('blog', 's1')).toEqual([])
  })

  it('deletes what was received before a time, and keeps the rest', async () => {
    const other = mkdtempSync(join(tmpdir(), `actiontrail-${kind}-retention-`))
    try {
      const retained = await createStore(kind, other)
      await retained.insert(FIXTURE)
      // Received before T0 + 2 h: the event before T0, S1's six, the blog event (T0 + 1.5 h).
      expect(await retained.deleteBefore(T0 + 2 * HOUR)).toBe(8)
      expect(await retained.deleteBefore(T0 + 2 * HOUR)).toBe(0)
      expect((await retained.sessionTimeline('shop', 's1')).map((e) => e.time)).toEqual([T0 + DAY])
      expect(await retained.sessionTimeline('shop', 's2')).toEqual(S2)
      // A deleted id is new again.
      expect(await retained.insert([S1[0] as EventRow])).toEqual({ inserted: 1, duplicates: 0 })
      await retained.close()
    } finally {
      rmSync(other, { recursive: true, force: true })
    }
  })

  it('counts batches sent at the same time as if sent one after the other', async () => {
    const other = mkdtempSync(join(tmpdir(), `actiontrail-${kind}-concurrent-`))
    try {
      const concurrent = await createStore(kind, other)
      const [a, b, c, d] = S1 as [EventRow, EventRow, EventRow, EventRow]
      await concurrent.insert([a])
      expect(
        await Promise.all([
          concurrent.insert([b, c]),
          concurrent.insert([c, d]),
          concurrent.insert([a, d, b]),
          concurrent.insert([]),
        ]),
      ).toEqual([
        { inserted: 2, duplicates: 0 },
        { inserted: 1, duplicates: 1 },
        { inserted: 0, duplicates: 3 },
        { inserted: 0, duplicates: 0 },
      ])
      expect((await concurrent.sessionTimeline('shop', 's1')).map((e) => e.id)).toEqual(
        [a, b, c, d].map((e) => e.id),
      )
      await concurrent.close()
    } finally {
      rmSync(other, { recursive: true, force: true })
    }
  })

  it('takes a bulk insert larger than one commit, duplicates anywhere in it', async () => {
    const other = mkdtempSync(join(tmpdir(), `actiontrail-${kind}-bulk-`))
    try {
      const bulk = await createStore(kind, other)
      const stored = S2[0] as EventRow
      await bulk.insert([stored])
      const many = Array.from({ length: 45_000 }, (_, i) => ({
        ...stored,
        id: `bulk-${i}`,
        session_id: `bulk-${i % 100}`,
        time: T0 + i,
      }))
      // A repeat inside the batch, and an id stored before near the end (past 40,960 rows).
      const batch = [...many.slice(0, 44_000), many[5] as EventRow, stored, ...many.slice(44_000)]
      expect(await bulk.insert(batch)).toEqual({ inserted: 45_000, duplicates: 2 })
      expect(await bulk.sessionTimeline('shop', 'bulk-7')).toHaveLength(450)
      await bulk.close()
    } finally {
      rmSync(other, { recursive: true, force: true })
    }
  })

  it('keeps what was inserted across a close and reopen', async () => {
    const other = mkdtempSync(join(tmpdir(), `actiontrail-${kind}-reopen-`))
    try {
      const first = await createStore(kind, other)
      await first.insert(S2)
      await first.close()
      await first.close()
      const second = await createStore(kind, other)
      expect(await second.sessionTimeline('shop', 's2')).toEqual(S2)
      expect(await second.insert(S2)).toEqual({ inserted: 0, duplicates: S2.length })
      await second.close()
    } finally {
      rmSync(other, { recursive: true, force: true })
    }
  })
})
