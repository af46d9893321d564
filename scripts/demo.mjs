// Starts the demo: a collector with its embedded store in ./.actiontrail-demo, and the demo shops
// wired to it. `--simulate` then drives headless Chromium through the shops for a minute, so the
// dashboard has actions to show. Run through `npm run demo` (which installs and builds first).
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { stripVTControlCharacters } from 'node:util'

const root = fileURLToPath(new URL('..', import.meta.url))
const simulate = process.argv.includes('--simulate')
const TOKEN = 'demo-token'
const APP = 'demo-shop'
/**
 * The demo shops: each is a workspace app whose `start` script serves it (on its own port) and
 * which reads the collector's address from VITE_ACTIONTRAIL_ENDPOINT and VITE_ACTIONTRAIL_TOKEN.
 * `visit` is what one simulated visitor does there (`--simulate`).
 */
const SHOPS = [
  { name: 'shop', workspace: '@actiontrail/demo', visit: clickAround },
  // The same shop in three frameworks (apps/shop-kit/SHOP.md), on ports 5174, 5175 and 5176.
  { name: 'react', workspace: '@actiontrail/demo-react', visit: shopFunnel },
  { name: 'vue', workspace: '@actiontrail/demo-vue', visit: shopFunnel },
  { name: 'angular', workspace: '@actiontrail/demo-angular', visit: shopFunnel },
]

const { createCollectorServer, createStore } = await import(
  new URL('../packages/collector/dist/index.js', import.meta.url).href
)

const dataDir = `${root}.actiontrail-demo`
const store = await createStore(undefined, dataDir)
const collector = await createCollectorServer({ store, dataDir, tokens: `${TOKEN}:${APP}` })
const { url: collectorUrl } = await collector.listen(8787)
const endpoint = `${collectorUrl}/v1/events`

/** Starts one shop and resolves with its address once its server says where it listens. */
function startShop({ workspace }) {
  const child = spawn('pnpm', ['--filter', workspace, 'start'], {
    cwd: root,
    env: { ...process.env, VITE_ACTIONTRAIL_ENDPOINT: endpoint, VITE_ACTIONTRAIL_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(child)
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk)
      const found = /Local:\s+(http:\/\/\S+)/.exec(stripVTControlCharacters(String(chunk)))
      if (found) resolve(found[1])
    })
    child.on('exit', (code) => reject(new Error(`${workspace} stopped (exit code ${code})`)))
  })
}

const children = []
const shopUrls = []
for (const shop of SHOPS) shopUrls.push(await startShop(shop))

console.log(`
  Actiontrail demo
${SHOPS.map((shop, i) => `    ${shop.name.padEnd(10)} ${shopUrls[i]}`).join('\n')}
    dashboard  ${collectorUrl}/?app=${APP}
    collector  ${collectorUrl}  (events: ${endpoint}, data in ${dataDir})
  Ctrl+C stops everything.
`)

let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  for (const child of children) child.kill('SIGTERM')
  await collector.close()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)

if (simulate) {
  await drive(shopUrls, 60_000)
  const to = Date.now() + 60_000
  const top = await store.topActions({ applicationId: APP, from: to - 3_600_000, to }, 10)
  console.log('\n  Top actions after the simulation:')
  for (const action of top)
    console.log(`    ${String(action.count).padStart(4)}  ${action.type.padEnd(10)} ${action.name}`)
  console.log('')
}

/** Sends visitors through the shops, one after the other, for `ms` milliseconds. */
async function drive(urls, ms) {
  const require = createRequire(`${root}packages/core/package.json`)
  const chromium = JSON.parse(readFileSync(`${root}config/chromium.json`, 'utf8'))
  const browser = await require('playwright').chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? chromium.path,
    args: chromium.args,
  })
  const until = Date.now() + ms
  console.log(`  Simulating visitors for ${ms / 1000} s...`)
  while (Date.now() < until) {
    const shop = Math.floor(Math.random() * urls.length)
    const page = await browser.newPage()
    await page.goto(urls[shop])
    // A visitor who waits in vain for something the page does not offer just leaves.
    await SHOPS[shop].visit(page, until).catch((error) => {
      if (error.name !== 'TimeoutError') throw error
    })
    await page.close() // the page goes away: its last actions are sent
  }
  await browser.close()
}

/** A visitor's moment of reading before the next step. */
function pause(page) {
  return page.waitForTimeout(300 + Math.random() * 700)
}

/** The vanilla shop (apps/demo): up to eight random clicks on its buttons and links. */
async function clickAround(page, until) {
  const steps = [
    '#add-to-cart',
    '#size-guide',
    '#coupon',
    '#load-reviews',
    '#shipping-link',
    '#back-to-product',
  ]
  for (let i = 0; i < 8 && Date.now() < until; i++) {
    const step = steps[Math.floor(Math.random() * steps.length)]
    if (await page.isVisible(step)) await page.click(step)
    await pause(page)
  }
}

/**
 * A framework shop: down the funnel (product, add to cart, cart, checkout, order), leaving at
 * each step with some chance, so the dashboard's funnels show drop-off; some visitors rage at
 * the coupon button or send the form empty first.
 */
async function shopFunnel(page, until) {
  const timeout = 5000
  const button = (name) => page.getByRole('button', { name })
  const steps = [
    async () => {
      const products = page.getByRole('main').getByRole('link')
      await products.first().waitFor({ timeout })
      await products.nth(Math.floor(Math.random() * (await products.count()))).click()
    },
    () => button('Add to cart').click({ timeout }),
    () => page.getByRole('banner').getByRole('link', { name: /^Cart/ }).click({ timeout }),
    () => button('Checkout').click({ timeout }),
    async () => {
      if (Math.random() < 0.3) await button('Place order').click({ timeout })
      if (Math.random() < 0.3) for (let i = 0; i < 4; i++) await button('Apply coupon').click()
    },
    async () => {
      await page.getByLabel('Name').fill('Ada Lovelace', { timeout })
      await pause(page)
      await page.getByLabel('Email').fill('ada@example.com')
      await pause(page)
      await page.getByLabel('Card number').fill('4242 4242 4242 4242')
    },
    () => button('Place order').click({ timeout }),
  ]
  for (const step of steps) {
    if (Date.now() >= until || Math.random() < 0.15) return
    await step()
    await pause(page)
  }
}
