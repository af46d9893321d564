/**
 * Compares the two embedded stores on 1,000,000 generated events: ingest rate (batches of 50 as
 * the collector receives them, and bulk), then the latency of the funnel, flow and percentile
 * queries (median of 5 runs). Prints a Markdown table.
 *
 *   pnpm --filter @actiontrail/collector bench            # or, in packages/collector:
 *   node --max-old-space-size=8192 --import tsx bench/stores.ts [events] [--json <file>]
 *     [--store sqlite,duckdb,clickhouse] [--clickhouse-url http://127.0.0.1:8123]
 *
 * `--store` picks the stores (default: the two embedded ones). ClickHouse is reached at
 * `--clickhouse-url`, in a database of its own (dropped at the end); without a URL the bench
 * starts a ClickHouse server of its own (test/clickhouse.ts) and stops it. The answers of each
 * store are checked against the first one's; ClickHouse's percentiles come from `quantiles`,
 * exact up to 8192 durations per action and sampled beyond, so they are held to 5 % (the
 * largest gap is printed) rather than to a millionth.
 *
 * Ingest phases, in time order of the events: the first 10 % in batches of 50 into an empty
 * store, the next 85 % in bulk (50,000 rows per `insert`), the last 5 % in batches of 50 into a
 * store of ~950,000 rows, then 10,000 already-stored events again in batches of 50 (all
 * duplicates). Queries cover application `shop` over the whole 30 days (~90 % of the events)
 * and over its last day. Both stores must give the same answers: the run fails otherwise.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import {
  type ClickhouseOptions,
  createStore,
  type EventRow,
  type EventStore,
  type Step,
  type StoreKind,
} from '../src/store'
import { clickhouse as chClient } from '../src/store/clickhouse'
import { type ClickhouseProcess, startClickhouse } from '../test/clickhouse'
import { DAY, END, generate, START } from './generate'

// A bare `--` (from `pnpm bench -- …`) is not an argument.
const args = process.argv.slice(2).filter((arg) => arg !== '--')
const jsonFlag = args.indexOf('--json')
/** `--json <file>`: also write the figures there, as numbers with units, for other reports. */
const JSON_PATH = jsonFlag >= 0 ? args.splice(jsonFlag, 2)[1] : undefined
/** The value of `--<name> <value>`, taken out of `args`. */
const option = (name: string) => {
  const at = args.indexOf(`--${name}`)
  return at >= 0 ? args.splice(at, 2)[1] : undefined
}
const KINDS = (option('store') ?? 'sqlite,duckdb').split(',') as StoreKind[]
let clickhouseUrl = option('clickhouse-url')
const TOTAL = Number(args[0] ?? 1_000_000)
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

interface Figure {
  value: number
  unit: 'ev/s' | 'ms' | 'MiB'
}
type Figures = Record<string, Figure>

const format = ({ value, unit }: Figure) =>
  unit === 'ms' && value < 10
    ? `${value.toFixed(1)} ms`
    : `${Math.round(value).toLocaleString('en-US')} ${unit}`

async function bench(
  kind: StoreKind,
  events: EventRow[],
): Promise<{ figures: Figures; answers: unknown[] }> {
  const dir = mkdtempSync(join(tmpdir(), `actiontrail-bench-${kind}-`))
  const figures: Figures = {}
  const answers: unknown[] = []
  const log = (line: string) => console.error(`[${kind}] ${line}`)
  const clickhouse: ClickhouseOptions | undefined =
    kind === 'clickhouse'
      ? { url: clickhouseUrl as string, database: `actiontrail_bench_${process.pid}` }
      : undefined
  const open = () => createStore(kind, dir, clickhouse)
  try {
    const store = await open()
    const n = events.length
    const [a, b, c] = [0.1, 0.9, 0.95].map((share) => Math.round(n * share)) as [
      number,
      number,
      number,
    ]
    const count = (x: number) => x.toLocaleString('en-US')
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
      const figure: Figure = { value: Math.round(r.rate), unit: 'ev/s' }
      figures[name] = figure
      inserted += r.inserted
      duplicates += r.duplicates
      log(`${name}: ${format(figure)} (${r.seconds.toFixed(1)} s)`)
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
      figures[name] = { value: Number(ms.toFixed(1)), unit: 'ms' }
      answers.push(result)
      log(`${name}: ${ms.toFixed(1)} ms`)
    }
    await store.close()
    const bytes = clickhouse ? await clickhouseBytes(clickhouse) : dirSize(dir)
    figures['Files on disk after close'] = { value: Math.round(bytes / 1024 / 1024), unit: 'MiB' }
    const deleteStore = await open()
    const start = performance.now()
    const deleted = await deleteStore.deleteBefore(START + 3 * DAY)
    figures['deleteBefore (first 3 days)'] = {
      value: Math.round(performance.now() - start),
      unit: 'ms',
    }
    log(`deleted ${deleted}`)
    answers.push(deleted)
    await deleteStore.close()
    return { figures, answers }
  } finally {
    rmSync(dir, { recursive: true, force: true })
    // A server the bench started goes with its folder; on another one, the database is dropped
    // (that can take a while after a million rows and a DELETE).
    if (clickhouse && !server)
      await chClient({ ...clickhouse, timeoutMs: 600_000 }).exec(
        `DROP DATABASE IF EXISTS ${clickhouse.database}`,
      )
  }
}

