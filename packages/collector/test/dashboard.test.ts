import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../config/chromium'
import { dashboardDir } from '../src/server/static'
import { HOUR, OUTSIDE, S1, S2, S3, S4, S5, T0 } from './fixture'
import { type Harness, postBatch, request, startCollector } from './helpers'
import { toWire } from './wire'

/**
 * The dashboard in real Chromium, served by a real collector (port 0, DuckDB store): the fixture
 * of store.test.ts goes in through POST /v1/events, moved so that it lies in the last 24 hours,
 * and the pages must show the figures computed by hand for it.
 */

const here = dirname(fileURLToPath(import.meta.url))
const packageDir = join(here, '..')
const artifacts = join(packageDir, 'test-artifacts')
/** Newest modification time under a folder. */
function newest(dir: string): number {
  let latest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs)
  }
  return latest
}

/** Builds the dashboard when `dist/dashboard` is missing or older than its source. */
async function ensureBuilt(): Promise<void> {
  const index = join(packageDir, 'dist', 'dashboard', 'index.html')
  const source = join(packageDir, 'dashboard')
  if (existsSync(index) && statSync(index).mtimeMs >= newest(source)) return
  const { build } = await import('vite')
  await build({ configFile: join(source, 'vite.config.ts'), logLevel: 'error' })
}

// The fixture's sessions, moved so that they end a few hours before now.
const SHIFT = Math.floor((Date.now() - 12 * HOUR - T0) / 60_000) * 60_000
const ROWS = [...S1, ...S2, ...S3, ...S4, ...S5, OUTSIDE[0]].map((row) => {
  if (!row) throw new Error('fixture row missing')
  return {
    ...row,
    time: row.time + SHIFT,
    action_start: row.action_start === null ? null : row.action_start + SHIFT,
  }
})

let browser: Browser
let h: Harness

async function ingestFixture(harness: Harness, token?: string): Promise<void> {
  for (const app of ['shop', 'blog']) {
    const reply = await postBatch(
      harness.url,
      ROWS.filter((r) => r.application_id === app).map(toWire),
      { token: token ?? null },
    )
    expect(reply.status, reply.text).toBe(200)
  }
}

async function open(page: Page, url: string): Promise<void> {
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(error.message))
  await page.goto(url)
  expect(problems).toEqual([])
}

beforeAll(async () => {
  await ensureBuilt()
  mkdirSync(artifacts, { recursive: true })
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  // No client tokens and any origin: the dashboard's own events are accepted too.
  h = await startCollector({ storeKind: 'duckdb', tokens: [], allowedOrigins: '*' })
  await ingestFixture(h)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await h?.stop()
})

