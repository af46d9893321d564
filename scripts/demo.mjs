// Starts the demo: a collector with its embedded store in ./.actiontrail-demo, and the demo shops
// wired to it. `--simulate` then drives headless Chromium through the shops for a minute, so the
// dashboard has actions to show. Run through `npm run demo` (which installs and builds first).
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { stripVTControlCharacters } from 'node:util'

const root = fileURLToPath(new URL('..', import.meta.url))
const simulate = process.argv.includes('--simulate')
const TOKEN = 'demo-token'
const APP = 'demo-shop'
/**
 * The demo shops: each is a workspace app whose `start` script serves it and which reads the
 * collector's address from VITE_ACTIONTRAIL_ENDPOINT and VITE_ACTIONTRAIL_TOKEN. The framework
 * shops of the adapters join this list, each on its own port.
 */
const SHOPS = [{ name: 'shop', workspace: '@actiontrail/demo' }]

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

/** Clicks through the shops like visitors would, for `ms` milliseconds. */
async function drive(urls, ms) {
  const require = createRequire(`${root}packages/core/package.json`)
  const { chromium } = require('playwright')
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  const steps = [
    '#add-to-cart',
    '#size-guide',
    '#coupon',
    '#load-reviews',
    '#shipping-link',
    '#back-to-product',
  ]
  const until = Date.now() + ms
  console.log(`  Simulating visitors for ${ms / 1000} s...`)
  while (Date.now() < until) {
    const page = await browser.newPage()
    await page.goto(urls[Math.floor(Math.random() * urls.length)])
    for (let i = 0; i < 8 && Date.now() < until; i++) {
      const step = steps[Math.floor(Math.random() * steps.length)]
      if (await page.isVisible(step)) await page.click(step)
      await page.waitForTimeout(300 + Math.random() * 700)
    }
    await page.close() // the page goes away: its last actions are sent
  }
  await browser.close()
}
