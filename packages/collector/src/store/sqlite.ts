import Database from 'better-sqlite3'
import {
  actionCountsSql,
  addedColumnsSql,
  COLUMN_LIST,
  COLUMN_NAMES,
  COLUMNS,
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
  PERCENTILES,
  percentile,
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

/**
 * A JSON value as text: json_extract gives SQL values (true is 1), so booleans are spelled out as
 * DuckDB's json_extract_string spells them.
 */
const jsonText = (column: string) =>
  `CASE json_type(${column}, $path) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(json_extract(${column}, $path) AS TEXT) END`

type Bindable = string | number | null

/**
 * SQLite has no percentile function. Sorting inside SQL (window-numbered rows, then the two
 * closest ranks picked out and interpolated) took 3.9 s over 900,000 actions; one pass that
 * groups the rows in JS and sorts each group's durations takes 1.7 s, with the same definition
 * (`percentile` in schema.ts). Order and limit as DuckDB's: count, then name, then type.
 */
const TOP_ACTIONS_SQL = `SELECT action_name, action_type, duration, COALESCE(errors, 0) > 0,
  rage OR dead OR error_signal OR abandon
FROM events WHERE ${SCOPE_SQL} AND "type" = 'action'`

interface Group {
  name: string
  type: string
  count: number
  erred: number
  frustrated: number
  durations: number[]
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The embedded store on SQLite (better-sqlite3). WAL journal with `synchronous = FULL`: every
 * commit syncs the WAL file, so an insert that has returned survives a power cut. (NORMAL syncs
 * only at checkpoints: the last commits could be lost, which breaks "durable before the 2xx".)
 *
 * better-sqlite3 is synchronous: a query runs on the calling thread.
 */
export function createSqliteStore(path: string): EventStore {
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('busy_timeout = 5000')
  const sqlTypes = { text: 'TEXT', int: 'INTEGER', real: 'REAL', bool: 'INTEGER' }
  db.exec(createTableSql(sqlTypes))
  const existing = db.pragma('table_info(events)') as { name: string }[]
  for (const statement of addedColumnsSql(
    existing.map((column) => column.name),
    sqlTypes,
  ))
    db.exec(statement)
  db.exec('CREATE INDEX IF NOT EXISTS events_app_time ON events (application_id, "time")')
  db.exec(
    'CREATE INDEX IF NOT EXISTS events_app_session_time ON events (application_id, session_id, "time")',
  )

  const insertOne = db.prepare(
    `INSERT OR IGNORE INTO events (${COLUMN_LIST}) VALUES (${COLUMN_NAMES.map(() => '?').join(', ')})`,
  )
  const toValues = (row: EventRow): Bindable[] =>
    COLUMNS.map(([name, kind]) => {
      const value = row[name]
      if (kind === 'bool') return value ? 1 : 0
      return value === undefined ? null : (value as Bindable)
    })
  const insertAll = db.transaction((rows: EventRow[]) => {
    let inserted = 0
    for (const row of rows) inserted += insertOne.run(toValues(row)).changes
    return inserted
  })

  const topActions = db.prepare(TOP_ACTIONS_SQL).raw()
  const timeline = db.prepare<[string, string], Record<string, unknown>>(
    `SELECT ${COLUMN_LIST} FROM events WHERE application_id = ? AND session_id = ? ORDER BY "time", id`,
  )
  const deleteBefore = db.prepare<[number]>('DELETE FROM events WHERE received_at < ?')
  const flows = {
    action: db.prepare<Record<string, string | number>, Record<string, unknown>>(
      flowsSql('action'),
    ),
    route: db.prepare<Record<string, string | number>, Record<string, unknown>>(flowsSql('route')),
  }
  type Rows = Record<string, unknown>[]
  const all = (sql: string, params: Record<string, string | number>) =>
    db.prepare(sql).all(params) as Rows
  const overview = db.prepare(OVERVIEW_SQL)
  const frustrationByElement = db.prepare(FRUSTRATION_BY_ELEMENT_SQL)
  const frustrationByPage = db.prepare(FRUSTRATION_BY_PAGE_SQL)
  const timing = db.prepare(TIMING_SQL).raw()
  const sessions = db.prepare(SESSIONS_SQL)
  let closed = false

  return {
    async insert(rows) {
      const inserted = rows.length === 0 ? 0 : insertAll(rows)
      return { inserted, duplicates: rows.length - inserted }
    },

    async topActions(scope, limit) {
      const groups = new Map<string, Group>()
      const rows = topActions.iterate(scopeParams(scope)) as Iterable<
        [string, string, number | null, number, number]
      >
      for (const [name, type, duration, erred, frustrated] of rows) {
        const key = `${name}\u0000${type}`
        let group = groups.get(key)
        if (!group) {
          group = { name, type, count: 0, erred: 0, frustrated: 0, durations: [] }
          groups.set(key, group)
        }
        group.count++
        group.erred += erred
        group.frustrated += frustrated
        if (duration !== null) group.durations.push(duration)
      }
      return [...groups.values()]
        .sort((a, b) => b.count - a.count || compare(a.name, b.name) || compare(a.type, b.type))
        .slice(0, Math.max(0, limit))
        .map((group): TopAction => {
          const sorted = Float64Array.from(group.durations).sort()
          const [p50, p75, p95] = Object.values(PERCENTILES).map((p) => percentile(sorted, p))
          return {
            name: group.name,
            type: group.type,
            count: group.count,
            p50: p50 ?? null,
            p75: p75 ?? null,
            p95: p95 ?? null,
            errorRate: group.erred / group.count,
            frustrationRate: group.frustrated / group.count,
          }
        })
    },

    async funnel(scope, steps, windowMs) {
      if (steps.length === 0) return []
      const { sql, params } = funnelSql(steps, true)
      const row = db.prepare(sql).get({ ...scopeParams(scope), ...params, window: windowMs }) as
        | Record<string, number>
        | undefined
      return funnelSteps(
        steps,
        steps.map((_, i) => Number(row?.[`s${i}`] ?? 0)),
      )
    },

    async funnelBySegment(scope, steps, windowMs, segmentBy, limit) {
      if (steps.length === 0) return []
      const { sql, params } = funnelSegmentSql(steps, segmentBy, jsonText, true)
      return funnelSegments(
        steps,
        all(sql, { ...scopeParams(scope), ...params, window: windowMs }),
        limit,
      )
    },

    async flows(scope, kind, limit) {
      return flows[kind].all({ ...scopeParams(scope), limit }).map(toFlowEdge)
    },

    async overview(scope, bucketMs) {
      return fillBuckets(
        scope,
        bucketMs,
        overview.all({ ...scopeParams(scope), bucket: bucketMs }) as Rows,
      )
    },

    async distribution(scope, by, limit, actionName) {
      const { sql, params } = distributionSql(by, jsonText, actionName)
      return all(sql, { ...scopeParams(scope), ...params, limit }).map(toDistributionEntry)
    },

    async frustration(scope, limit) {
      const params = { ...scopeParams(scope), limit }
      return toFrustrationReport(
        frustrationByElement.all(params) as Rows,
        frustrationByPage.all(params) as Rows,
      )
    },

    async timing(scope) {
      const values: Record<string, number[]> = { between: [], page: [], first: [] }
      for (const [metric, value] of timing.iterate(scopeParams(scope)) as Iterable<
        [string, number]
      >)
        values[metric]?.push(value)
      const report = {} as TimingReport
      for (const [metric, key] of Object.entries(TIMING_METRICS)) {
        const sorted = Float64Array.from(values[metric] ?? []).sort()
        report[key] = sorted.length
          ? { count: sorted.length, p50: percentile(sorted, 0.5), p75: percentile(sorted, 0.75) }
          : emptyTimingStat()
      }
      return report
    },

    async sessions(scope, limit) {
      return (sessions.all({ ...scopeParams(scope), limit }) as Rows).map(toSessionSummary)
    },

    async actionCounts(scope, filter) {
      const { sql, params } = actionCountsSql(filter)
      return toActionCounts(db.prepare(sql).get({ ...scopeParams(scope), ...params }) as Rows[0])
    },

    async sessionTimeline(applicationId, sessionId) {
      return timeline.all(applicationId, sessionId).map(toEventRow)
    },

    async deleteBefore(time) {
      return deleteBefore.run(time).changes
    },

    async close() {
      if (closed) return
      closed = true
      db.close()
    },
  }
}
