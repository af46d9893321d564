import type { EventRow } from '../src/store'
import { EMPTY_DETAILS } from '../src/store/schema'

/**
 * One fixture, every expectation computed by hand from it (see the comments), checked against
 * both embedded stores. Times are offsets from T0; the scope is [T0, T0 + 1 day).
 */
export const T0 = Date.UTC(2025, 10, 26)
export const DAY = 24 * 3600_000
export const HOUR = 3600_000
export const S = 1000
export const scope = { applicationId: 'shop', from: T0, to: T0 + DAY }

let counter = 0
const nextId = (prefix: string) => `${prefix}-${String(++counter).padStart(3, '0')}`

export function base(session: string, time: number, path: string, route: string | null): EventRow {
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
    ...EMPTY_DETAILS,
    context: null,
    action_context: null,
    user: null,
    received_at: time + 1000,
  }
}

export type Extra = Partial<EventRow>

export function action(
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

export const HOME: [string, string | null] = ['/', '/']
export const PRODUCT7: [string, string | null] = ['/products/7', '/products/:id']
export const PRODUCT3: [string, string | null] = ['/products/3', '/products/:id']
export const CHECKOUT: [string, string | null] = ['/checkout', '/checkout']
/** A page seen without a route pattern: route steps fall back to the path. */
export const CHECKOUT_NO_ROUTE: [string, string | null] = ['/checkout', null]

export const nav = (
  s: string,
  t: number,
  page: [string, string | null],
  d: number | null,
  x?: Extra,
) =>
  action(s, t, 'navigation', page[1] ?? page[0], d, page, {
    nav_from: 'https://shop.example/',
    nav_to: `https://shop.example${page[0]}`,
    nav_method: 'push',
    ...x,
  })
export const click = (
  s: string,
  t: number,
  name: string,
  d: number | null,
  page: [string, string | null],
  x?: Extra,
) => action(s, t, 'click', name, d, page, { target_tag: 'button', target_selector: 'button', ...x })
export const form = (
  s: string,
  t: number,
  name: string,
  d: number | null,
  page: [string, string | null],
  x?: Extra,
) => action(s, t, 'form', name, d, page, { form_name: name, form_interaction: 'submit', ...x })

// S1: the whole way, in order (t = 1 h).
// The "View product" clicks carry a global context key `variant` (an A/B test): a in S1 and in
// S4's second view, b in S2, S3 and S4's first view, none in S5 (funnel segmentation).
export const s1 = T0 + HOUR
export const S1 = [
  nav('s1', s1, HOME, 800, { nav_method: 'load' }),
  click('s1', s1 + 10 * S, 'View product', 100, HOME, { context: '{"variant":"a"}' }),
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
export const s2 = T0 + 2 * HOUR
export const s2AddToCart = click('s2', s2 + 10 * S, 'Add to cart', 200, PRODUCT3, {
  errors: 1,
  error_signal: true,
})
export const s2Error: EventRow = {
  ...base('s2', s2 + 10 * S + 50, '/products/3', '/products/:id'),
  type: 'error',
  error_message: 'cart is down',
  error_type: 'TypeError',
  error_stack: 'TypeError: cart is down\n    at add (cart.js:1:1)',
  error_source: 'error',
  error_action_id: s2AddToCart.action_id,
}
export const S2 = [
  nav('s2', s2, HOME, 900, { nav_method: 'load' }),
  s2AddToCart,
  s2Error,
  click('s2', s2 + 20 * S, 'View product', 150, PRODUCT3, {
    rage: true,
    context: '{"variant":"b"}',
  }),
  nav('s2', s2 + 30 * S, PRODUCT3, 1300),
]
// S3: the add to cart comes 2 h after viewing the product: outside a 1 h window.
export const s3 = T0 + 3 * HOUR
export const S3 = [
  nav('s3', s3, HOME, 1000),
  click('s3', s3 + 5 * S, 'View product', 400, HOME, { context: '{"variant":"b"}' }),
  click('s3', s3 + 2 * HOUR, 'Add to cart', 500, HOME),
  nav('s3', s3 + 2 * HOUR + 10 * S, CHECKOUT_NO_ROUTE, null),
]
// S4: a first start goes nowhere within the window, a second start 3 h later goes all the way.
export const s4 = T0 + 4 * HOUR
export const S4 = [
  click('s4', s4, 'View product', 120, HOME, { dead: true, context: '{"variant":"b"}' }),
  click('s4', s4 + 3 * HOUR, 'View product', 130, HOME, { context: '{"variant":"a"}' }),
  click('s4', s4 + 3 * HOUR + 10 * S, 'Add to cart', 100, HOME),
  nav('s4', s4 + 3 * HOUR + 20 * S, CHECKOUT, 700),
]
// S5: views a product, then abandons the newsletter form (no duration).
export const s5 = T0 + 8 * HOUR
export const S5 = [
  nav('s5', s5, HOME, 1100),
  click('s5', s5 + 5 * S, 'View product', 250, HOME),
  form('s5', s5 + 15 * S, 'Newsletter', null, HOME, {
    abandon: true,
    form_interaction: 'abandon',
    complete_reason: 'page_hide',
  }),
]
// Outside the scope: another application, just before `from`, exactly at `to` (exclusive).
export const OUTSIDE = [
  { ...click('s6', T0 + HOUR + 30 * 60_000, 'View product', 90, HOME), application_id: 'blog' },
  click('s1', T0 - 1, 'Add to cart', 50, HOME),
  click('s1', T0 + DAY, 'Add to cart', 60, PRODUCT7),
]
export const FIXTURE = [...S1, ...S2, ...S3, ...S4, ...S5, ...OUTSIDE]

/** Deterministic shuffle, so that the stores have to order by time themselves. */
export function shuffled<T>(items: T[]): T[] {
  const out = [...items]
  let seed = 7
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    const j = seed % (i + 1)
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}
