import { isFunnelSegmentBy, PERCENTILES, parseDimension } from '../schema'
import type { ActionFilter, DistributionBy, FunnelSegmentBy, Scope, Step } from '../types'
import { literal } from './http'
import { metaValue } from './tables'

/**
 * The query API in ClickHouse SQL that the ClickHouse of Debian's packages (18.16) and current
 * releases both run: no window functions, no query parameters, no JSON path functions. Session
 * sequences (flows, timing) are sorted arrays of each session's events; funnels are
 * `windowFunnel`; percentiles are `quantiles`. Every value is spliced in as a `literal`.
 */

/**
 * The events of a scope, each id once: until a ReplacingMergeTree merges its parts, a resent
 * event (two collectors racing, a retry after a partial insert) can be there twice.
 */
export function scoped(table: string, scope: Scope, columns: string, where = ''): string {
  return (
    `(SELECT id, ${columns} FROM ${table} WHERE application_id = ${literal(scope.applicationId)} ` +
    `AND "time" >= ${literal(scope.from)} AND "time" < ${literal(scope.to)}${where ? ` AND ${where}` : ''} ` +
    'LIMIT 1 BY id)'
  )
}

const ACTION = `"type" = 'action'`
const FRUSTRATED = '(rage OR dead OR error_signal OR abandon)'
const PAGE = 'ifNull(view_route, view_path)'

/**
 * `quantiles` keeps up to 8192 values per group and interpolates linearly between the closest
 * ranks of what it keeps: the definition of `PERCENTILES` (exact up to 8192 durations per
 * group, a uniform sample beyond).
 */
const QUANTILES = `quantiles(${Object.values(PERCENTILES).join(', ')})`

export const topActionsSql = (table: string, scope: Scope, limit: number) =>
  `SELECT action_name AS name, action_type AS kind, count() AS n,
  countIf(ifNull(errors, 0) > 0) AS erred, countIf(${FRUSTRATED}) AS frustrated,
  ${QUANTILES}(duration) AS q
FROM ${scoped(table, scope, 'action_name, action_type, errors, duration, rage, dead, error_signal, abandon', ACTION)}
GROUP BY action_name, action_type ORDER BY n DESC, name, kind LIMIT ${literal(limit)}`

function stepSql(step: Step): string {
  return step.kind === 'action'
    ? `ifNull(action_name = ${literal(step.value)}, 0)`
    : `ifNull(action_type = 'navigation' AND ${PAGE} = ${literal(step.value)}, 0)`
}

/** `windowFunnel` takes UInt32 times. */
const MAX_UINT32 = 4_294_967_295

/**
 * Each session's funnel level (`level`: how many steps it reached) and, with `segment`, the
 * segment of its first step-1 event (by time, then id) as `(isNull, value)`.
 *
 * `windowFunnel` is fed one row per (event, step it matches), each row matching one step k, at
 * time `(t − base) · n + (n − 1 − k)`: ms since the session's first matching event, scaled by the
 * number of steps n, the later steps a little earlier within the same ms. So no two rows share a
 * time, and whatever order a ClickHouse version sorts equal times in, a row is never the step
 * after a row of the same ms: the strict "after" of the embedded stores, and one event is never
 * two steps. The window scales too: (tj − t0) · n − j ≤ window · n exactly when tj − t0 ≤ window.
 * Scaled times fit in UInt32 for about 50 / n days from a session's first step (sessions end
 * after 4 hours); later ones are held at the largest.
 */
function levelsSql(
  table: string,
  scope: Scope,
  steps: Step[],
  windowMs: number,
  segment?: string,
): string {
  const n = steps.length
  // The steps each event matches (lambdas of 18.16 cannot read outer columns: no capture here).
  const matched = `arrayFilter(x -> x >= 0, [${steps.map((step, i) => `if(${stepSql(step)}, ${i}, -1)`).join(', ')}])`
  const conditions = steps.map((_, i) => `e.2 = ${i}`).join(', ')
  const window = Math.min(Math.max(0, Math.floor(windowMs)) * n, MAX_UINT32)
  const time = `toUInt32(least((e.1 - base) * ${n} + ${n - 1} - e.2, ${MAX_UINT32}))`
  const segmentColumn = segment ? `, ${segment} AS seg` : ''
  const firstSegment = segment
    ? ', argMinIf(tuple(isNull(seg), ifNull(seg, \'\')), tuple("time", id), k = 0) AS first_seg'
    : ''
  return `SELECT session_id${segment ? ', any(first_seg) AS segment' : ''},
  windowFunnel(${window})(${time}, ${conditions}) AS level
FROM (
  SELECT session_id, min("time") AS base, groupArray(tuple("time", k)) AS events${firstSegment}
  FROM (SELECT session_id, "time", id, ${matched} AS ks${segmentColumn}
    FROM ${scoped(table, scope, `session_id, "time", action_name, action_type, view_route, view_path${segment ? ', browser, os, device, meta_keys, meta_values' : ''}`, ACTION)})
  ARRAY JOIN ks AS k
  GROUP BY session_id
) ARRAY JOIN events AS e
GROUP BY session_id`
}

