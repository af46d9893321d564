import type { EventRow, FlowEdge, FunnelStep, Scope, Step } from './types'

/**
 * How a column is kept: `text`, `int` (64-bit integer: epoch ms, counts), `real` (durations may
 * carry fractions of a millisecond) or `bool` (SQLite keeps 0/1, DuckDB a BOOLEAN).
 */
export type ColumnKind = 'text' | 'int' | 'real' | 'bool'

/** Every column of the `events` table, in `EventRow` order; `true` when it may be null. */
export const COLUMNS: readonly (readonly [keyof EventRow, ColumnKind, boolean])[] = [
  ['id', 'text', false],
  ['type', 'text', false],
  ['time', 'int', false],
  ['application_id', 'text', false],
  ['session_id', 'text', false],
  ['user_id', 'text', true],
  ['view_url', 'text', false],
  ['view_path', 'text', false],
  ['view_route', 'text', true],
  ['view_referrer', 'text', false],
  ['browser', 'text', true],
  ['os', 'text', true],
  ['device', 'text', true],
  ['action_id', 'text', true],
  ['action_type', 'text', true],
  ['action_name', 'text', true],
  ['name_source', 'text', true],
  ['action_start', 'int', true],
  ['duration', 'real', true],
  ['complete_reason', 'text', true],
  ['interrupted_by', 'text', true],
  ['target_tag', 'text', true],
  ['target_selector', 'text', true],
  ['requests', 'int', true],
  ['resources', 'int', true],
  ['mutations', 'int', true],
  ['errors', 'int', true],
  ['long_tasks', 'int', true],
  ['rage', 'bool', false],
  ['dead', 'bool', false],
  ['error_signal', 'bool', false],
  ['abandon', 'bool', false],
  ['nav_from', 'text', true],
  ['nav_to', 'text', true],
  ['nav_method', 'text', true],
  ['nav_trigger', 'text', true],
  ['form_name', 'text', true],
  ['form_interaction', 'text', true],
  ['error_message', 'text', true],
  ['error_type', 'text', true],
  ['error_stack', 'text', true],
  ['error_source', 'text', true],
  ['error_action_id', 'text', true],
  ['context', 'text', true],
  ['action_context', 'text', true],
  ['user', 'text', true],
  ['received_at', 'int', false],
]

export const COLUMN_NAMES = COLUMNS.map(([name]) => name)

/** `user` is a keyword in both engines' SQL: column names are always quoted. */
export const quote = (name: string) => `"${name}"`

export const COLUMN_LIST = COLUMN_NAMES.map(quote).join(', ')

/** `CREATE TABLE` for either engine, given how it spells each kind of column. */
export function createTableSql(types: Record<ColumnKind, string>): string {
  const columns = COLUMNS.map(
    ([name, kind, nullable]) => `  ${quote(name)} ${types[kind]}${nullable ? '' : ' NOT NULL'}`,
  )
  return `CREATE TABLE IF NOT EXISTS events (\n${columns.join(',\n')},\n  PRIMARY KEY (id)\n)`
}

/** Drops the repeats of an id inside one batch: the first one wins, the rest are duplicates. */
export function uniqueById(rows: EventRow[]): EventRow[] {
  const seen = new Set<string>()
  const unique: EventRow[] = []
  for (const row of rows) {
    if (seen.has(row.id)) continue
    seen.add(row.id)
    unique.push(row)
  }
  return unique
}

/**
 * Parameters are written `$name` and bound from an object: better-sqlite3 and DuckDB both read
 * that spelling, so the query text below is shared by the two stores.
 */
export type Params = Record<string, string | number>

/** The events of `scope`: one application, `from` inclusive, `to` exclusive. */
export const SCOPE_SQL = 'application_id = $app AND "time" >= $from AND "time" < $to'

export const scopeParams = (scope: Scope): Params => ({
  app: scope.applicationId,
  from: scope.from,
  to: scope.to,
})

/**
 * An action step matches action events by name; a route step matches navigation actions by the
 * page they went to. `e` is the alias of the events table in the query.
 */
function stepSql(step: Step, param: string, e: string): string {
  return step.kind === 'action'
    ? `(${e}."type" = 'action' AND ${e}.action_name = $${param})`
    : `(${e}."type" = 'action' AND ${e}.action_type = 'navigation' AND COALESCE(${e}.view_route, ${e}.view_path) = $${param})`
}

/**
 * Funnel query: one row, column `s<i>` = sessions that reached step i.
 *
 * For each occurrence of the first step (a possible start), every next step is matched by its
 * earliest occurrence strictly after the previous step's and at most `windowMs` after the start;
 * greedy earliest matching reaches the deepest step for a given start. A session reaches step i
 * when any of its starts does, so a later start that goes further counts. Each level joins the
 * events table itself by (application, session, time); with `sqliteJoin`, SQLite is told to loop
 * over the previous level and look each session up in its (application_id, session_id, time)
 * index (its planner, without statistics, scans every event in the window instead). The levels
 * are materialized: each is read by the next level and by the final count.
 */
