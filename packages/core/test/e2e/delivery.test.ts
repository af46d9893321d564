import { type Browser, type BrowserContext, chromium, type Page } from 'playwright'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../../config/chromium'
import type { Tracker } from '../../src'
import { type Intake, startIntake } from './intake'
import { startPages } from './pages'

declare global {
  interface Window {
    tracker: Tracker
  }
}

let browser: Browser
let pages: Awaited<ReturnType<typeof startPages>>
let intake: Intake
let context: BrowserContext
let page: Page

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  pages = await startPages()
})

afterAll(async () => {
  await browser?.close()
  await pages?.stop()
})

beforeEach(async () => {
  intake = await startIntake()
  // A fresh profile per test: its own localStorage, so no outbox leaks between tests.
  context = await browser.newContext()
  page = await context.newPage()
})

afterEach(async () => {
  await context.close()
  await intake.stop()
})

/** Opens a test page (any path serves one) whose tracker delivers to the intake. */
async function open(path = '/shop') {
  await page.goto(pages.url(path, intake.url))
  await page.waitForFunction(() => window.tracker !== undefined)
}

/** Records instant actions in the page and returns their action ids, in order. */
async function act(names: string[]): Promise<string[]> {
  return page.evaluate((list) => {
    const ids: string[] = []
    const stop = window.tracker.addEventModifier((event) => {
      if (event.type === 'action') ids.push(event.id)
    })
    for (const name of list) window.tracker.addAction(name)
    stop()
    return ids
  }, names)
}

const storedNames = () =>
  [...intake.stored.values()].map((e) => (e.type === 'action' ? e.action.name : e.error.message))

/** Every id reached the intake's store (which, like the collector, keeps one copy per id). */
function expectStored(ids: string[]) {
  for (const id of ids) expect(intake.stored.has(id), `event ${id} stored`).toBe(true)
}