const reachedColumns = (steps: Step[]) =>
  steps.map((_, i) => `countIf(level >= ${i + 1}) AS s${i}`).join(', ')

/** One row: `s<i>` = sessions that reached step i. */
export const funnelSql = (table: string, scope: Scope, steps: Step[], windowMs: number) =>
  `SELECT ${reachedColumns(steps)} FROM (${levelsSql(table, scope, steps, windowMs)})`

/** The value of a dimension (a column, or a metadata key path); undefined when it is not one. */
function dimensionSql(by: string): string | undefined {
  const dimension = parseDimension(by)
  if (!dimension) return undefined
  if (dimension.kind === 'column') return dimension.sql
  return metaValue(`${dimension.column}.${dimension.path.slice(2)}`)
}

/** Rows: `segment` (`(isNull, value)`), then `s<i>` per step, for sessions that reached step 1. */
export function funnelSegmentSql(
  table: string,
  scope: Scope,
  steps: Step[],
  windowMs: number,
  segmentBy: FunnelSegmentBy,
): string {
  const value = isFunnelSegmentBy(segmentBy) ? dimensionSql(segmentBy) : undefined
  if (value === undefined) throw new Error(`unknown funnel segment: ${segmentBy}`)
  return `SELECT segment, ${reachedColumns(steps)} FROM (${levelsSql(table, scope, steps, windowMs, value)})
WHERE level >= 1 GROUP BY segment`
}

/**
 * Each session's events of one kind sorted by (time, id); every node and the next one make an
 * edge.
 */
export function flowsSql(table: string, scope: Scope, kind: Step['kind'], limit: number): string {
  const node = kind === 'action' ? 'action_name' : PAGE
  const filter =
    kind === 'action'
      ? `${ACTION} AND action_type != 'navigation'`
      : `${ACTION} AND action_type = 'navigation'`
  return `SELECT pair.1 AS source, pair.2 AS target, count() AS n FROM (
  SELECT arrayMap(x -> x.3, arraySort(groupArray(tuple("time", id, node)))) AS nodes
  FROM (SELECT session_id, "time", id, ${node} AS node FROM ${scoped(table, scope, 'session_id, "time", action_name, action_type, view_route, view_path', filter)})
  GROUP BY session_id
) ARRAY JOIN arrayMap((a, b) -> tuple(a, b), arrayPopBack(nodes), arrayPopFront(nodes)) AS pair
GROUP BY source, target ORDER BY n DESC, source, target LIMIT ${literal(limit)}`
}

export const overviewSql = (table: string, scope: Scope, bucketMs: number) =>
  `SELECT "time" - (("time" - ${literal(scope.from)}) % ${literal(bucketMs)}) AS bucket,
  countIf(${ACTION}) AS actions, countIf("type" = 'error') AS errors,
  uniqExact(session_id) AS sessions, countIf(${ACTION} AND ${FRUSTRATED}) AS frustrated
FROM ${scoped(table, scope, '"type", "time", session_id, rage, dead, error_signal, abandon')}
GROUP BY bucket ORDER BY bucket`

const DIMENSION_COLUMNS =
  'session_id, action_name, action_type, view_route, view_path, browser, os, device, meta_keys, meta_values'

export function distributionSql(
  table: string,
  scope: Scope,
  by: DistributionBy,
  limit: number,
  actionName?: string,
): string {
  const value = dimensionSql(by)
  if (value === undefined) throw new Error(`unknown distribution dimension: ${by}`)
  const filter =
    actionName === undefined ? ACTION : `${ACTION} AND action_name = ${literal(actionName)}`
  return `SELECT ${value} AS val, count() AS n, uniqExact(session_id) AS sessions
FROM ${scoped(table, scope, DIMENSION_COLUMNS, filter)}
GROUP BY val ORDER BY n DESC, isNull(val), val LIMIT ${literal(limit)}`
}

