/**
 * Realistic generated events for the store benchmark: ~50 per session, sessions spread over 30
 * days, navigations over 10 routes, clicks and forms on 40 named actions, log-normal durations
 * (5 % without one), 2 % of actions with an error (and its error event), rage, dead and
 * abandoned-form frustration. Deterministic apart from the ids. Sorted by time.
 */
import { randomUUID } from 'node:crypto'
import type { EventRow } from '../src/store'
import { EMPTY_DETAILS } from '../src/store/schema'

export const DAY = 24 * 3600_000
export const END = Date.UTC(2026, 10, 1)
export const START = END - 30 * DAY

// Deterministic PRNG (mulberry32), so both stores get the same events.
let seed = 42
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0
  let t = seed
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
/** Log-normal around `median`: what action durations look like. */
const logNormal = (median: number, sigma: number) => {
  const u = 1 - random()
  const v = random()
  return Math.round(
    median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)),
  )
}

interface Page {
  route: string
  path: () => string
  actions: readonly (readonly [name: string, type: 'click' | 'form'])[]
  /** Where users tend to go next. */
  next: readonly string[]
}
const id = () => String(1 + Math.floor(random() * 500))
const PAGES: Record<string, Page> = {
  '/': {
    route: '/',
    path: () => '/',
    actions: [
      ['View product', 'click'],
      ['Search', 'click'],
      ['Open menu', 'click'],
      ['Accept cookies', 'click'],
    ],
    next: ['/products/:id', '/products/:id', '/search', '/account', '/blog/:slug'],
  },
  '/search': {
    route: '/search',
    path: () => '/search',
    actions: [
      ['View product', 'click'],
      ['Filter by price', 'click'],
      ['Sort results', 'click'],
      ['Search', 'form'],
    ],
    next: ['/products/:id', '/products/:id', '/'],
  },
  '/products/:id': {
    route: '/products/:id',
    path: () => `/products/${id()}`,
    actions: [
      ['Add to cart', 'click'],
      ['Choose size', 'click'],
      ['Open reviews', 'click'],
      ['Add to wishlist', 'click'],
    ],
    next: ['/cart', '/cart', '/products/:id', '/search', '/'],
  },
  '/cart': {
    route: '/cart',
    path: () => '/cart',
    actions: [
      ['Checkout', 'click'],
      ['Remove item', 'click'],
      ['Apply coupon', 'form'],
      ['Change quantity', 'click'],
    ],
    next: ['/checkout', '/checkout', '/products/:id', '/'],
  },
  '/checkout': {
    route: '/checkout',
    path: () => '/checkout',
    actions: [
      ['Place order', 'form'],
      ['Edit address', 'form'],
      ['Choose shipping', 'click'],
      ['Back to cart', 'click'],
    ],
    next: ['/order/:id', '/order/:id', '/cart'],
  },
  '/order/:id': {
    route: '/order/:id',
    path: () => `/order/${id()}`,
    actions: [
      ['Track order', 'click'],
      ['Download invoice', 'click'],
      ['Rate purchase', 'form'],
      ['Continue shopping', 'click'],
    ],
    next: ['/', '/account'],
  },
  '/account': {
    route: '/account',
    path: () => '/account',
    actions: [
      ['Sign in', 'form'],
      ['Edit profile', 'form'],
      ['View orders', 'click'],
      ['Sign out', 'click'],
    ],
    next: ['/', '/help'],
  },
  '/help': {
    route: '/help',
    path: () => '/help',
    actions: [
      ['Contact support', 'form'],
      ['Open FAQ', 'click'],
      ['Start chat', 'click'],
      ['Rate answer', 'click'],
    ],
    next: ['/', '/account'],
  },
  '/blog/:slug': {
    route: '/blog/:slug',
    path: () => `/blog/post-${id()}`,
    actions: [
      ['Share post', 'click'],
      ['Newsletter', 'form'],
      ['Read more', 'click'],
      ['Comment', 'form'],
    ],
    next: ['/', '/blog/:slug', '/products/:id'],
  },
  '/about': {
    route: '/about',
    path: () => '/about',
    actions: [
      ['Open map', 'click'],
      ['Careers', 'click'],
      ['Press kit', 'click'],
      ['Contact', 'form'],
    ],
    next: ['/', '/help'],
  },
}
const ROUTES = Object.keys(PAGES)
const BROWSERS = ['Chrome', 'Chrome', 'Chrome', 'Safari', 'Firefox', 'Edge'] as const
const OSES = ['Windows', 'macOS', 'Android', 'iOS', 'Linux'] as const

