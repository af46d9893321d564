import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  type DuckDBAppender,
  type DuckDBConnection,
  DuckDBDataChunk,
  DuckDBInstance,
  type DuckDBType,
  type DuckDBValue,
  VARCHAR,
} from '@duckdb/node-api'
import { type InsertCounts, insertGroups } from './insertGroups'
import {
  actionCountsSql,
  addedColumnsSql,
  COLUMN_LIST,
  COLUMNS,
  type ColumnKind,
  createTableSql,
  distributionSql,
  emptyTimingStat,
  FRUSTRATION_BY_ELEMENT_SQL,
  FRUSTRATION_BY_PAGE_SQL,
  fillBuckets,
  flowsSql,
  funnelSegmentSql,
  funnelSegments,
  funnelSql,
  funnelSteps,
  OVERVIEW_SQL,
  type Params,
  PERCENTILES,
  SCOPE_SQL,
  SESSIONS_SQL,
  scopeParams,
  TIMING_METRICS,
  TIMING_SQL,
  toActionCounts,
  toDistributionEntry,
  toEventRow,
  toFlowEdge,
  toFrustrationReport,
  toSessionSummary,
} from './schema'
import type { EventRow, EventStore, TimingReport, TopAction } from './types'

/** The value at `$path` of a JSON text column, as text (NULL when absent or JSON null). */
const jsonText = (column: string) => `json_extract_string(${column}, $path)`

/** Timing percentiles with `quantile_cont`, the definition of `PERCENTILES`. */
const TIMING_STATS_SQL = `SELECT metric, COUNT(*) AS n, quantile_cont(value, [0.5, 0.75]) AS q
FROM (${TIMING_SQL}) GROUP BY metric`

const TYPES: Record<ColumnKind, DuckDBType> = {
  text: VARCHAR,
  int: BIGINT,
  real: DOUBLE,
  bool: BOOLEAN,
}

/** Rows per data chunk: DuckDB's vector size. */
const CHUNK_ROWS = 2048

/** `quantile_cont` is the linear-interpolation definition of `PERCENTILES`. */
const TOP_ACTIONS_SQL = `
SELECT action_name AS name, action_type AS type, COUNT(*) AS count,
  COUNT(*) FILTER (WHERE COALESCE(errors, 0) > 0) AS erred,
  COUNT(*) FILTER (WHERE rage OR dead OR error_signal OR abandon) AS frustrated,
  quantile_cont(duration, [${Object.values(PERCENTILES).join(', ')}]) AS q
FROM events WHERE ${SCOPE_SQL} AND "type" = 'action'
GROUP BY action_name, action_type
ORDER BY count DESC, name, type
LIMIT $limit`

/** DuckDB infers a JS number as DOUBLE; compare epoch ms as BIGINT so the column is not cast. */
function paramTypes(params: Params): Record<string, DuckDBType> {
  const types: Record<string, DuckDBType> = {}
  for (const [name, value] of Object.entries(params)) {
    types[name] = typeof value === 'string' ? VARCHAR : Number.isInteger(value) ? BIGINT : DOUBLE
  }
  return types
}

/** The column values of `rows` as the appender wants them (BIGINT as bigint). */
function toColumns(rows: EventRow[]): DuckDBValue[][] {
  return COLUMNS.map(([name, kind]) =>
    rows.map((row): DuckDBValue => {
      const value = row[name]
      if (kind === 'bool') return Boolean(value)
      if (value === null || value === undefined) return null
      if (kind === 'int') return BigInt(Math.round(value as number))
      return value as DuckDBValue
    }),
  )
}

/**
 * `$window` of a funnel query: only a funnel of two steps or more reads it, and DuckDB refuses a
 * parameter the query does not have.
 */
const windowParam = (steps: unknown[], windowMs: number): Params =>
  steps.length > 1 ? { window: windowMs } : {}

/** Runs one task at a time: a DuckDB connection must not run two statements at once. */
function serial() {
  let last: Promise<unknown> = Promise.resolve()
  return <T>(task: () => Promise<T>): Promise<T> => {
    const next = last.then(task, task)
    last = next.catch(() => undefined)
    return next
  }
}

/**
 * New database files use DuckDB's storage format v1.2.0 (DuckDB 1.2 and later read it) instead of
 * the default v1.0.0. In the old format every checkpoint converts the whole primary-key index
 * into that format's layout: a second or more per checkpoint at 1M ids, more as the table grows
 * (in the bench, 16 batches in flight went at 13,000 events/s instead of 19,000). A file made in
 * the old format keeps that format (DuckDB does not convert it) and opens as before.
 */
const INSTANCE_OPTIONS = { storage_compatibility_version: 'v1.2.0' }