export function funnelSql(steps: Step[], sqliteJoin = false): { sql: string; params: Params } {
  // SQLite: CROSS JOIN keeps the previous level as the outer loop, INDEXED BY picks the index.
  const join = sqliteJoin
    ? 'CROSS JOIN events e INDEXED BY events_app_session_time'
    : 'JOIN events e'
  const params: Params = {}
  steps.forEach((step, i) => {
    params[`step${i}`] = step.value
  })
  const levels = [
    `l0 AS MATERIALIZED (SELECT session_id, "time" AS start, "time" AS t FROM events e WHERE ${SCOPE_SQL} AND ${stepSql(steps[0] as Step, 'step0', 'e')})`,
    ...steps
      .slice(1)
      .map(
        (step, j) =>
          `l${j + 1} AS MATERIALIZED (SELECT p.session_id, p.start, MIN(e."time") AS t FROM l${j} p ` +
          `${join} ON e.application_id = $app AND e.session_id = p.session_id ` +
          `AND e."time" > p.t AND e."time" <= p.start + $window AND e."time" < $to ` +
          `AND ${stepSql(step, `step${j + 1}`, 'e')} GROUP BY p.session_id, p.start)`,
      ),
  ]
  const counts = steps
    .map((_, i) => `(SELECT COUNT(DISTINCT session_id) FROM l${i}) AS s${i}`)
    .join(', ')
  return { sql: `WITH ${levels.join(', ')} SELECT ${counts}`, params }
}

/** Turns the per-step session counts into funnel steps with conversion and drop-off. */
export function funnelSteps(steps: Step[], reached: number[]): FunnelStep[] {
  const first = reached[0] ?? 0
  return steps.map((step, i) => {
    const sessions = reached[i] ?? 0
    return {
      step,
      sessions,
      conversion: first === 0 ? 0 : sessions / first,
      dropOff: i === 0 ? 0 : (reached[i - 1] ?? 0) - sessions,
    }
  })
}

/**
 * Flows: in each session, events ordered by time (then id), every event followed by the next one
 * of the same kind makes an edge. Kind `action`: every action that is not a navigation (clicks,
 * forms, custom and API-typed actions), by name. Kind `route`: navigation actions, by the page
 * they went to. Repeats (A → A) are kept: they are what the user did.
 */
export function flowsSql(kind: Step['kind']): string {
  const node = kind === 'action' ? 'action_name' : 'COALESCE(view_route, view_path)'
  const filter =
    kind === 'action'
      ? `"type" = 'action' AND action_type <> 'navigation'`
      : `"type" = 'action' AND action_type = 'navigation'`
  return (
    `WITH seq AS (SELECT ${node} AS node, LEAD(${node}) OVER ` +
    `(PARTITION BY session_id ORDER BY "time", id) AS next FROM events WHERE ${SCOPE_SQL} AND ${filter}) ` +
    `SELECT node AS "from", next AS "to", COUNT(*) AS count FROM seq WHERE next IS NOT NULL ` +
    `GROUP BY node, next ORDER BY count DESC, node, next LIMIT $limit`
  )
}

export const toFlowEdge = (row: Record<string, unknown>): FlowEdge => ({
  from: String(row.from),
  to: String(row.to),
  count: Number(row.count),
})

/**
 * The percentile definition of both stores: linear interpolation between the closest ranks
 * (Hyndman & Fan type 7, as numpy's default, Excel's PERCENTILE.INC and DuckDB's
 * `quantile_cont`). Over the n sorted durations x[0..n-1], h = (n − 1)·p and
 * P(p) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌈h⌉] − x[⌊h⌋]). p50 of 100, 200, 300, 400 is 250; of one value,
 * that value. Actions without a duration are left out; none at all gives null.
 */
export const PERCENTILES = { p50: 0.5, p75: 0.75, p95: 0.95 } as const

/** The same definition in JS: the SQLite store's, and the tests'. */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null
  const h = (sorted.length - 1) * p
  const lo = Math.floor(h)
  const hi = Math.ceil(h)
  const low = sorted[lo] as number
  if (lo === hi) return low
  return low + (h - lo) * ((sorted[hi] as number) - low)
}

/** Turns a stored row (SQLite 0/1, DuckDB bigint) back into an `EventRow`. */
export function toEventRow(stored: Record<string, unknown>): EventRow {
  const row: Record<string, unknown> = {}
  for (const [name, kind] of COLUMNS) {
    const value = stored[name]
    if (value === null || value === undefined) row[name] = kind === 'bool' ? false : null
    else if (kind === 'bool') row[name] = Boolean(value)
    else if (kind === 'int' || kind === 'real') row[name] = Number(value)
    else row[name] = value
  }
  return row as unknown as EventRow
}