describe('delivery to a real intake', () => {
  it('sends each event once, with the client token, within the flush interval', async () => {
    await open()
    const ids = await act(['Add to cart', 'Apply coupon', 'Checkout'])
    await expect.poll(() => intake.stored.size, { timeout: 10_000 }).toBe(3)
    expectStored(ids)
    for (const id of ids) expect(intake.acceptedCount(id)).toBe(1)
    expect(intake.receipts[0]?.url).toContain('token=e2e-token')
    expect(storedNames()).toEqual(['Add to cart', 'Apply coupon', 'Checkout'])
  })

  it('retries after 500s until the intake recovers, and every event arrives once', async () => {
    await open()
    await intake.set({ kind: 'status', status: 500 })
    const ids = await act(['Pay', 'Confirm'])
    await expect.poll(() => intake.receipts.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2)
    expect(intake.stored.size).toBe(0)
    await intake.set({ kind: 'up' })
    await expect.poll(() => intake.stored.size, { timeout: 20_000 }).toBe(2)
    expectStored(ids)
    for (const id of ids) expect(intake.acceptedCount(id)).toBe(1)
  })

  it('honours Retry-After on 429', async () => {
    await open()
    await intake.set({ kind: 'status', status: 429, retryAfter: 3 })
    const [id] = await act(['Search'])
    await expect.poll(() => intake.receipts.length, { timeout: 10_000 }).toBe(1)
    const refusedAt = intake.receipts[0]?.at ?? 0
    await intake.set({ kind: 'up' })
    await expect.poll(() => intake.stored.size, { timeout: 20_000 }).toBe(1)
    const acceptedAt = intake.receipts.find((r) => r.status === 202)?.at ?? 0
    expect(acceptedAt - refusedAt).toBeGreaterThanOrEqual(2900)
    expect(intake.acceptedCount(id as string)).toBe(1)
  })

  it('413 splits the batch until the intake takes it', async () => {
    intake.limitBatch(2)
    await open()
    const ids = await act(['One', 'Two', 'Three', 'Four', 'Five'])
    await expect.poll(() => intake.stored.size, { timeout: 10_000 }).toBe(5)
    expect(intake.receipts.some((r) => r.status === 413)).toBe(true)
    for (const id of ids) expect(intake.acceptedCount(id)).toBe(1)
    expect(storedNames()).toEqual(['One', 'Two', 'Three', 'Four', 'Five'])
  })

  it('events recorded while the intake is down survive a reload and arrive once', async () => {
    await open()
    await intake.set({ kind: 'down' })
    const ids = await act(['Offline one', 'Offline two'])
    await page.evaluate(() => window.tracker.flush())
    await page.reload()
    await page.waitForFunction(() => window.tracker !== undefined)
    await intake.set({ kind: 'up' })
    // The reloaded page retries with backoff; its own first send also carries the old events.
    await act(['After reload'])
    await expect.poll(() => intake.stored.size, { timeout: 30_000 }).toBe(3)
    expectStored(ids)
    for (const id of ids) expect(intake.acceptedCount(id)).toBe(1)
  })

  it('a hard navigation sends the open action as it leaves, and the next page adds no copy', async () => {
    await open('/cart')
    await page.evaluate(() => {
      window.tracker.startAction('Reading the cart', { autoClose: false })
    })
    await page.goto(pages.url('/checkout', intake.url))
    await page.waitForFunction(() => window.tracker !== undefined)
    await expect.poll(() => storedNames(), { timeout: 10_000 }).toContain('Reading the cart')
    const event = [...intake.stored.values()].find(
      (e) => e.type === 'action' && e.action.name === 'Reading the cart',
    )
    expect(event?.type === 'action' && event.action.complete_reason).toBe('page_hide')
    // The next page resends what was not confirmed; the intake keeps one copy by id.
    await page.waitForTimeout(1500)
    expect(storedNames().filter((name) => name === 'Reading the cart')).toHaveLength(1)
  })

  it('a hard navigation while the intake is down loses nothing: the next page sends it', async () => {
    await open('/cart')
    await intake.set({ kind: 'down' })
    await page.evaluate(() => {
      window.tracker.startAction('Leaving offline', { autoClose: false })
    })
    await page.goto(pages.url('/checkout', intake.url))
    await page.waitForFunction(() => window.tracker !== undefined)
    await page.waitForTimeout(300)
    expect(intake.receipts).toHaveLength(0)
    await intake.set({ kind: 'up' })
    // The new page took the outbox over and retries it with backoff.
    await expect.poll(() => storedNames(), { timeout: 30_000 }).toEqual(['Leaving offline'])
  })

  it('a page delivering to another collector leaves this outbox alone', async () => {
    await open('/cart')
    await intake.set({ kind: 'down' })
    await act(['For the first collector'])
    await page.evaluate(() => window.tracker.flush())
    const other = await startIntake()
    try {
      await page.goto(pages.url('/elsewhere', other.url))
      await page.waitForFunction(() => window.tracker !== undefined)
      await page.evaluate(() => window.tracker.addAction('For the second collector'))
      await expect.poll(() => other.stored.size, { timeout: 10_000 }).toBe(1)
      await intake.set({ kind: 'up' })
      await page.goto(pages.url('/back', intake.url))
      await expect
        .poll(() => storedNames(), { timeout: 30_000 })
        .toEqual(['For the first collector'])
      expect([...other.stored.values()].map((e) => e.type === 'action' && e.action.name)).toEqual([
        'For the second collector',
      ])
    } finally {
      await other.stop()
    }
  })
})