/** Rows per commit at most: below the appender's own flush threshold, so a commit is atomic. */
const GROUP_ROWS = 20 * CHUNK_ROWS

const isConstraintError = (error: unknown) =>
  error instanceof Error && /constraint|duplicate key/i.test(error.message)

/**
 * The embedded store on DuckDB (@duckdb/node-api). Same table and semantics as the SQLite store.
 *
 * Ingest: batches that arrive while a write is running are grouped into the next write (group
 * commit), and repeated ids inside the group are dropped in JS (the first one wins). The group
 * is then appended straight to `events` with the appender and flushed: one transaction, and
 * DuckDB writes and fsyncs its WAL at every commit, so the batches are durable when `insert`
 * resolves (the WAL is folded into the database file at automatic checkpoints, every 16 MiB of
 * WAL, and on close). When an id is already stored the primary key refuses the whole append;
 * the group then goes through an in-memory staging table and `INSERT OR IGNORE ... RETURNING
 * id`, which tells which ids were new. That path costs about three times as much, and only
 * re-sent batches take it.
 *
 * No secondary indexes: DuckDB's ART indexes serve point lookups only, while its scans skip
 * row groups by their min/max per column (events arrive in roughly time order).
 * Writes and reads use separate connections, each running one statement at a time.
 */