describe('dashboard', () => {
  it('is served at / with its assets under /dashboard/', async () => {
    expect(dashboardDir()).not.toBeNull()
    const index = await request(`${h.url}/`)
    expect(index.status).toBe(200)
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8')
    const asset = /src="(\/dashboard\/assets\/[^"]+\.js)"/.exec(index.text)?.[1]
    expect(asset).toBeDefined()
    const script = await request(`${h.url}${asset}`)
    expect(script.status).toBe(200)
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(script.headers['cache-control']).toContain('immutable')
    expect((await request(`${h.url}/dashboard/../package.json`)).status).toBe(404)
    expect((await request(`${h.url}/dashboard/%2e%2e/%2e%2e/package.json`)).status).toBe(404)
    expect((await request(`${h.url}/dashboard/assets/nothing.js`)).status).toBe(404)
    expect((await request(`${h.url}/nowhere`)).json).toEqual({ error: 'nothing at GET /nowhere' })
  })

  it('shows the top actions of the fixture and an action detail', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await open(page, `${h.url}/?app=shop#/actions`)
    const rows = page.locator('[data-testid="top-actions"] tbody tr')
    await rows.first().waitFor()
    const table = await rows.evaluateAll((trs) =>
      trs.map((tr) => ({
        name: tr.querySelector('.name')?.textContent,
        type: tr.querySelector('.badge')?.textContent,
        count: tr.querySelectorAll('td')[1]?.textContent,
      })),
    )
    expect(table.slice(0, 3)).toEqual([
      { name: 'View product', type: 'click', count: '6' },
      { name: '/', type: 'navigation', count: '4' },
      { name: 'Add to cart', type: 'click', count: '4' },
    ])
    expect(table.map((r) => r.name)).toContain('Place order')
    expect(table.map((r) => r.name)).not.toContain('blog')

    await rows.filter({ hasText: 'Add to cart' }).click()
    const detail = page.locator('[data-testid="action-detail"]')
    await detail.waitFor()
    await expect.poll(() => detail.locator('h2').textContent()).toContain('Add to cart')
    // Add to cart follows View product in S1 (and in S3, S4) and Chrome is the only browser.
    expect(await detail.textContent()).toContain('View product')
    expect(await detail.textContent()).toContain('Chrome')
    // The breakdowns are of this action only: its 4 adds, on / (S3, S4) and product pages.
    const byRoute = detail.locator('div:has(> h3:text-is("By route")) li')
    expect(await byRoute.locator('.label').allTextContents()).toEqual(['/', '/products/:id'])
    expect(await byRoute.locator('.num').allTextContents()).toEqual(['2', '2'])
    const byBrowser = detail.locator('div:has(> h3:text-is("By browser")) li .num')
    expect(await byBrowser.allTextContents()).toEqual(['4'])
    await page.screenshot({ path: join(artifacts, 'dashboard-actions.png'), fullPage: true })
    await page.close()
  })

  it('builds a funnel from picked steps', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await open(page, `${h.url}/?app=shop#/funnels`)
    const picker = page.getByTestId('step-picker')
    await picker.waitFor()
    await picker.selectOption('action:View product')
    await picker.selectOption('action:Add to cart')
    await picker.selectOption('route:/checkout')
    expect(await page.locator('[data-testid="funnel-steps"] li').allTextContents()).toEqual([
      'action View product×',
      'action Add to cart×',
      'route /checkout×',
    ])
    await page.getByRole('button', { name: 'Show funnel' }).click()
    const steps = page.locator('[data-testid="funnel-result"] .funnel-step')
    await steps.first().waitFor()
    // README: 5 sessions start, 2 add to cart within 1 h (S3's comes 2 h later), both check out.
    expect(await steps.locator('.conversion').allTextContents()).toEqual(['100 %', '40 %', '40 %'])
    expect(await steps.locator('.funnel-figures').allTextContents()).toEqual([
      '100 % 5 sessions',
      '40 % 2 sessions −3 dropped',
      '40 % 2 sessions',
    ])
    // Split by the variant of each session's first view (store.test.ts): b, a, none.
    await page.getByTestId('funnel-split').selectOption('context.variant')
    await page.getByRole('button', { name: 'Show funnel' }).click()
    const segments = page.locator('[data-testid="funnel-segments"] tbody tr')
    await segments.first().waitFor()
    expect(await segments.locator('.segment').allTextContents()).toEqual(['b', 'a', '(none)'])
    expect(await segments.first().locator('td.num').allTextContents()).toEqual([
      '100 % 3',
      '33 % 1',
      '33 % 1',
    ])
    expect(await segments.last().locator('td.num').allTextContents()).toEqual([
      '100 % 1',
      '0 % 0',
      '0 % 0',
    ])
    await page.screenshot({ path: join(artifacts, 'dashboard-funnel.png'), fullPage: true })
    await page.close()
  })

  it('lists sessions and shows a session timeline in order', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await open(page, `${h.url}/?app=shop#/sessions`)
    const rows = page.locator('[data-testid="sessions"] tbody tr')
    await rows.first().waitFor()
    expect(
      await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-session'))),
    ).toEqual(['s5', 's4', 's3', 's2', 's1'])
    await page.locator('tr[data-session="s1"]').click()
    const items = page.locator('[data-testid="timeline"] li')
    await items.first().waitFor()
    expect(await items.locator('.name').allTextContents()).toEqual([
      '/',
      'View product',
      '/products/:id',
      'Add to cart',
      '/checkout',
      'Place order',
    ])
    expect(await items.locator('.offset').allTextContents()).toEqual([
      '+0 ms',
      '+10.0 s',
      '+20.0 s',
      '+30.0 s',
      '+40.0 s',
      '+50.0 s',
    ])
    expect(page.url()).toMatch(/#\/sessions\/s1$/)
    await page.screenshot({ path: join(artifacts, 'dashboard-session.png'), fullPage: true })
    await page.close()
  })

  it('shows the overview, flows, frustration and timing pages', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await open(page, `${h.url}/?app=shop#/flows`)
    await page.getByTestId('sankey').waitFor()
    expect(await page.getByTestId('sankey').textContent()).toContain('View product')
    await page.screenshot({ path: join(artifacts, 'dashboard-flows.png'), fullPage: true })
    await page.goto(`${h.url}/#/frustration`)
    await page.getByTestId('frustration-pages').waitFor()
    expect(await page.getByTestId('frustration-pages').textContent()).toContain('/products/:id')
    await page.screenshot({ path: join(artifacts, 'dashboard-frustration.png'), fullPage: true })
    await page.goto(`${h.url}/#/timing`)
    await page.getByTestId('timing').waitFor()
    // betweenActions over the fixture: 16 measured, p50 10 s.
    expect(await page.getByTestId('timing').textContent()).toContain('10.0 s')
    await page.screenshot({ path: join(artifacts, 'dashboard-timing.png'), fullPage: true })
    // The application id is remembered without ?app=.
    await page.goto(`${h.url}/#/overview`)
    await page.locator('[data-testid="overview-chart"] canvas').waitFor()
    expect(await page.locator('.tile strong').first().textContent()).toBe('21')
    await page.waitForTimeout(300)
    await page.screenshot({ path: join(artifacts, 'dashboard.png'), fullPage: true })
    expect(existsSync(join(artifacts, 'dashboard.png'))).toBe(true)
    await page.close()
  })

  it('tracks itself into the collector that serves it', async () => {
    const page = await browser.newPage()
    await open(page, `${h.url}/?app=shop#/actions`)
    // The tracker sends its batch at the latest 5 s after its first event.
    const sent = page.waitForResponse((r) => r.url().includes('/v1/events'), { timeout: 15_000 })
    await page.locator('[data-testid="top-actions"] tbody tr').first().click()
    await page.getByTestId('action-detail').waitFor()
    expect((await sent).status()).toBe(200)
    await page.close()
    await expect
      .poll(
        async () =>
          (
            await request(
              `${h.url}/api/sessions?app=actiontrail-dashboard&from=${Date.now() - HOUR}&to=${Date.now() + HOUR}`,
            )
          ).json?.sessions?.length ?? 0,
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0)
  })
})