describe('compressed batches', () => {
  /** Records instant actions and returns the events the page produced, as plain data. */
  async function actAndCapture(names: string[]): Promise<unknown[]> {
    return page.evaluate((list) => {
      const events: unknown[] = []
      const stop = window.tracker.addEventModifier((event) => {
        events.push(JSON.parse(JSON.stringify(event)))
      })
      for (const name of list) window.tracker.addAction(name)
      stop()
      return events
    }, names)
  }

  const receiptsOf = (id: string) => intake.receipts.filter((r) => r.ids.includes(id))

  it('go gzipped as text/plain, with no preflight and no Content-Encoding, and decode to the same events', async () => {
    await open()
    const produced = await actAndCapture(['Add to cart', 'Apply coupon', 'Checkout'])
    await expect.poll(() => intake.stored.size, { timeout: 10_000 }).toBe(3)
    expect(intake.receipts.length).toBeGreaterThan(0)
    for (const receipt of intake.receipts) {
      expect(receipt.encoding).toBe('gzip')
      expect(receipt.contentType).toMatch(/^text\/plain;/)
      expect(receipt.contentEncoding).toBeUndefined()
    }
    // The page and the intake are on different ports: a preflight would show here.
    expect(intake.preflights).toBe(0)
    expect([...intake.stored.values()]).toEqual(produced)
    const wire = intake.receipts.reduce((sum, r) => sum + r.bytes, 0)
    expect(wire).toBeLessThan(JSON.stringify(produced).length)
  })

  it("go as JSON with compression: 'none'", async () => {
    await page.goto(`${pages.url('/shop', intake.url)}&compression=none`)
    await page.waitForFunction(() => window.tracker !== undefined)
    const produced = await actAndCapture(['Plain one', 'Plain two'])
    await expect.poll(() => intake.stored.size, { timeout: 10_000 }).toBe(2)
    expect(intake.receipts.map((r) => r.encoding)).toEqual(intake.receipts.map(() => 'json'))
    expect([...intake.stored.values()]).toEqual(produced)
  })

  it('go as JSON where the browser has no CompressionStream', async () => {
    await page.addInitScript(() => {
      Reflect.deleteProperty(window, 'CompressionStream')
    })
    await open()
    expect(await page.evaluate(() => 'CompressionStream' in window)).toBe(false)
    await act(['Old browser'])
    await expect.poll(() => intake.stored.size, { timeout: 10_000 }).toBe(1)
    expect(intake.receipts.map((r) => r.encoding)).toEqual(['json'])
  })

  it('413 still splits them until the intake takes each part', async () => {
    intake.limitBatch(2)
    await open()
    const ids = await act(['One', 'Two', 'Three', 'Four', 'Five'])
    await expect.poll(() => intake.stored.size, { timeout: 10_000 }).toBe(5)
    expect(intake.receipts.some((r) => r.status === 413)).toBe(true)
    expect(new Set(intake.receipts.map((r) => r.encoding))).toEqual(new Set(['gzip']))
    for (const id of ids) expect(intake.acceptedCount(id)).toBe(1)
  })

  it('leaving the page, the last batch goes at once, uncompressed', async () => {
    await open('/cart')
    await page.evaluate(() => {
      window.tracker.startAction('Reading the cart', { autoClose: false })
    })
    await page.goto(pages.url('/checkout', intake.url))
    await expect.poll(() => storedNames(), { timeout: 10_000 }).toContain('Reading the cart')
    const event = [...intake.stored.values()].find(
      (e) => e.type === 'action' && e.action.name === 'Reading the cart',
    )
    // The next page may resend it (compressed) if the answer came too late: the first went plain.
    expect(receiptsOf(event?.id as string)[0]?.encoding).toBe('json')
  })

  it('a batch still being compressed when the page hides goes at once, uncompressed, once', async () => {
    await open()
    // All in one task: the flush starts compressing, and the page hides before it can finish.
    const id = await page.evaluate(() => {
      let found = ''
      const stop = window.tracker.addEventModifier((event) => {
        found = event.id
      })
      window.tracker.addAction('Last words')
      stop()
      void window.tracker.flush()
      window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }))
      return found
    })
    await expect.poll(() => intake.stored.has(id), { timeout: 10_000 }).toBe(true)
    // Long enough for a compressed copy to show up if the cancelled compression still sent one.
    await page.waitForTimeout(1000)
    expect(receiptsOf(id).map((r) => r.encoding)).toEqual(['json'])
  })
})
