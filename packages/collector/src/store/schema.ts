import type {
  ActionCounts,
  ActionFilter,
  DistributionBy,
  DistributionEntry,
  EventRow,
  FlowEdge,
  FrustrationReport,
  FunnelSegment,
  FunnelSegmentBy,
  FunnelStep,
  MetadataColumn,
  OverviewBucket,
  Scope,
  SessionSummary,
  Step,
  TimingReport,
  TimingStat,
} from './types'

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
  // Added after the first release: tables made before get it through `addedColumnsSql`.
  ['nav_failure', 'text', true],
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

/**
 * `ALTER TABLE` statements adding the columns a table made by an earlier version lacks, given
 * the columns it has. New columns are nullable and come last, so the column order stays that
 * of `COLUMNS`.
 */
export function addedColumnsSql(existing: string[], types: Record<ColumnKind, string>): string[] {
  return COLUMNS.filter(([name]) => !existing.includes(name)).map(
    ([name, kind]) => `ALTER TABLE events ADD COLUMN ${quote(name)} ${types[kind]}`,
  )
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
  const { levels, params } = funnelLevels(steps, sqliteJoin)
  const counts = steps
    .map((_, i) => `(SELECT COUNT(DISTINCT session_id) FROM l${i}) AS s${i}`)
    .join(', ')
  return { sql: `WITH ${levels.join(', ')} SELECT ${counts}`, params }
}

/** The levels `l0`, `l1`, … of the funnel query (see `funnelSql`), and the step parameters. */
function funnelLevels(steps: Step[], sqliteJoin: boolean): { levels: string[]; params: Params } {
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
  return { levels, params }
}

/** `browser`, `os`, `device`, `context.<key>` or `user.<key>` (key paths as for distributions). */
export const isFunnelSegmentBy = (by: string): by is FunnelSegmentBy =>
  parseDimension(by) !== undefined && /^(browser|os|device|context\..+|user\..+)$/.test(by)

/**
 * Segmented funnel query: the levels of `funnelSql`, and `seg`, each session's segment: the
 * value on its first step-1 event in scope (by time, then id). Rows: `segment`, `lvl` (step
 * index) and `sessions` (sessions of that segment that reached that step); a segment without a
 * session at some step has no row for it. The value is read as `distributionSql` reads it.
 */
export function funnelSegmentSql(
  steps: Step[],
  segmentBy: FunnelSegmentBy,
  jsonText: (column: string) => string,
  sqliteJoin = false,
): { sql: string; params: Params } {
  if (!isFunnelSegmentBy(segmentBy)) throw new Error(`unknown funnel segment: ${segmentBy}`)
  const { levels, params } = funnelLevels(steps, sqliteJoin)
  const { value, params: valueParams } = dimensionValue(segmentBy, jsonText)
  const seg =
    `seg AS MATERIALIZED (SELECT session_id, segment FROM (SELECT session_id, ${value} AS segment, ` +
    `ROW_NUMBER() OVER (PARTITION BY session_id ORDER BY "time", id) AS rn FROM events e ` +
    `WHERE ${SCOPE_SQL} AND ${stepSql(steps[0] as Step, 'step0', 'e')}) f WHERE rn = 1)`
  const counts = steps
    .map(
      (_, i) =>
        `SELECT g.segment, ${i} AS lvl, COUNT(DISTINCT l.session_id) AS sessions FROM l${i} l ` +
        'JOIN seg g ON g.session_id = l.session_id GROUP BY g.segment',
    )
    .join(' UNION ALL ')
  return {
    sql: `WITH ${[...levels, seg].join(', ')} ${counts}`,
    params: { ...params, ...valueParams },
  }
}

/**
 * Turns the rows of `funnelSegmentSql` into one funnel per segment: the most step-1 sessions
 * first, then by value (`null` last), at most `limit`.
 */
