import { type InsertCounts, insertGroups } from '../insertGroups'
import {
  COLUMN_LIST,
  emptyTimingStat,
  fillBuckets,
  funnelSegments,
  funnelSteps,
  TIMING_METRICS,
  toActionCounts,
  toDistributionEntry,
  toEventRow,
  toFrustrationReport,
  toSessionSummary,
} from '../schema'
import type { EventRow, EventStore, TimingReport, TopAction } from '../types'
import { type Clickhouse, type ClickhouseConnection, clickhouse, identifier, literal } from './http'
import {
  actionCountsSql,
  distributionSql,
  flowsSql,
  frustrationByElementSql,
  frustrationByPageSql,
  funnelSegmentSql,
  funnelSql,
  overviewSql,
  sessionsSql,
  timingSql,
  topActionsSql,
} from './queries'
import { type ClickhouseLayout, createTables, toClickhouseRow } from './tables'

export type { Clickhouse, ClickhouseConnection } from './http'
export { clickhouse } from './http'

/** How the collector reaches ClickHouse and how its tables are laid out. */
export interface ClickhouseOptions
  extends ClickhouseConnection,
    Omit<ClickhouseLayout, 'database'> {}

/**
 * Text of the ids, sessions and applications looked up in one statement at most: well under
 * ClickHouse's `max_query_size` (256 KiB), whatever the length of the ids (up to 256 characters).
 */
const LOOKUP_CHARS = 100_000