export async function createDuckdbStore(path: string): Promise<EventStore> {
  const instance = await DuckDBInstance.create(path, INSTANCE_OPTIONS)
  const writer = await instance.connect()
  const reader = await instance.connect()
  const sqlTypes = { text: 'VARCHAR', int: 'BIGINT', real: 'DOUBLE', bool: 'BOOLEAN' }
  await writer.run(createTableSql(sqlTypes))
  const existing = await writer.runAndReadAll(
    "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'",
  )
  const names = existing.getRowObjectsJS().map((row) => String(row.column_name))
  for (const statement of addedColumnsSql(names, sqlTypes)) await writer.run(statement)
  await writer.run('CREATE OR REPLACE TEMP TABLE staging AS SELECT * FROM events LIMIT 0')
  let appender = await writer.createAppender('events')
  const staging = await writer.createAppender('staging', null, 'temp')
  const types = COLUMNS.map(([, kind]) => TYPES[kind])
  const write = serial()
  const read = serial()
  let closed = false

  const query = (connection: DuckDBConnection, sql: string, params: Params) =>
    connection
      .runAndReadAll(sql, params, paramTypes(params))
      .then((result) => result.getRowObjectsJS())

  const append = (target: DuckDBAppender, rows: EventRow[]) => {
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      const slice = rows.slice(start, start + CHUNK_ROWS)
      const chunk = DuckDBDataChunk.create(types, slice.length)
      chunk.setColumns(toColumns(slice))
      target.appendDataChunk(chunk)
    }
    target.flushSync()
  }

  /** Stores rows with distinct ids in one commit; tells which of them were new. */
  const store = async (rows: EventRow[]): Promise<(id: string) => boolean> => {
    try {
      append(appender, rows)
      return () => true
    } catch (error) {
      // A refused append leaves the appender unusable: start a new one.
      appender.clear()
      appender.closeSync()
      appender = await writer.createAppender('events')
      if (!isConstraintError(error)) throw error
    }
    try {
      append(staging, rows)
      const result = await writer.runAndReadAll(
        `INSERT OR IGNORE INTO events (${COLUMN_LIST}) SELECT ${COLUMN_LIST} FROM temp.staging RETURNING id`,
      )
      const inserted = new Set(result.getColumnsJS()[0] as string[])
      return (id) => inserted.has(id)
    } finally {
      staging.clear()
      await writer.run('DELETE FROM temp.staging')
    }
  }

  /** Stores a group of batches; each batch's counts, in order. */
  const storeGroup = async (batches: EventRow[][]) => {
    const counts: InsertCounts[] = batches.map(() => ({ inserted: 0, duplicates: 0 }))
    const seen = new Set<string>()
    const fresh: EventRow[] = []
    const owners: number[] = []
    batches.forEach((rows, owner) => {
      for (const row of rows) {
        if (seen.has(row.id)) {
          ;(counts[owner] as InsertCounts).duplicates++
          continue
        }
        seen.add(row.id)
        fresh.push(row)
        owners.push(owner)
      }
    })
    for (let start = 0; start < fresh.length; start += GROUP_ROWS) {
      const part = fresh.slice(start, start + GROUP_ROWS)
      const isNew = await store(part)
      part.forEach((row, k) => {
        const count = counts[owners[start + k] as number] as InsertCounts
        if (isNew(row.id)) count.inserted++
        else count.duplicates++
      })
    }
    return counts
  }

  const groups = insertGroups(
    (batches: EventRow[][]) => write(() => storeGroup(batches)),
    () => closed,
    GROUP_ROWS,
  )

  return {
    insert: groups.insert,

    topActions(scope, limit) {
      return read(async () => {
        const rows = await query(reader, TOP_ACTIONS_SQL, { ...scopeParams(scope), limit })
        return rows.map((row): TopAction => {
          const q = (row.q ?? []) as (number | null)[]
          const count = Number(row.count)
          return {
            name: String(row.name),
            type: String(row.type),
            count,
            p50: q[0] ?? null,
            p75: q[1] ?? null,
            p95: q[2] ?? null,
            errorRate: Number(row.erred) / count,
            frustrationRate: Number(row.frustrated) / count,
          }
        })
      })
    },

    funnel(scope, steps, windowMs) {
      if (steps.length === 0) return Promise.resolve([])
      return read(async () => {
        const { sql, params } = funnelSql(steps)
        const [row] = await query(reader, sql, {
          ...scopeParams(scope),
          ...params,
          ...windowParam(steps, windowMs),
        })
        return funnelSteps(
          steps,
          steps.map((_, i) => Number(row?.[`s${i}`] ?? 0)),
        )
      })
    },

    funnelBySegment(scope, steps, windowMs, segmentBy, limit) {
      if (steps.length === 0) return Promise.resolve([])
      return read(async () => {
        const { sql, params } = funnelSegmentSql(steps, segmentBy, jsonText)
        const rows = await query(reader, sql, {
          ...scopeParams(scope),
          ...params,
          ...windowParam(steps, windowMs),
        })
        return funnelSegments(steps, rows, limit)
      })
    },

    flows(scope, kind, limit) {
      return read(async () => {
        const rows = await query(reader, flowsSql(kind), { ...scopeParams(scope), limit })
        return rows.map(toFlowEdge)
      })
    },

    overview(scope, bucketMs) {
      return read(async () =>
        fillBuckets(
          scope,
          bucketMs,
          await query(reader, OVERVIEW_SQL, { ...scopeParams(scope), bucket: bucketMs }),
        ),
      )
    },

    distribution(scope, by, limit, actionName) {
      return read(async () => {
        const { sql, params } = distributionSql(by, jsonText, actionName)
        const rows = await query(reader, sql, { ...scopeParams(scope), ...params, limit })
        return rows.map(toDistributionEntry)
      })
    },

    frustration(scope, limit) {
      return read(async () => {
        const params = { ...scopeParams(scope), limit }
        const byElement = await query(reader, FRUSTRATION_BY_ELEMENT_SQL, params)
        const byPage = await query(reader, FRUSTRATION_BY_PAGE_SQL, params)
        return toFrustrationReport(byElement, byPage)
      })
    },

    timing(scope) {
      return read(async () => {
        const rows = await query(reader, TIMING_STATS_SQL, scopeParams(scope))
        const report = {} as TimingReport
        for (const [metric, key] of Object.entries(TIMING_METRICS)) {
          const row = rows.find((r) => r.metric === metric)
          const q = (row?.q ?? []) as (number | null)[]
          report[key] = row
            ? { count: Number(row.n), p50: q[0] ?? null, p75: q[1] ?? null }
            : emptyTimingStat()
        }
        return report
      })
    },

    sessions(scope, limit) {
      return read(async () => {
        const rows = await query(reader, SESSIONS_SQL, { ...scopeParams(scope), limit })
        return rows.map(toSessionSummary)
      })
    },

    actionCounts(scope, filter) {
      return read(async () => {
        const { sql, params } = actionCountsSql(filter)
        const [row] = await query(reader, sql, { ...scopeParams(scope), ...params })
        return toActionCounts(row)
      })
    },

    sessionTimeline(applicationId, sessionId) {
      return read(async () => {
        const rows = await query(
          reader,
          `SELECT ${COLUMN_LIST} FROM events WHERE application_id = $app AND session_id = $session ORDER BY "time", id`,
          { app: applicationId, session: sessionId },
        )
        return rows.map(toEventRow)
      })
    },

    deleteBefore(time) {
      return write(async () => {
        const result = await writer.run(
          'DELETE FROM events WHERE received_at < $time',
          { time },
          {
            time: BIGINT,
          },
        )
        return result.rowsChanged
      })
    },

    async close() {
      if (closed) return
      closed = true
      // Let what was accepted finish, then close: closing the last connection checkpoints.
      await groups.idle()
      await write(async () => undefined)
      await read(async () => undefined)
      appender.closeSync()
      staging.closeSync()
      reader.closeSync()
      writer.closeSync()
      instance.closeSync()
    },
  }
}
