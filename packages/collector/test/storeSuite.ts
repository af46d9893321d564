import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EventRow, EventStore, Step } from '../src/store'
import {
  click,
  DAY,
  FIXTURE,
  HOME,
  HOUR,
  S,
  S1,
  S2,
  s1,
  s2,
  s3,
  s4,
  s5,
  scope,
  shuffled,
  T0,
} from './fixture'

const VIEW: Step = { kind: 'action', value: 'View product' }
const ADD: Step = { kind: 'action', value: 'Add to cart' }
const HOME_ROUTE: Step = { kind: 'route', value: '/' }
const CHECKOUT_ROUTE: Step = { kind: 'route', value: '/checkout' }

/** A fresh, empty store; `reopen` opens another store on the same data, `dispose` deletes it. */
export interface OpenedStore {
  store: EventStore
  reopen(): Promise<EventStore>
  dispose(): Promise<void>
}

/**
 * The store conformance suite: every `EventStore` gives these answers on the fixture (figures
 * computed by hand, see fixture.ts). `open` gives a fresh, empty store each time it is called.
 */
export function describeStore(name: string, open: () => Promise<OpenedStore>): void {
  describe(`${name} store`, () => {
    let opened: OpenedStore
    let store: EventStore

    beforeAll(async () => {
      opened = await open()
      store = opened.store
    })

    afterAll(async () => {
      await store?.close()
      await opened?.dispose()
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
      expect(
        (await store.funnel(scope, [VIEW, VIEW], 3 * HOUR - 1)).map((s) => s.sessions),
      ).toEqual([5, 0])
      expect(await store.funnel(scope, [VIEW], HOUR)).toEqual([
        { step: VIEW, sessions: 5, conversion: 1, dropOff: 0 },
      ])
      expect(await store.funnel(scope, [], HOUR)).toEqual([])
      expect(await store.funnel({ ...scope, applicationId: 'nobody' }, [VIEW, ADD], HOUR)).toEqual([
        { step: VIEW, sessions: 0, conversion: 0, dropOff: 0 },
        { step: ADD, sessions: 0, conversion: 0, dropOff: 0 },
      ])
    })

    it("splits a funnel by the value on each session's first step-1 event", async () => {
      const funnel = (sessions: number[]) =>
        [VIEW, ADD, CHECKOUT_ROUTE].map((step, i) => ({
          step,
          sessions: sessions[i],
          conversion: (sessions[i] as number) / (sessions[0] as number),
          dropOff: i === 0 ? 0 : (sessions[i - 1] as number) - (sessions[i] as number),
        }))
      // Variant of the first view: b in S2, S3 and S4 (its second view, a, does not count), a in
      // S1, none in S5. Of b only S4 goes through (S2 adds before viewing, S3 2 h later); S1 does.
      const byVariant = await store.funnelBySegment(
        scope,
        [VIEW, ADD, CHECKOUT_ROUTE],
        HOUR,
        'context.variant',
        10,
      )
      expect(byVariant).toEqual([
        { segment: 'b', steps: funnel([3, 1, 1]) },
        { segment: 'a', steps: funnel([1, 1, 1]) },
        { segment: null, steps: funnel([1, 0, 0]) },
      ])
      expect(byVariant[0]?.steps.map((s) => [s.conversion, s.dropOff])).toEqual([
        [1, 0],
        [1 / 3, 2],
        [1 / 3, 0],
      ])
      // The segments add up to the whole funnel.
      const whole = await store.funnel(scope, [VIEW, ADD, CHECKOUT_ROUTE], HOUR)
      expect(whole.map((s) => s.sessions)).toEqual([5, 2, 2])
      // One browser: one segment, the whole funnel. A segment of no session at a step counts 0.
      expect(
        await store.funnelBySegment(scope, [VIEW, ADD, CHECKOUT_ROUTE], HOUR, 'browser', 10),
      ).toEqual([{ segment: 'Chrome', steps: whole }])
      // Route steps: S1, S2, S3 and S5 load /, and no navigation carries a variant.
      expect(
        await store.funnelBySegment(
          scope,
          [HOME_ROUTE, CHECKOUT_ROUTE],
          HOUR,
          'context.variant',
          10,
        ),
      ).toEqual([
        {
          segment: null,
          steps: [
            { step: HOME_ROUTE, sessions: 4, conversion: 1, dropOff: 0 },
            { step: CHECKOUT_ROUTE, sessions: 1, conversion: 0.25, dropOff: 3 },
          ],
        },
      ])
      // At most `limit` segments, the largest first; a user key nobody has.
      expect(
        (await store.funnelBySegment(scope, [VIEW, ADD], HOUR, 'context.variant', 1)).map(
          (s) => s.segment,
        ),
      ).toEqual(['b'])
      expect(await store.funnelBySegment(scope, [VIEW, ADD], HOUR, 'user.plan', 10)).toEqual([
        {
          segment: null,
          steps: [
            { step: VIEW, sessions: 5, conversion: 1, dropOff: 0 },
            { step: ADD, sessions: 2, conversion: 0.4, dropOff: 3 },
          ],
        },
      ])
      expect(await store.funnelBySegment(scope, [], HOUR, 'browser', 10)).toEqual([])
      expect(
        await store.funnelBySegment({ ...scope, applicationId: 'nobody' }, [VIEW], HOUR, 'os', 10),
      ).toEqual([])
      await expect(
        store.funnelBySegment(scope, [VIEW], HOUR, 'route' as 'browser', 10),
      ).rejects.toThrow(/unknown funnel segment/)
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

    it('counts actions, errors, sessions and frustrated actions per time bucket', async () => {
      // 6 h buckets. 0–6 h: S1 (6 actions), S2 (4 actions, 1 error), S3 (4, its last two at
      // 5 h), S4's first view (4 h, dead); frustrated: S2's add (error signal), S2's rage click,
      // S4's dead click. 6–12 h: S4's last three (7 h), S5's three (8 h, the abandoned form).
      expect(await store.overview(scope, 6 * HOUR)).toEqual([
        { time: T0, actions: 15, errors: 1, sessions: 4, frustrated: 3 },
        { time: T0 + 6 * HOUR, actions: 6, errors: 0, sessions: 2, frustrated: 1 },
        { time: T0 + 12 * HOUR, actions: 0, errors: 0, sessions: 0, frustrated: 0 },
        { time: T0 + 18 * HOUR, actions: 0, errors: 0, sessions: 0, frustrated: 0 },
      ])
      // Buckets start at `from`, not at a round time; the last one may be cut short by `to`.
      const shifted = await store.overview({ ...scope, from: s1 + 30 * S, to: s2 + 31 * S }, HOUR)
      expect(shifted).toEqual([
        // S1 from 30 s: add, checkout, place order; S2 before 30 s: load, add, error, rage click.
        { time: s1 + 30 * S, actions: 6, errors: 1, sessions: 2, frustrated: 2 },
        // S2's navigation at 30 s.
        { time: s2 + 30 * S, actions: 1, errors: 0, sessions: 1, frustrated: 0 },
      ])
    })

    it('counts actions by type, page, browser and context key', async () => {
      expect(await store.distribution(scope, 'type', 10)).toEqual([
        { value: 'click', count: 10, sessions: 5 },
        { value: 'navigation', count: 9, sessions: 5 },
        { value: 'form', count: 2, sessions: 2 },
      ])
      // '/': S1 2, S2 1, S3 3 (the add happens on /), S4 3, S5 3; /checkout: S1 2, S3 1 (no
      // route: its path), S4 1.
      expect(await store.distribution(scope, 'route', 10)).toEqual([
        { value: '/', count: 12, sessions: 5 },
        { value: '/products/:id', count: 5, sessions: 2 },
        { value: '/checkout', count: 4, sessions: 3 },
      ])
      expect(await store.distribution(scope, 'route', 1)).toHaveLength(1)
      expect(await store.distribution(scope, 'browser', 10)).toEqual([
        { value: 'Chrome', count: 21, sessions: 5 },
      ])
      expect(await store.distribution(scope, 'device', 10)).toEqual([
        { value: 'desktop', count: 21, sessions: 5 },
      ])
      // Only S1's add to cart carries a context: the others have none (null).
      expect(await store.distribution(scope, 'context.plan', 10)).toEqual([
        { value: null, count: 20, sessions: 5 },
        { value: 'pro', count: 1, sessions: 1 },
      ])
      expect(await store.distribution(scope, 'action_context.sku', 10)).toEqual([
        { value: null, count: 20, sessions: 5 },
        { value: '7', count: 1, sessions: 1 },
      ])
      expect(await store.distribution(scope, 'context.missing.deep', 10)).toEqual([
        { value: null, count: 21, sessions: 5 },
      ])
      // Only the actions of one name: S1's and S2's adds on a product page, S3's and S4's on /.
      expect(await store.distribution(scope, 'route', 10, 'Add to cart')).toEqual([
        { value: '/', count: 2, sessions: 2 },
        { value: '/products/:id', count: 2, sessions: 2 },
      ])
      expect(await store.distribution(scope, 'browser', 10, 'Add to cart')).toEqual([
        { value: 'Chrome', count: 4, sessions: 4 },
      ])
      // Views: S1, S3, S4 (twice), S5 on /; S2's on a product page. Variant b: S2, S3, S4's first;
      // a: S1, S4's second; none: S5.
      expect(await store.distribution(scope, 'route', 10, 'View product')).toEqual([
        { value: '/', count: 5, sessions: 4 },
        { value: '/products/:id', count: 1, sessions: 1 },
      ])
      expect(await store.distribution(scope, 'context.variant', 10, 'View product')).toEqual([
        { value: 'b', count: 3, sessions: 3 },
        { value: 'a', count: 2, sessions: 2 },
        { value: null, count: 1, sessions: 1 },
      ])
      // A name that is bound, not spliced; one that does not exist counts nothing.
      expect(await store.distribution(scope, 'type', 10, "Add to cart' OR '1'='1")).toEqual([])
      expect(await store.distribution({ ...scope, to: T0 }, 'type', 10, 'Add to cart')).toEqual([])
      await expect(
        store.distribution(scope, "context.plan') --" as 'context.plan', 10),
      ).rejects.toThrow(/unknown distribution dimension/)
    })

    it('reads context values of every JSON type the same way in every engine', async () => {
      const other = await open()
      try {
        const json = other.store
        const at = (i: number, context: string | null, user: string | null = null) => ({
          ...click('j', T0 + i * S, 'Pick', 10, HOME),
          context,
          user,
        })
        await json.insert([
          at(1, '{"vip":true,"cart":{"size":2}}', '{"plan":"team"}'),
          at(2, '{"vip":false,"cart":{"size":2.5}}'),
          at(3, '{"vip":true,"cart":{"size":null},"tags":["a"]}'),
          at(4, null),
        ])
        expect(await json.distribution(scope, 'context.vip', 10)).toEqual([
          { value: 'true', count: 2, sessions: 1 },
          { value: 'false', count: 1, sessions: 1 },
          { value: null, count: 1, sessions: 1 },
        ])
        expect(await json.distribution(scope, 'context.cart.size', 10)).toEqual([
          { value: null, count: 2, sessions: 1 },
          { value: '2', count: 1, sessions: 1 },
          { value: '2.5', count: 1, sessions: 1 },
        ])
        expect(await json.distribution(scope, 'context.tags', 10)).toEqual([
          { value: null, count: 3, sessions: 1 },
          { value: '["a"]', count: 1, sessions: 1 },
        ])
        expect(await json.distribution(scope, 'user.plan', 10)).toEqual([
          { value: null, count: 3, sessions: 1 },
          { value: 'team', count: 1, sessions: 1 },
        ])
        await json.close()
      } finally {
        await other.dispose()
      }
    })

    it('counts frustration signals by element and by page', async () => {
      expect(await store.frustration(scope, 10)).toEqual({
        byElement: [
          // S2's rage click and S4's dead click, of 6 views.
          {
            selector: 'button',
            name: 'View product',
            actions: 6,
            frustrated: 2,
            rage: 1,
            dead: 1,
            error: 0,
            abandon: 0,
          },
          {
            selector: 'button',
            name: 'Add to cart',
            actions: 4,
            frustrated: 1,
            rage: 0,
            dead: 0,
            error: 1,
            abandon: 0,
          },
          // Forms have no target.
          {
            selector: null,
            name: 'Newsletter',
            actions: 1,
            frustrated: 1,
            rage: 0,
            dead: 0,
            error: 0,
            abandon: 1,
          },
        ],
        byPage: [
          { page: '/', actions: 12, frustrated: 2, rage: 0, dead: 1, error: 0, abandon: 1 },
          {
            page: '/products/:id',
            actions: 5,
            frustrated: 2,
            rage: 1,
            dead: 0,
            error: 1,
            abandon: 0,
          },
        ],
      })
      expect((await store.frustration(scope, 1)).byElement).toHaveLength(1)
    })

    it('counts the actions matching an alert filter, with errors and signals', async () => {
      const counts = (
        actions: number,
        erred: number,
        frustrated: number,
        rage: number,
        dead: number,
      ) => ({
        actions,
        erred,
        frustrated,
        rage,
        dead,
      })
      // Every action (15 + 6 in the overview): S2's erred add, S2's rage and S4's dead click, the
      // abandoned newsletter form.
      expect(await store.actionCounts(scope, {})).toEqual(counts(21, 1, 4, 1, 1))
      expect(await store.actionCounts(scope, { actionName: 'View product' })).toEqual(
        counts(6, 0, 2, 1, 1),
      )
      // The pages, as in the frustration report.
      expect(await store.actionCounts(scope, { route: '/' })).toEqual(counts(12, 0, 2, 0, 1))
      expect(await store.actionCounts(scope, { route: '/products/:id' })).toEqual(
        counts(5, 1, 2, 1, 0),
      )
      // Navigations: 4 + 3 + 2.
      expect(await store.actionCounts(scope, { type: 'navigation' })).toEqual(counts(9, 0, 0, 0, 0))
      // S1's and S2's adds on a product page; S2's erred.
      expect(
        await store.actionCounts(scope, {
          actionName: 'Add to cart',
          type: 'click',
          route: '/products/:id',
        }),
      ).toEqual(counts(2, 1, 1, 0, 0))
      expect(await store.actionCounts(scope, { actionName: 'Add to cart', type: 'form' })).toEqual(
        counts(0, 0, 0, 0, 0),
      )
    })

    it('measures time between actions, time on page and time to first interaction', async () => {
      // Between actions (s): S1 10 ×5; S2 10 ×3 (the error is no action); S3 5, 7195, 10; S4
      // 10800, 10, 10; S5 5, 10 → 5 5 10×12 7195 10800: h = 7.5 and 11.25 both among the 10s.
      // On page: S1 20, 20; S2 30; S3 7210 (S4 and S5 load one page) → p50 h = 1.5: 25;
      // p75 h = 2.25: 30 + .25·7180 = 1825.
      // First interaction: S1 10, 10, 10; S2 10 (its second page has none); S3 5; S5 5 (S4's
      // clicks come before its only navigation) → 5 5 10 10 10 10: h = 2.5, 3.75.
      expect(await store.timing(scope)).toEqual({
        betweenActions: { count: 16, p50: 10_000, p75: 10_000 },
        timeOnPage: { count: 4, p50: 25_000, p75: 1_825_000 },
        timeToFirstInteraction: { count: 6, p50: 10_000, p75: 10_000 },
      })
      const none = { count: 0, p50: null, p75: null }
      expect(await store.timing({ ...scope, applicationId: 'nobody' })).toEqual({
        betweenActions: none,
        timeOnPage: none,
        timeToFirstInteraction: none,
      })
    })

    it('lists sessions, the most recently active first', async () => {
      expect(await store.sessions(scope, 10)).toEqual([
        {
          sessionId: 's5',
          userId: null,
          firstTime: s5,
          lastTime: s5 + 15 * S,
          actions: 3,
          errors: 0,
        },
        {
          sessionId: 's4',
          userId: null,
          firstTime: s4,
          lastTime: s4 + 3 * HOUR + 20 * S,
          actions: 4,
          errors: 0,
        },
        {
          sessionId: 's3',
          userId: null,
          firstTime: s3,
          lastTime: s3 + 2 * HOUR + 10 * S,
          actions: 4,
          errors: 0,
        },
        {
          sessionId: 's2',
          userId: null,
          firstTime: s2,
          lastTime: s2 + 30 * S,
          actions: 4,
          errors: 1,
        },
        // Its events before and after the scope are not counted.
        {
          sessionId: 's1',
          userId: 'u-1',
          firstTime: s1,
          lastTime: s1 + 50 * S,
          actions: 6,
          errors: 0,
        },
      ])
      expect((await store.sessions(scope, 2)).map((s) => s.sessionId)).toEqual(['s5', 's4'])
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
      const other = await open()
      try {
        const retained = other.store
        await retained.insert(FIXTURE)
        // Received before T0 + 2 h: the event before T0, S1's six, the blog event (T0 + 1.5 h).
        expect(await retained.deleteBefore(T0 + 2 * HOUR)).toBe(8)
        expect(await retained.deleteBefore(T0 + 2 * HOUR)).toBe(0)
        expect((await retained.sessionTimeline('shop', 's1')).map((e) => e.time)).toEqual([
          T0 + DAY,
        ])
        expect(await retained.sessionTimeline('shop', 's2')).toEqual(S2)
        // A deleted id is new again.
        expect(await retained.insert([S1[0] as EventRow])).toEqual({ inserted: 1, duplicates: 0 })
        await retained.close()
      } finally {
        await other.dispose()
      }
    })

    it('counts batches sent at the same time as if sent one after the other', async () => {
      const other = await open()
      try {
        const concurrent = other.store
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
        await other.dispose()
      }
    })

    it('takes a bulk insert larger than one commit, duplicates anywhere in it', async () => {
      const other = await open()
      try {
        const bulk = other.store
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
        await other.dispose()
      }
    })

    it('keeps what was inserted across a close and reopen', async () => {
      const other = await open()
      try {
        const first = other.store
        await first.insert(S2)
        await first.close()
        await first.close()
        const second = await other.reopen()
        expect(await second.sessionTimeline('shop', 's2')).toEqual(S2)
        expect(await second.insert(S2)).toEqual({ inserted: 0, duplicates: S2.length })
        await second.close()
      } finally {
        await other.dispose()
      }
    })
  })
}