const num = (value: unknown) => Number(value ?? 0)
/** `quantiles` of no value is NaN, which the JSON answer spells null. */
const quantile = (q: unknown, i: number): number | null => {
  const value = (q as (number | null)[] | null)?.[i]
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

/**
 * The event store on ClickHouse, over its HTTP interface (see tables.ts for the layout and
 * queries.ts for the SQL). Any number of collectors can share it.
 *
 * Ingest: batches that arrive while a write runs are grouped into the next write (ClickHouse
 * wants few, large inserts: each one makes a part). A group looks up which of its ids are
 * stored already (by application and session, the front of the sorting key), then inserts the
 * rest as `JSONEachRow`; in a cluster with `insert_distributed_sync`, so that the insert answers
 * only once every shard has its rows, and fails when a shard is down. Two collectors inserting
 * the same event at the same moment both store it: the queries read each id once, and merges
 * fold the copies.
 */
export async function createClickhouseStore(options: ClickhouseOptions): Promise<EventStore> {
  const database = identifier(options.database)
  const layout: ClickhouseLayout = {
    database,
    ...(options.cluster !== undefined && { cluster: options.cluster }),
  }
  const client: Clickhouse = clickhouse(options, database)
  await createTables(clickhouse(options), layout)
  const table = `${database}.events`
  const local = options.cluster ? `${database}.events_local` : table
  const insertSettings: Record<string, number> = options.cluster
    ? { insert_distributed_sync: 1 }
    : {}

  let closed = false

  /** The ids of `rows` that are stored already. */
  const storedIds = async (rows: EventRow[]): Promise<Set<string>> => {
    const found = new Set<string>()
    const list = (values: Iterable<string>) => [...new Set(values)].map(literal).join(', ')
    const lookup = async (part: EventRow[]) => {
      const ids = await client.rows<{ id: string }>(
        `SELECT DISTINCT id FROM ${table} WHERE application_id IN (${list(part.map((r) => r.application_id))}) ` +
          `AND session_id IN (${list(part.map((r) => r.session_id))}) AND id IN (${list(part.map((r) => r.id))})`,
      )
      for (const { id } of ids) found.add(id)
    }
    let part: EventRow[] = []
    let chars = 0
    for (const row of rows) {
      part.push(row)
      chars += row.id.length + row.session_id.length + row.application_id.length + 12
      if (chars < LOOKUP_CHARS) continue
      await lookup(part)
      part = []
      chars = 0
    }
    if (part.length > 0) await lookup(part)
    return found
  }

  /** Stores a group of batches; each batch's counts, in order. */
  const storeGroup = async (batches: EventRow[][]): Promise<InsertCounts[]> => {
    const counts = batches.map(() => ({ inserted: 0, duplicates: 0 }))
    const all = batches.flat()
    const stored = await storedIds(all)
    const seen = new Set<string>()
    const fresh: EventRow[] = []
    batches.forEach((rows, i) => {
      const count = counts[i] as InsertCounts
      for (const row of rows) {
        if (stored.has(row.id) || seen.has(row.id)) {
          count.duplicates++
          continue
        }
        seen.add(row.id)
        fresh.push(row)
        count.inserted++
      }
    })
    // Retried after a network error: an event stored twice is read once and folded by merges.
    await client.insert('events', fresh.map(toClickhouseRow), insertSettings, true)
    return counts
  }

  const groups = insertGroups(storeGroup, () => closed)

  /** Waits until the mutations of `local` (retention's DELETE) have been applied. */
  const mutationsDone = async () => {
    const deadline = Date.now() + 60_000
    while (Date.now() < deadline) {
      const [row] = await client.rows<{ n: number }>(
        `SELECT count() AS n FROM system.mutations WHERE database = ${literal(database)} ` +
          `AND table = ${literal(local.split('.')[1] as string)} AND is_done = 0`,
      )
      if (!row?.n) return
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    throw new Error('the retention DELETE did not finish within 60 s')
  }

  return {
    insert: groups.insert,

    async topActions(scope, limit) {
      const rows = await client.rows(topActionsSql(table, scope, limit))
      return rows.map((row): TopAction => {
        const count = num(row.n)
        return {
          name: String(row.name),
          type: String(row.kind),
          count,
          p50: quantile(row.q, 0),
          p75: quantile(row.q, 1),
          p95: quantile(row.q, 2),
          errorRate: num(row.erred) / count,
          frustrationRate: num(row.frustrated) / count,
        }
      })
    },

    async funnel(scope, steps, windowMs) {
      if (steps.length === 0) return []
      const [row] = await client.rows(funnelSql(table, scope, steps, windowMs))
      return funnelSteps(
        steps,
        steps.map((_, i) => num(row?.[`s${i}`])),
      )
    },

    async funnelBySegment(scope, steps, windowMs, segmentBy, limit) {
      if (steps.length === 0) return []
      const sql = funnelSegmentSql(table, scope, steps, windowMs, segmentBy)
      const rows = await client.rows<Record<string, unknown>>(sql)
      // One row per segment with `s<i>`, as the embedded stores' rows (segment, lvl, sessions).
      const levels = rows.flatMap((row) => {
        const [isNull, value] = row.segment as [number, string]
        return steps.map((_, lvl) => ({
          segment: isNull ? null : value,
          lvl,
          sessions: num(row[`s${lvl}`]),
        }))
      })
      return funnelSegments(steps, levels, limit)
    },

    async flows(scope, kind, limit) {
      const rows = await client.rows(flowsSql(table, scope, kind, limit))
      return rows.map((row) => ({
        from: String(row.source),
        to: String(row.target),
        count: num(row.n),
      }))
    },

    async overview(scope, bucketMs) {
      return fillBuckets(scope, bucketMs, await client.rows(overviewSql(table, scope, bucketMs)))
    },

    async distribution(scope, by, limit, actionName) {
      const rows = await client.rows(distributionSql(table, scope, by, limit, actionName))
      return rows.map((row) =>
        toDistributionEntry({ value: row.val, count: row.n, sessions: row.sessions }),
      )
    },

    async frustration(scope, limit) {
      const [byElement, byPage] = await Promise.all([
        client.rows(frustrationByElementSql(table, scope, limit)),
        client.rows(frustrationByPageSql(table, scope, limit)),
      ])
      return toFrustrationReport(byElement, byPage)
    },

    async timing(scope) {
      const rows = await client.rows(timingSql(table, scope))
      const report = {} as TimingReport
      for (const [metric, key] of Object.entries(TIMING_METRICS)) {
        const row = rows.find((r) => r.metric === metric)
        report[key] = row
          ? { count: num(row.n), p50: quantile(row.q, 0), p75: quantile(row.q, 1) }
          : emptyTimingStat()
      }
      return report
    },

    async sessions(scope, limit) {
      return (await client.rows(sessionsSql(table, scope, limit))).map(toSessionSummary)
    },

    async actionCounts(scope, filter) {
      const [row] = await client.rows(actionCountsSql(table, scope, filter))
      // Aliases must not be column names in ClickHouse: they would replace the columns.
      return toActionCounts(row && { ...row, rage: row.rage_count, dead: row.dead_count })
    },

    async sessionTimeline(applicationId, sessionId) {
      const rows = await client.rows(
        `SELECT ${COLUMN_LIST} FROM ${table} WHERE application_id = ${literal(applicationId)} ` +
          `AND session_id = ${literal(sessionId)} ORDER BY "time", id LIMIT 1 BY id`,
      )
      return rows.map(toEventRow)
    },

    /**
     * On this server's part of the table (each shard runs its own retention: point a collector
     * at every shard). ClickHouse deletes by mutation, in the background: this waits for it.
     */
    async deleteBefore(time) {
      const where = `received_at < ${literal(time)}`
      const [row] = await client.rows<{ n: number }>(
        `SELECT uniqExact(id) AS n FROM ${local} WHERE ${where}`,
      )
      const count = num(row?.n)
      if (count === 0) return 0
      await client.exec(`ALTER TABLE ${local} DELETE WHERE ${where}`)
      await mutationsDone()
      return count
    },

    async close() {
      if (closed) return
      closed = true
      await groups.idle()
    },
  }
}