function blank(
  session: string,
  app: string,
  time: number,
  page: Page,
  path: string,
  who: Pick<EventRow, 'user_id' | 'user' | 'context' | 'browser' | 'os' | 'device'>,
): EventRow {
  return {
    id: randomUUID(),
    type: 'action',
    time,
    application_id: app,
    session_id: session,
    user_id: who.user_id,
    view_url: `https://${app}.example${path}`,
    view_path: path,
    view_route: page.route,
    view_referrer: '',
    browser: who.browser,
    os: who.os,
    device: who.device,
    ...EMPTY_DETAILS,
    context: who.context,
    action_context: null,
    user: who.user,
    received_at: time + 1000 + Math.floor(random() * 5000),
  }
}

/** ~50 events per session: navigations over 10 routes, clicks and forms on 40 named actions. */
export function generate(total: number): EventRow[] {
  const events: EventRow[] = []
  for (let s = 0; events.length < total; s++) {
    const session = randomUUID()
    const app = s % 10 === 9 ? 'docs' : 'shop'
    const signedIn = random() < 0.4
    const mobile = random() < 0.45
    const who = {
      user_id: signedIn ? `u-${Math.floor(random() * 5000)}` : null,
      user: signedIn ? `{"id":"u-${s % 5000}","plan":"${pick(['free', 'pro'])}"}` : null,
      context: `{"release":"2026.11.${1 + (s % 3)}","ab_checkout":"${pick(['a', 'b'])}"}`,
      browser: pick(BROWSERS),
      os: mobile ? pick(['Android', 'iOS'] as const) : pick(OSES),
      device: mobile ? 'mobile' : 'desktop',
    }
    const length = 20 + Math.floor(random() * 61)
    let time = START + Math.floor(random() * (END - START - 2 * 3600_000))
    let page = PAGES[random() < 0.7 ? '/' : pick(ROUTES)] as Page
    let path = page.path()
    let previousUrl = ''
    for (let n = 0; n < length && events.length < total; n++) {
      const navigate = n === 0 || random() < 0.22
      if (navigate && n > 0) {
        page = PAGES[random() < 0.8 ? pick(page.next) : pick(ROUTES)] as Page
        path = page.path()
      }
      const event = blank(session, app, time, page, path, who)
      event.action_id = randomUUID()
      event.action_start = time
      event.complete_reason = 'completed'
      event.errors = 0
      event.requests = Math.floor(random() * 4)
      event.resources = Math.floor(random() * 6)
      event.mutations = Math.floor(random() * 40)
      event.long_tasks = random() < 0.1 ? 1 : 0
      if (navigate) {
        event.action_type = 'navigation'
        event.action_name = page.route
        event.name_source = 'route'
        event.duration = random() < 0.05 ? null : logNormal(900, 0.6)
        event.nav_from = previousUrl
        event.nav_to = event.view_url
        event.nav_method = n === 0 ? 'load' : 'push'
      } else {
        const [name, type] = pick(page.actions)
        event.action_type = type
        event.action_name = name
        event.name_source = 'content'
        event.duration = random() < 0.05 ? null : logNormal(type === 'form' ? 450 : 180, 0.8)
        event.target_tag = type === 'form' ? 'form' : 'button'
        event.target_selector = `main > section.${page.route.replace(/[^a-z]/g, '') || 'home'} > ${event.target_tag}:nth-of-type(${1 + Math.floor(random() * 4)})`
        event.action_context = random() < 0.3 ? `{"sku":"${id()}"}` : null
        if (type === 'click') {
          event.rage = random() < 0.01
          event.dead = random() < 0.03
        } else {
          event.form_name = name
          event.abandon = random() < 0.1
          event.form_interaction = event.abandon ? 'abandon' : 'submit'
        }
      }
      previousUrl = event.view_url
      const erred = random() < 0.02
      events.push(event)
      if (erred && events.length < total) {
        event.errors = 1
        event.error_signal = random() < 0.5
        const error = blank(session, app, time + 40, page, path, who)
        error.type = 'error'
        error.error_message = pick([
          'Cannot read properties of undefined',
          'Network error',
          'x is not a function',
        ])
        error.error_type = 'TypeError'
        error.error_stack =
          'TypeError: boom\n    at handler (app.js:10:5)\n    at dispatch (vendor.js:200:1)'
        error.error_source = 'error'
        error.error_action_id = event.action_id
        events.push(error)
        n++
      }
      time += (event.duration ?? 0) + Math.round(-Math.log(1 - random()) * 8000)
    }
  }
  events.sort((a, b) => a.time - b.time)
  return events
}