export function funnelSegments(
  steps: Step[],
  rows: Record<string, unknown>[],
  limit: number,
): FunnelSegment[] {
  const reached = new Map<string | null, number[]>()
  for (const row of rows) {
    const segment = row.segment === null || row.segment === undefined ? null : String(row.segment)
    let counts = reached.get(segment)
    if (!counts) {
      counts = steps.map(() => 0)
      reached.set(segment, counts)
    }
    counts[num(row.lvl)] = num(row.sessions)
  }
  return [...reached.entries()]
    .sort(
      ([a, ca], [b, cb]) =>
        (cb[0] ?? 0) - (ca[0] ?? 0) ||
        (a === null ? 1 : 0) - (b === null ? 1 : 0) ||
        (a !== null && b !== null ? (a < b ? -1 : a > b ? 1 : 0) : 0),
    )
    .slice(0, Math.max(0, limit))
    .map(([segment, counts]) => ({ segment, steps: funnelSteps(steps, counts) }))
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

/** A count as a JS number: SQLite gives numbers, DuckDB bigints for BIGINT and HUGEINT sums. */
const num = (value: unknown): number => Number(value ?? 0)

/** An action with at least one frustration signal (SQLite keeps 0/1: both read it as a truth). */
const FRUSTRATED = '(rage OR dead OR error_signal OR abandon)'
const countIf = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`

/**
 * Overview: events per bucket of `$bucket` ms counted from `$from` (`"time" − ("time" − from) mod
 * bucket` is the bucket's start; every time in scope is ≥ from, so the remainder is never
 * negative). Only buckets with events come back; `fillBuckets` adds the empty ones.
 */
export const OVERVIEW_SQL = `SELECT "time" - (("time" - $from) % $bucket) AS bucket,
  ${countIf(`"type" = 'action'`)} AS actions,
  ${countIf(`"type" = 'error'`)} AS errors,
  COUNT(DISTINCT session_id) AS sessions,
  ${countIf(`"type" = 'action' AND ${FRUSTRATED}`)} AS frustrated
FROM events WHERE ${SCOPE_SQL} GROUP BY bucket ORDER BY bucket`

/** Every bucket from `scope.from` to `scope.to`, with the counts of `rows` or zeros. */
export function fillBuckets(
  scope: Scope,
  bucketMs: number,
  rows: Record<string, unknown>[],
): OverviewBucket[] {
  const byTime = new Map(rows.map((row) => [num(row.bucket), row]))
  const buckets: OverviewBucket[] = []
  for (let time = scope.from; time < scope.to; time += bucketMs) {
    const row = byTime.get(time)
    buckets.push({
      time,
      actions: num(row?.actions),
      errors: num(row?.errors),
      sessions: num(row?.sessions),
      frustrated: num(row?.frustrated),
    })
  }
  return buckets
}

/** What a `distribution` dimension reads: a column expression, or a key path in a JSON column. */
export type Dimension =
  | { kind: 'column'; sql: string }
  | { kind: 'json'; column: MetadataColumn; path: string }

const DIMENSION_COLUMNS: Record<string, string> = {
  type: 'action_type',
  route: 'COALESCE(view_route, view_path)',
  browser: 'browser',
  os: 'os',
  device: 'device',
}

/** Key paths: names of letters, digits and underscores, separated by dots (ingest turned dots in keys into underscores). */
const KEY_PATH = /^(context|action_context|user)\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)$/

/**
 * Reads a `distribution` dimension; `undefined` when it is not one. A key path becomes a JSON
 * path (`context.cart.size` → `$.cart.size`), bound as a parameter, never spliced into the SQL.
 */
export function parseDimension(by: string): Dimension | undefined {
  const column = DIMENSION_COLUMNS[by]
  if (column !== undefined && Object.hasOwn(DIMENSION_COLUMNS, by))
    return { kind: 'column', sql: column }
  const match = KEY_PATH.exec(by)
  if (!match) return undefined
  return { kind: 'json', column: match[1] as MetadataColumn, path: `$.${match[2]}` }
}

export const isDistributionBy = (by: string): by is DistributionBy =>
  parseDimension(by) !== undefined

/** The SQL expression of a dimension's value, and the parameters it binds (`$path`). */
function dimensionValue(
  by: string,
  jsonText: (column: string) => string,
): { value: string; params: Params } {
  const dimension = parseDimension(by)
  if (!dimension) throw new Error(`unknown distribution dimension: ${by}`)
  const value = dimension.kind === 'column' ? dimension.sql : jsonText(quote(dimension.column))
  const params: Params = dimension.kind === 'json' ? { path: dimension.path } : {}
  return { value, params }
}

/**
 * Distribution of actions by a dimension. `jsonText(column)` is the engine's expression for the
 * value at `$path` of a JSON column as text (the one place the engines differ). Absent values
 * are grouped as `null`, listed after the others when counts tie. With `actionName`, only the
 * actions of that name are counted (bound as `$actionName`).
 */
export function distributionSql(
  by: DistributionBy,
  jsonText: (column: string) => string,
  actionName?: string,
): { sql: string; params: Params } {
  const { value, params } = dimensionValue(by, jsonText)
  let filter = ''
  if (actionName !== undefined) {
    filter = ' AND action_name = $actionName'
    params.actionName = actionName
  }
  return {
    sql: `SELECT ${value} AS value, COUNT(*) AS count, COUNT(DISTINCT session_id) AS sessions
FROM events WHERE ${SCOPE_SQL} AND "type" = 'action'${filter}
GROUP BY value ORDER BY count DESC, value IS NULL, value LIMIT $limit`,
    params,
  }
}

export const toDistributionEntry = (row: Record<string, unknown>): DistributionEntry => ({
  value: row.value === null || row.value === undefined ? null : String(row.value),
  count: num(row.count),
  sessions: num(row.sessions),
})

const FRUSTRATION_COUNTS = `COUNT(*) AS actions,
  ${countIf(FRUSTRATED)} AS frustrated,
  ${countIf('rage')} AS rage_count,
  ${countIf('dead')} AS dead_count,
  ${countIf('error_signal')} AS error_count,
  ${countIf('abandon')} AS abandon_count`

/** Frustration by element (selector and action name), groups with a signal, most frustrated first. */
export const FRUSTRATION_BY_ELEMENT_SQL = `SELECT target_selector AS selector, action_name AS name, ${FRUSTRATION_COUNTS}
FROM events WHERE ${SCOPE_SQL} AND "type" = 'action'
GROUP BY target_selector, action_name HAVING ${countIf(FRUSTRATED)} > 0
ORDER BY frustrated DESC, name, selector IS NULL, selector LIMIT $limit`

/** Frustration by page (route, or path without one). */
export const FRUSTRATION_BY_PAGE_SQL = `SELECT COALESCE(view_route, view_path) AS page, ${FRUSTRATION_COUNTS}
FROM events WHERE ${SCOPE_SQL} AND "type" = 'action'
GROUP BY page HAVING ${countIf(FRUSTRATED)} > 0
ORDER BY frustrated DESC, page LIMIT $limit`

/**
 * Alert metrics: the actions of scope matching `filter` (name, page, type; absent: any), with
 * how many had an error, a frustration signal, a rage click, a dead click.
 */
export function actionCountsSql(filter: ActionFilter): { sql: string; params: Params } {
  const conditions = [SCOPE_SQL, `"type" = 'action'`]
  const params: Params = {}
  if (filter.actionName !== undefined) {
    conditions.push('action_name = $actionName')
    params.actionName = filter.actionName
  }
  if (filter.route !== undefined) {
    conditions.push('COALESCE(view_route, view_path) = $route')
    params.route = filter.route
  }
  if (filter.type !== undefined) {
    conditions.push('action_type = $actionType')
    params.actionType = filter.type
  }
  return {
    sql: `SELECT COUNT(*) AS actions, ${countIf('COALESCE(errors, 0) > 0')} AS erred,
  ${countIf(FRUSTRATED)} AS frustrated, ${countIf('rage')} AS rage, ${countIf('dead')} AS dead
FROM events WHERE ${conditions.join(' AND ')}`,
    params,
  }
}

export const toActionCounts = (row: Record<string, unknown> | undefined): ActionCounts => ({
  actions: num(row?.actions),
  erred: num(row?.erred),
  frustrated: num(row?.frustrated),
  rage: num(row?.rage),
  dead: num(row?.dead),
})

const frustrationCounts = (row: Record<string, unknown>) => ({
  actions: num(row.actions),
  frustrated: num(row.frustrated),
  rage: num(row.rage_count),
  dead: num(row.dead_count),
  error: num(row.error_count),
  abandon: num(row.abandon_count),
})

export function toFrustrationReport(
  byElement: Record<string, unknown>[],
  byPage: Record<string, unknown>[],
): FrustrationReport {
  return {
    byElement: byElement.map((row) => ({
      selector: row.selector === null || row.selector === undefined ? null : String(row.selector),
      name: String(row.name),
      ...frustrationCounts(row),
    })),
    byPage: byPage.map((row) => ({ page: String(row.page), ...frustrationCounts(row) })),
  }
}

/**
 * Timing intervals, one row each: `metric` and `value` (ms). Over the actions of each session in
 * time order (then id): `between` is each action to the next; `page` is each navigation to the
 * next navigation; `first` is each navigation to the first click or form action before the next
 * navigation (the actions before a session's first navigation belong to no measured page). Errors
 * are not actions and are left out.
 */
export const TIMING_SQL = `WITH a AS (
  SELECT session_id, id, "time" AS t, action_type,
    LEAD("time") OVER (PARTITION BY session_id ORDER BY "time", id) AS next_t,
    SUM(CASE WHEN action_type = 'navigation' THEN 1 ELSE 0 END) OVER (
      PARTITION BY session_id ORDER BY "time", id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) AS page
  FROM events WHERE ${SCOPE_SQL} AND "type" = 'action'
),
n AS (
  SELECT t, LEAD(t) OVER (PARTITION BY session_id ORDER BY t, id) AS next_t
  FROM a WHERE action_type = 'navigation'
),
f AS (
  SELECT MIN(CASE WHEN action_type = 'navigation' THEN t END) AS nav_t,
    MIN(CASE WHEN action_type IN ('click', 'form') THEN t END) AS first_t
  FROM a WHERE page > 0 GROUP BY session_id, page
)
SELECT 'between' AS metric, next_t - t AS value FROM a WHERE next_t IS NOT NULL
UNION ALL SELECT 'page' AS metric, next_t - t AS value FROM n WHERE next_t IS NOT NULL
UNION ALL SELECT 'first' AS metric, first_t - nav_t AS value FROM f WHERE first_t IS NOT NULL`

export const TIMING_METRICS = {
  between: 'betweenActions',
  page: 'timeOnPage',
  first: 'timeToFirstInteraction',
} as const satisfies Record<string, keyof TimingReport>

export const emptyTimingStat = (): TimingStat => ({ count: 0, p50: null, p75: null })

/** Sessions with events in scope, the most recently active first. */
export const SESSIONS_SQL = `SELECT session_id, MAX(user_id) AS user_id, MIN("time") AS first_time,
  MAX("time") AS last_time, ${countIf(`"type" = 'action'`)} AS actions,
  ${countIf(`"type" = 'error'`)} AS errors
FROM events WHERE ${SCOPE_SQL} GROUP BY session_id ORDER BY last_time DESC, session_id LIMIT $limit`

export const toSessionSummary = (row: Record<string, unknown>): SessionSummary => ({
  sessionId: String(row.session_id),
  userId: row.user_id === null || row.user_id === undefined ? null : String(row.user_id),
  firstTime: num(row.first_time),
  lastTime: num(row.last_time),
  actions: num(row.actions),
  errors: num(row.errors),
})

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

/**
 * The action and error columns of a row, all empty: a row starts from these and fills in what
 * its event has.
 */
export const EMPTY_DETAILS = {
  action_id: null,
  action_type: null,
  action_name: null,
  name_source: null,
  action_start: null,
  duration: null,
  complete_reason: null,
  interrupted_by: null,
  target_tag: null,
  target_selector: null,
  requests: null,
  resources: null,
  mutations: null,
  errors: null,
  long_tasks: null,
  rage: false,
  dead: false,
  error_signal: false,
  abandon: false,
  nav_from: null,
  nav_to: null,
  nav_method: null,
  nav_trigger: null,
  nav_failure: null,
  form_name: null,
  form_interaction: null,
  error_message: null,
  error_type: null,
  error_stack: null,
  error_source: null,
  error_action_id: null,
} as const satisfies Partial<EventRow>
