import { fileURLToPath } from 'node:url'
import type { ActionEvent } from '@actiontrail/core'
import { describeAction, recentActionOf } from '@actiontrail/shop-kit'
import { type Browser, chromium, type Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../config/chromium'
import { type ShopServer, startShopServer } from './shopServer'

/** The built demos the journey runs against, unchanged. */
const DEMOS = [
  { name: 'React', dist: '../../demo-react/dist' },
  { name: 'Vue', dist: '../../demo-vue/dist' },
  { name: 'Angular', dist: '../../demo-angular/dist' },
]

/**
 * One row per action event, in the order the actions started: [type, name, view.route,
 * complete_reason, frustration, navigation]. The navigation column is `method` and, when a click
 * or form caused it, `← n`: the number of the row whose action is its `trigger`.
 */
type Row = [string, string, string | undefined, string, string[], string?]

// biome-ignore format: a table reads best aligned
const JOURNEY: Row[] = [
  //        type          name                       view.route                 complete_reason               frustration       navigation
  /*  1 */ ['navigation', '/',                       '/',                       'completed',                  [],               'load'],
  // open "Trail Runner"
  /*  2 */ ['click',      'Trail Runner',            '/',                       'interrupted_by_navigation',  []],
  /*  3 */ ['navigation', '/products/:id',           '/products/:id',           'completed',                  [],               'push ← 2'],
  /*  4 */ ['click',      'Add to cart',             '/products/:id',           'completed',                  []],
  // "Cart" in the header
  /*  5 */ ['click',      'Cart',                    '/products/:id',           'interrupted_by_navigation',  []],
  /*  6 */ ['navigation', '/cart',                   '/cart',                   'completed',                  [],               'push ← 5'],
  // "Checkout" starts the Checkout flow, then routes: the flow runs beside the other actions
  /*  7 */ ['click',      'Checkout',                '/cart',                   'interrupted_by_navigation',  []],
  /*  8 */ ['custom',     'Checkout',                '/cart',                   'completed_by_api',           []],
  /*  9 */ ['navigation', '/checkout',               '/checkout',               'completed',                  [],               'push ← 7'],
  // "Place order" with the empty form: the click is the submit; the errors are its activity
  /* 10 */ ['form',       'Place order',             '/checkout',               'completed',                  []],
  // "Apply coupon" does nothing, clicked 4 times: one action, rage and dead
  /* 11 */ ['click',      'Apply coupon',            '/checkout',               'completed',                  ['rage', 'dead']],
  // Name and Email: one action per edited field; the card number field is never tracked
  /* 12 */ ['form',       'Name',                    '/checkout',               'completed',                  []],
  /* 13 */ ['form',       'Email',                   '/checkout',               'completed',                  []],
  // "Place order" again: the order is placed, the submit causes the navigation
  /* 14 */ ['form',       'Place order',             '/checkout',               'interrupted_by_navigation',  []],
  /* 15 */ ['navigation', '/confirmation/:orderId',  '/confirmation/:orderId',  'completed',                  [],               'push ← 14'],
  // Back: to /checkout, which redirects to /cart (the cart is empty now); one navigation
  /* 16 */ ['navigation', '/cart',                   '/cart',                   'completed',                  [],               'popstate'],
]

/** The position of a (type, name) in the table: orders actions that start in the same millisecond. */
function tableOrder(event: ActionEvent): number {
  const index = JOURNEY.findIndex(
    ([type, name]) => type === event.action.type && name === event.action.name,
  )
  return index === -1 ? JOURNEY.length : index
}

/** The recorded actions as table rows, in start order, triggers as row numbers. */
function rowsOf(events: ActionEvent[]): Row[] {
  const ordered = [...events].sort(
    (a, b) => a.action.start - b.action.start || tableOrder(a) - tableOrder(b),
  )
  const rowNumber = (id: string) => ordered.findIndex((e) => e.action.id === id) + 1 || `? ${id}`
  return ordered.map(({ action, view }) => {
    const row: Row = [
      action.type,
      action.name,
      view.route,
      action.complete_reason,
      action.frustration,
    ]
    if (action.navigation) {
      const { method, trigger } = action.navigation
      row.push(trigger === undefined ? method : `${method} ← ${rowNumber(trigger)}`)
    }
    return row
  })
}

let browser: Browser

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
})

afterAll(async () => {
  await browser?.close()
})