describe('dashboard alerts page', () => {
  let hook: Server
  const received: unknown[] = []
  beforeAll(async () => {
    hook = createServer((req, res) => {
      req.resume()
      req.on('end', () => {
        received.push(req.url)
        res.end('ok')
      })
    })
    await new Promise<void>((done) => hook.listen(0, '127.0.0.1', done))
  })
  afterAll(() => new Promise<void>((done) => hook.close(() => done())))

  it('lists the rules with their state and shows a rule with its history', async () => {
    const port = (hook.address() as AddressInfo).port
    const created = await request(`${h.url}/api/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Busy shop',
        applicationId: 'shop',
        metric: 'action_count',
        comparator: 'above',
        threshold: 5,
        windowMs: '1d',
        webhookUrl: `http://127.0.0.1:${port}/hook`,
      }),
    })
    expect(created.status, created.text).toBe(201)
    await h.collector.alerts.evaluateNow()
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await open(page, `${h.url}/?app=shop#/alerts`)
    const row = page.locator('[data-testid="alerts"] tbody tr')
    await row.first().waitFor()
    expect(await row.first().textContent()).toContain('Busy shop')
    expect(await row.first().locator('.badge').textContent()).toBe('firing')
    expect(await row.first().textContent()).toContain('action_count above 5 over 1 d')
    await row.first().click()
    const detail = page.getByTestId('alert-detail')
    await detail.waitFor()
    expect(await detail.locator('tbody tr').count()).toBe(1)
    expect(await detail.locator('tbody tr').textContent()).toContain('delivered')
    await page.screenshot({ path: join(artifacts, 'dashboard-alerts.png'), fullPage: true })
    await page.close()
    expect(received).toEqual(['/hook'])
  })
})

describe('dashboard with an API token', () => {
  let secured: Harness
  beforeAll(async () => {
    secured = await startCollector({ storeKind: 'sqlite', apiToken: 'dashboard-secret-token-1' })
    await ingestFixture(secured, 'pub-test')
  })
  afterAll(() => secured?.stop())

  it('asks for the token once and sends it as Authorization: Bearer', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await open(page, `${secured.url}/?app=shop#/actions`)
    const input = page.getByLabel('API token')
    await input.waitFor()
    await input.fill('wrong-token-wrong-token')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByText('That token was wrong.').waitFor()
    await page.getByLabel('API token').fill('dashboard-secret-token-1')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.locator('[data-testid="top-actions"] tbody tr').first().waitFor()
    // Kept for the tab: another page needs no prompt.
    await page.goto(`${secured.url}/#/sessions`)
    await page.locator('[data-testid="sessions"] tbody tr').first().waitFor()
    expect(await page.evaluate('sessionStorage.getItem("actiontrail.apiToken")')).toBe(
      'dashboard-secret-token-1',
    )
    await context.close()
  })
})