/** ClickHouse's parts of the bench database, compressed, on disk. */
async function clickhouseBytes(options: ClickhouseOptions): Promise<number> {
  const [row] = await chClient(options).rows<{ bytes: number }>(
    `SELECT sum(bytes_on_disk) AS bytes FROM system.parts WHERE database = '${options.database}' AND active`,
  )
  return Number(row?.bytes ?? 0)
}

/** The percentiles of `topActions` answers (ClickHouse samples them past 8192 durations). */
const PERCENTILE_KEYS = new Set(['p50', 'p75', 'p95'])
let largestPercentileGap = 0

/**
 * The stores must agree: numbers to a millionth, or with `sampled`, percentiles to 5 % (the
 * largest relative gap is kept in `largestPercentileGap`).
 */
function same(a: unknown, b: unknown, sampled = false, key = ''): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    const gap = Math.abs(a - b) / Math.max(1, Math.abs(a))
    if (!(sampled && PERCENTILE_KEYS.has(key))) return gap <= 1e-6
    largestPercentileGap = Math.max(largestPercentileGap, gap)
    return gap <= 0.05
  }
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => same(x, b[i], sampled))
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(a)
    return (
      keys.length === Object.keys(b).length &&
      keys.every((k) => same((a as never)[k], (b as never)[k], sampled, k))
    )
  }
  return a === b
}

const genStart = performance.now()
const events = generate(TOTAL)
console.error(
  `generated ${events.length.toLocaleString('en-US')} events in ${SESSIONS.toLocaleString('en-US')}-odd sessions in ${((performance.now() - genStart) / 1000).toFixed(1)} s`,
)
const kinds = KINDS
let server: ClickhouseProcess | undefined
if (kinds.includes('clickhouse') && !clickhouseUrl) {
  server = await startClickhouse()
  clickhouseUrl = server.url
  console.error(`started ClickHouse at ${server.url}`)
}
const results: Record<string, { figures: Figures; answers: unknown[] }> = {}
try {
  for (const kind of kinds) results[kind] = await bench(kind, events)
} finally {
  await server?.dispose()
}
const [first, ...others] = kinds.map((kind) => results[kind]) as {
  figures: Figures
  answers: unknown[]
}[]
if (!first) throw new Error('missing results')
others.forEach((other, k) => {
  const kind = kinds[k + 1] as StoreKind
  const disagree = first.answers
    .map((answer, i) => (same(answer, other.answers[i], kind === 'clickhouse') ? -1 : i))
    .filter((i) => i >= 0)
  if (disagree.length > 0) {
    console.error(
      JSON.stringify({
        [kinds[0] as string]: disagree.map((i) => first.answers[i]),
        [kind]: disagree.map((i) => other.answers[i]),
      }).slice(0, 4000),
    )
    throw new Error(`${kind} disagrees with ${kinds[0]} on answers ${disagree.join(', ')}`)
  }
})
const TITLES: Record<StoreKind, string> = {
  sqlite: 'SQLite (better-sqlite3)',
  duckdb: 'DuckDB (@duckdb/node-api)',
  clickhouse: 'ClickHouse (HTTP, one server)',
}
console.log(
  `| ${events.length.toLocaleString('en-US')} events | ${kinds.map((k) => TITLES[k]).join(' | ')} |`,
)
console.log(`|---|${kinds.map(() => '---:').join('|')}|`)
for (const name of Object.keys(first.figures)) {
  const cells = kinds.map((kind) => format(results[kind]?.figures[name] as Figure))
  console.log(`| ${name} | ${cells.join(' | ')} |`)
}
console.log(
  kinds.length > 1
    ? `\nThe stores gave the same answers to every query${kinds.includes('clickhouse') ? ` (ClickHouse's sampled percentiles at most ${(largestPercentileGap * 100).toFixed(2)} % off)` : ''}.`
    : '',
)
if (JSON_PATH) {
  const stores = Object.fromEntries(kinds.map((kind) => [kind, results[kind]?.figures]))
  writeFileSync(JSON_PATH, `${JSON.stringify({ events: events.length, stores }, null, 2)}\n`)
}
