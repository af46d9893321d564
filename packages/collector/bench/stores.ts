/**
 * Compares the two embedded stores on 1,000,000 generated events: ingest rate (batches of 50 as
 * the collector receives them, and bulk), then the latency of the funnel, flow and percentile
 * queries (median of 5 runs). Prints a Markdown table.
 *
 *   pnpm --filter @actiontrail/collector bench            # or, in packages/collector:
 *   node --max-old-space-size=8192 --import tsx bench/stores.ts [events]
 *
 * Ingest phases, in time order of the events: the first 10 % in batches of 50 into an empty
 * store, the next 85 % in bulk (50,000 rows per `insert`), the last 5 % in batches of 50 into a
 * store of ~950,000 rows, then 10,000 already-stored events again in batches of 50 (all
 * duplicates). Queries cover application `shop` over the whole 30 days (~90 % of the events)
 * and over its last day. Both stores must give the same answers: the run fails otherwise.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import {
  createStore,
  type EventRow,
  type EventStore,
  type Step,
  type StoreKind,
} from '../src/store'
import { DAY, END, generate, START } from './generate'

const TOTAL = Number(process.argv[2] ?? 1_000_000)
const SESSIONS = Math.round(TOTAL / 50)
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

async function timeIt(run: () => Promise<unknown>, times = 5) {
  const ms: number[] = []
  let result: unknown
  for (let i = 0; i < times; i++) {
    const start = performance.now()
    result = await run()
    ms.push(performance.now() - start)
  }
  return { ms: median(ms), result }
}

/** Inserts `rows` in batches of `batch`, with `inFlight` batches sent at a time. */
async function ingest(store: EventStore, rows: EventRow[], batch: number, inFlight = 1) {
  const start = performance.now()
  let inserted = 0
  let duplicates = 0
  let next = 0
  const sender = async () => {
    while (next < rows.length) {
      const from = next
      next += batch
      const r = await store.insert(rows.slice(from, from + batch))
      inserted += r.inserted
      duplicates += r.duplicates
    }
  }
  await Promise.all(Array.from({ length: inFlight }, sender))
  const seconds = (performance.now() - start) / 1000
  return { rate: rows.length / seconds, seconds, inserted, duplicates }
}

const dirSize = (dir: string) =>
  readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0)

const FUNNEL4: Step[] = [
  { kind: 'action', value: 'View product' },
  { kind: 'action', value: 'Add to cart' },
  { kind: 'route', value: '/checkout' },
  { kind: 'action', value: 'Place order' },
]
const FUNNEL3: Step[] = [
  { kind: 'route', value: '/' },
  { kind: 'route', value: '/products/:id' },
  { kind: 'route', value: '/cart' },
]

type Figures = Record<string, string>