const FRUSTRATION_COUNTS = `count() AS actions, countIf(${FRUSTRATED}) AS frustrated,
  countIf(rage) AS rage_count, countIf(dead) AS dead_count, countIf(error_signal) AS error_count,
  countIf(abandon) AS abandon_count`
const FRUSTRATION_COLUMNS =
  'target_selector, action_name, view_route, view_path, rage, dead, error_signal, abandon'

export const frustrationByElementSql = (table: string, scope: Scope, limit: number) =>
  `SELECT target_selector AS selector, action_name AS name, ${FRUSTRATION_COUNTS}
FROM ${scoped(table, scope, FRUSTRATION_COLUMNS, ACTION)}
GROUP BY target_selector, action_name HAVING frustrated > 0
ORDER BY frustrated DESC, name, isNull(selector), selector LIMIT ${literal(limit)}`

export const frustrationByPageSql = (table: string, scope: Scope, limit: number) =>
  `SELECT ${PAGE} AS page, ${FRUSTRATION_COUNTS}
FROM ${scoped(table, scope, FRUSTRATION_COLUMNS, ACTION)}
GROUP BY page HAVING frustrated > 0 ORDER BY frustrated DESC, page LIMIT ${literal(limit)}`

export function actionCountsSql(table: string, scope: Scope, filter: ActionFilter): string {
  const conditions = [ACTION]
  if (filter.actionName !== undefined)
    conditions.push(`action_name = ${literal(filter.actionName)}`)
  if (filter.route !== undefined) conditions.push(`${PAGE} = ${literal(filter.route)}`)
  if (filter.type !== undefined) conditions.push(`action_type = ${literal(filter.type)}`)
  return `SELECT count() AS actions, countIf(ifNull(errors, 0) > 0) AS erred,
  countIf(${FRUSTRATED}) AS frustrated, countIf(rage) AS rage_count, countIf(dead) AS dead_count
FROM ${scoped(table, scope, 'action_name, action_type, view_route, view_path, errors, rage, dead, error_signal, abandon', conditions.join(' AND '))}`
}

/**
 * Timing intervals per metric, with count and p50/p75. Each session's actions sorted by (time,
 * id), `page` counting the navigations so far: `between` is each action to the next; `page`
 * each navigation to the next; `first` each navigation to the first click or form action of the
 * same page (none: not counted).
 */
export const timingSql = (table: string, scope: Scope) =>
  `SELECT metric, count() AS n, quantiles(0.5, 0.75)(value) AS q FROM (
  SELECT (arrayJoin(arrayConcat(
      arrayMap((a, b) -> tuple('between', b - a), arrayPopBack(ts), arrayPopFront(ts)),
      arrayMap((a, b) -> tuple('page', b - a), arrayPopBack(navs), arrayPopFront(navs)),
      arrayFilter(x -> x.2 >= 0, arrayMap((t, k, p) -> tuple('first', if(k = 'navigation',
        arrayFirst((t2, k2, p2) -> p2 = p AND (k2 = 'click' OR k2 = 'form'), ts, kinds, pages) - t, -1)),
        ts, kinds, pages))
    )) AS item).1 AS metric, item.2 AS value
  FROM (
    SELECT ts, kinds, arrayCumSum(arrayMap(k -> k = 'navigation', kinds)) AS pages,
      arrayFilter((t, k) -> k = 'navigation', ts, kinds) AS navs
    FROM (
      SELECT arrayMap(x -> x.1, sorted) AS ts, arrayMap(x -> x.3, sorted) AS kinds
      FROM (
        SELECT arraySort(groupArray(tuple("time", id, ifNull(action_type, '')))) AS sorted
        FROM ${scoped(table, scope, 'session_id, "time", action_type', ACTION)}
        GROUP BY session_id
      )
    )
  )
) GROUP BY metric`

export const sessionsSql = (table: string, scope: Scope, limit: number) =>
  `SELECT session_id, max(user_id) AS user_id, min("time") AS first_time, max("time") AS last_time,
  countIf(${ACTION}) AS actions, countIf("type" = 'error') AS errors
FROM ${scoped(table, scope, 'session_id, user_id, "time", "type"')}
GROUP BY session_id ORDER BY last_time DESC, session_id LIMIT ${literal(limit)}`
