/**
 * `pnpm bench`: measures every figure of issue #9, prints one Markdown table and writes the
 * figures to bench/results/latest.json. See bench/README.md for what each one means.
 *
 *   pnpm --filter @actiontrail/bench bench [--quick] [--only sizes,clicks,...]
 *     [--collector-events N] [--collector-stores sqlite,duckdb,clickhouse]
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { launchChromium } from './browser'
import { measureClicks } from './clicks'
import { measureCollector } from './collector'
import { describeMachine } from './machine'
import { measureMemory } from './memory'
import { measureMutations } from './mutations'
import { measurePipeline } from './pipeline'
import { markdown, type Results } from './report'
import { startServer } from './server'
import { measureSizes } from './sizes'

const FIGURES = ['sizes', 'pipeline', 'clicks', 'mutations', 'memory', 'collector'] as const

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'collector-events': { type: 'string' },
    'collector-stores': { type: 'string' },
  },
})
const quick = values.quick === true
const only = new Set(values.only ? values.only.split(',') : FIGURES)
for (const name of only) {
  if (!(FIGURES as readonly string[]).includes(name))
    throw new Error(`--only takes ${FIGURES.join(', ')}; got "${name}"`)
}

// A quick run (about a minute) for trying a change; the full run is the one to report.
const settings = {
  quick,
  clickPairs: quick ? 2 : 5,
  clicks: quick ? 100 : 300,
  mutationRounds: quick ? 3 : 7,
  bursts: 50,
  rowsPerBurst: 200,
  memoryRuns: quick ? 1 : 3,
  memoryActions: 10_000,
  pipelinePairs: quick ? 3 : 7,
  pipelineEvents: 100_000,
  collectorEvents: Number(values['collector-events'] ?? (quick ? 100_000 : 1_000_000)),
}

const log = (line: string) => console.error(`[bench] ${line}`)
const results: Results = {
  date: new Date().toISOString(),
  machine: describeMachine(),
  settings,
}

if (only.has('sizes')) {
  log('bytes of each entry')
  results.sizes = await measureSizes()
}
if (only.has('pipeline')) {
  log('pipeline throughput in Node')
  results.pipeline = await measurePipeline({
    pairs: settings.pipelinePairs,
    events: settings.pipelineEvents,
  })
}
if (only.has('clicks') || only.has('mutations') || only.has('memory')) {
  const server = await startServer()
  const browser = await launchChromium()
  results.machine.chromium = browser.version()
  try {
    if (only.has('clicks')) {
      log(`click cost: ${settings.clickPairs} pairs of runs of ${settings.clicks} clicks`)
      results.clicks = await measureClicks(browser, server, {
        pairs: settings.clickPairs,
        clicks: settings.clicks,
      })
    }
    if (only.has('mutations')) {
      log(`mutation cost: ${settings.mutationRounds} rounds of 3 variants`)
      results.mutations = await measureMutations(browser, server, {
        rounds: settings.mutationRounds,
        bursts: settings.bursts,
        rows: settings.rowsPerBurst,
      })
    }
    if (only.has('memory')) {
      log(`memory with a stalled collector: ${settings.memoryRuns} runs`)
      results.memory = await measureMemory(browser, server, {
        runs: settings.memoryRuns,
        actions: settings.memoryActions,
      })
    }
  } finally {
    await browser.close()
    await server.close()
  }
}
if (only.has('collector')) {
  log(`collector stores: ${settings.collectorEvents.toLocaleString('en-US')} events`)
  // ClickHouse too (issue #10): `npm run bench` installs it, and its bench starts its own server.
  const stores = values['collector-stores'] ?? 'sqlite,duckdb,clickhouse'
  results.collector = await measureCollector(settings.collectorEvents, stores)
}

results.machine.loadAtEnd = Math.round((loadavg()[0] ?? 0) * 100) / 100
const dir = new URL('../results/', import.meta.url)
mkdirSync(dir, { recursive: true })
writeFileSync(new URL('latest.json', dir), `${JSON.stringify(results, null, 2)}\n`)
console.log(markdown(results))