async function bench(
  kind: StoreKind,
  events: EventRow[],
): Promise<{ figures: Figures; answers: unknown[] }> {
  const dir = mkdtempSync(join(tmpdir(), `actiontrail-bench-${kind}-`))
  const figures: Figures = {}
  const answers: unknown[] = []
  const log = (line: string) => console.error(`[${kind}] ${line}`)
  try {
    const store = await createStore(kind, dir)
    const n = events.length
    const [a, b, c] = [0.1, 0.9, 0.95].map((share) => Math.round(n * share)) as [
      number,
      number,
      number,
    ]
    const count = (x: number) => x.toLocaleString('en-US')
    const rate = (r: { rate: number }) => `${count(Math.round(r.rate))} ev/s`
    const phases: [string, EventRow[], number, number][] = [
      [`Ingest, batches of 50, one at a time, empty → ${count(a)} rows`, events.slice(0, a), 50, 1],
      [
        `Ingest, bulk (50,000 per insert), ${count(a)} → ${count(b)} rows`,
        events.slice(a, b),
        50_000,
        1,
      ],
      [
        `Ingest, batches of 50, one at a time, ${count(b)} → ${count(c)} rows`,
        events.slice(b, c),
        50,
        1,
      ],
      [
        `Ingest, batches of 50, 16 in flight, ${count(c)} → ${count(n)} rows`,
        events.slice(c),
        50,
        16,
      ],
      ['Re-sent batches of 50 (10,000 duplicates), one at a time', events.slice(0, 10_000), 50, 1],
    ]
    let inserted = 0
    let duplicates = 0
    for (const [name, rows, batch, inFlight] of phases) {
      const r = await ingest(store, rows, batch, inFlight)
      figures[name] = rate(r)
      inserted += r.inserted
      duplicates += r.duplicates
      log(`${name}: ${rate(r)} (${r.seconds.toFixed(1)} s)`)
    }
    if (inserted !== n || duplicates !== 10_000) throw new Error(`${kind}: wrong insert counts`)

    const all = { applicationId: 'shop', from: START, to: END }
    const lastDay = { applicationId: 'shop', from: END - DAY, to: END }
    const sessionId = (events[Math.floor(events.length / 2)] as EventRow).session_id
    const queries: [string, () => Promise<unknown>][] = [
      ['topActions (p50/p75/p95), 30 days', () => store.topActions(all, 50)],
      ['topActions, last day', () => store.topActions(lastDay, 50)],
      [
        'funnel, 4 steps (actions + route), 1 h window, 30 days',
        () => store.funnel(all, FUNNEL4, 3600_000),
      ],
      ['funnel, 3 route steps, 30 min window, 30 days', () => store.funnel(all, FUNNEL3, 1800_000)],
      ['funnel, 4 steps, last day', () => store.funnel(lastDay, FUNNEL4, 3600_000)],
      ['flows, actions, 30 days', () => store.flows(all, 'action', 50)],
      ['flows, routes, 30 days', () => store.flows(all, 'route', 50)],
      ['sessionTimeline (one session)', () => store.sessionTimeline('shop', sessionId)],
    ]
    for (const [name, run] of queries) {
      const { ms, result } = await timeIt(run)
      figures[name] = `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`
      answers.push(result)
      log(`${name}: ${ms.toFixed(1)} ms`)
    }
    await store.close()
    figures['Files on disk after close'] = `${Math.round(dirSize(dir) / 1024 / 1024)} MiB`
    const deleteStore = await createStore(kind, dir)
    const start = performance.now()
    const deleted = await deleteStore.deleteBefore(START + 3 * DAY)
    figures['deleteBefore (first 3 days)'] = `${Math.round(performance.now() - start)} ms`
    log(`deleted ${deleted}`)
    answers.push(deleted)
    await deleteStore.close()
    return { figures, answers }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Both stores must agree; percentiles to a millionth of a millisecond. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number')
    return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a))
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => same(x, b[i]))
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(a)
    return (
      keys.length === Object.keys(b).length &&
      keys.every((k) => same((a as never)[k], (b as never)[k]))
    )
  }
  return a === b
}

const genStart = performance.now()
const events = generate(TOTAL)
console.error(
  `generated ${events.length.toLocaleString('en-US')} events in ${SESSIONS.toLocaleString('en-US')}-odd sessions in ${((performance.now() - genStart) / 1000).toFixed(1)} s`,
)
const kinds: StoreKind[] = ['sqlite', 'duckdb']
const results: Record<string, { figures: Figures; answers: unknown[] }> = {}
for (const kind of kinds) results[kind] = await bench(kind, events)
const [sqlite, duckdb] = [results.sqlite, results.duckdb]
if (!sqlite || !duckdb) throw new Error('missing results')
const disagree = sqlite.answers
  .map((answer, i) => (same(answer, duckdb.answers[i]) ? -1 : i))
  .filter((i) => i >= 0)
if (disagree.length > 0) {
  console.error(
    JSON.stringify({
      sqlite: disagree.map((i) => sqlite.answers[i]),
      duckdb: disagree.map((i) => duckdb.answers[i]),
    }).slice(0, 4000),
  )
  throw new Error(`the stores disagree on answers ${disagree.join(', ')}`)
}
console.log(
  `| ${events.length.toLocaleString('en-US')} events | SQLite (better-sqlite3) | DuckDB (@duckdb/node-api) |`,
)
console.log('|---|---:|---:|')
for (const name of Object.keys(sqlite.figures)) {
  console.log(`| ${name} | ${sqlite.figures[name]} | ${duckdb.figures[name]} |`)
}
console.log('\nBoth stores gave the same answers to every query.')