for (const { name, dist } of DEMOS)
  describe(`the ${name} demo shop`, () => {
    let shop: ShopServer
    let page: Page

    beforeAll(async () => {
      shop = await startShopServer(fileURLToPath(new URL(dist, import.meta.url)))
    })

    afterAll(async () => {
      await page?.context().close()
      await shop?.stop()
    })

    const panel = () =>
      page.getByRole('complementary', { name: 'Recent actions' }).getByRole('listitem')

    /**
     * Waits until the newest line of the recent-actions panel is about this action, as a person
     * waits for the page to react before the next step. Every action then ends on its own before
     * the next one starts, whatever the load of the machine.
     */
    const shown = async (typeAndName: string, detail?: RegExp) => {
      await expect
        .poll(async () => (await panel().allTextContents())[0] ?? '', { timeout: 15_000 })
        .toMatch(new RegExp(`^${literally(typeAndName)} · ${detail?.source ?? ''}`))
    }

    it('sends the actions of a whole shopping journey, named after routes', async () => {
      page = await (await browser.newContext()).newPage()
      // What the page's title says; read without waiting, so a page between two views is polled again.
      const heading = async () =>
        (await page.getByRole('heading', { level: 1 }).allTextContents()).join(' | ')

      await page.goto(`${shop.url}/`)
      await expect.poll(() => heading()).toBe('Products')
      await shown('navigation · /')

      await page.getByRole('link', { name: 'Trail Runner' }).click()
      await expect.poll(() => heading()).toBe('Trail Runner')
      await shown('navigation · /products/:id')

      await page.getByRole('button', { name: 'Add to cart' }).click()
      await expect.poll(() => page.getByRole('status').textContent()).toBe('Added to cart')
      await shown('click · Add to cart')

      const cartLink = page.getByRole('banner').getByRole('link', { name: /^Cart/ })
      expect(await cartLink.textContent()).toBe('Cart (1)')
      await cartLink.click()
      await expect.poll(() => heading()).toBe('Cart')
      expect(await page.getByRole('main').getByRole('listitem').allTextContents()).toEqual([
        'Trail Runner × 1',
      ])
      await shown('navigation · /cart')

      await page.getByRole('button', { name: 'Checkout' }).click()
      await expect.poll(() => heading()).toBe('Checkout')
      await shown('navigation · /checkout')

      const placeOrder = page.getByRole('button', { name: 'Place order' })
      await placeOrder.click()
      await expect.poll(() => page.getByRole('alert').count()).toBe(3)
      await shown('form · Place order')

      const coupon = page.getByRole('button', { name: 'Apply coupon' })
      for (let i = 0; i < 4; i++) await coupon.click()
      // A click's signals are known once its rage-click window (1 s) has closed.
      await shown('click · Apply coupon', /.* · rage/)

      await page.getByLabel('Name').fill('Ada Lovelace')
      await page.getByLabel('Email').fill('ada@example.com')
      await shown('form · Name')
      await page.getByLabel('Card number').fill('4242 4242 4242 4242')
      await shown('form · Email')

      await placeOrder.click()
      await expect.poll(() => heading()).toBe('Thank you')
      await expect(page.getByText(/^Order \S+ is on its way\.$/).count()).resolves.toBe(1)
      await expect.poll(() => cartLink.textContent()).toBe('Cart (0)')
      await shown('navigation · /confirmation/:orderId')

      await page.goBack()
      await expect.poll(() => heading()).toBe('Cart')
      expect(new URL(page.url()).pathname).toBe('/cart')
      await expect(page.getByText('Your cart is empty.').count()).resolves.toBe(1)
      await shown('navigation · /cart')

      // Batches leave the page every second: wait for the last action, then a little longer for
      // anything that should not be there.
      await expect
        .poll(() => shop.actions().some((e) => e.action.navigation?.method === 'popstate'), {
          timeout: 15_000,
        })
        .toBe(true)
      await page.waitForTimeout(2_500)

      const events = shop.actions()
      expect(rowsOf(events)).toEqual(JOURNEY)

      // The flow: started with the cart's item count, finished by the confirmation page.
      const checkout = events.find((e) => e.action.type === 'custom')?.action
      const confirmation = events.find((e) => e.action.name === '/confirmation/:orderId')?.action
      expect(checkout?.context).toEqual({ items: 1 })
      expect((checkout?.start ?? 0) + (checkout?.duration ?? 0)).toBeGreaterThanOrEqual(
        confirmation?.start ?? Number.POSITIVE_INFINITY,
      )

      // Everything went to the shop's own endpoint, from one application and one session, and
      // the shop threw no error.
      for (const batch of shop.batches) expect(batch.url).toBe('/v1/events?token=demo-token')
      const all = shop.batches.flatMap((batch) => batch.events)
      expect(all.filter((e) => e.type === 'error')).toEqual([])
      expect(new Set(all.map((e) => `${e.application.id} ${e.session.id}`)).size).toBe(1)
      expect(all[0]?.application.id).toBe('demo-shop')

      // The panel shows the last 12 actions, newest first, each line telling what was sent.
      const lines = await panel().allTextContents()
      const sent = new Map(events.map((e) => [describeAction(recentActionOf(e)), e.action.type]))
      expect(lines).toHaveLength(12)
      expect(lines[0]).toBe(
        describeAction(
          recentActionOf(
            events.find((e) => e.action.navigation?.method === 'popstate') as ActionEvent,
          ),
        ),
      )
      for (const line of lines) expect(sent.has(line), line).toBe(true)
      expect(lines).toContainEqual(
        expect.stringMatching(/^click · Apply coupon · — · completed · rage, dead$/),
      )
      expect(lines).toContainEqual(
        expect.stringMatching(/^custom · Checkout · \d+ ms · completed_by_api$/),
      )
      const types = await panel().evaluateAll((items) =>
        items.map((item) => item.getAttribute('data-type')),
      )
      expect(types).toEqual(lines.map((line) => sent.get(line)))
    })
  })

function literally(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
