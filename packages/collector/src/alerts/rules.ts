import { parseDuration } from '../server/config'
import type { ActionCounts, ActionFilter } from '../store/types'

/**
 * What a rule watches, over the actions of its application that match its filter in the last
 * window: `error_rate` and `frustration_rate` are shares (0–1) of those actions with an error or
 * a frustration signal; `action_count`, `rage_clicks` and `dead_clicks` are counts.
 */
export const ALERT_METRICS = [
  'error_rate',
  'frustration_rate',
  'action_count',
  'rage_clicks',
  'dead_clicks',
] as const
export type AlertMetric = (typeof ALERT_METRICS)[number]

const RATE_METRICS: readonly AlertMetric[] = ['error_rate', 'frustration_rate']

export type Comparator = 'above' | 'below'

/** The fields a client sets. */
export interface AlertRuleInput {
  name: string
  applicationId: string
  metric: AlertMetric
  filter: ActionFilter
  /** `above`: fires when the value is greater than the threshold; `below`: when it is less. */
  comparator: Comparator
  threshold: number
  /** The metric is computed over the events of the last `windowMs` (event time). */
  windowMs: number
  /** Where state changes are POSTed (http or https). */
  webhookUrl: string
}

export interface AlertRule extends AlertRuleInput {
  id: string
  /** Epoch ms. */
  createdAt: number
  updatedAt: number
}

export type AlertState = 'ok' | 'firing'

/** A rule's state after its last evaluation. */
export interface AlertStatus {
  state: AlertState
  /** The metric at the last evaluation; null before the first one, or a rate over no action. */
  value: number | null
  /** Epoch ms of the last evaluation, and of the change into the current state. */
  lastEvaluatedAt: number | null
  since: number | null
  /** Why the last evaluation failed (the store could not answer), if it did. */
  error?: string
}

/** How a webhook call went. */
export interface Delivery {
  status: 'pending' | 'delivered' | 'failed'
  attempts: number
  /** The HTTP status of the last attempt, if it got an answer. */
  httpStatus?: number
  /** Why the last attempt failed. */
  error?: string
  /** Epoch ms when the delivery ended (delivered, or failed for good). */
  finishedAt?: number
}

/** One state change of a rule: it fired, or it resolved. */
export interface HistoryEntry {
  /** Epoch ms of the evaluation. */
  at: number
  state: 'firing' | 'resolved'
  value: number | null
  threshold: number
  comparator: Comparator
  metric: AlertMetric
  windowMs: number
  delivery: Delivery
}

/** The metric's value from the counts; a rate over no action has no value (null). */
export function metricValue(metric: AlertMetric, counts: ActionCounts): number | null {
  switch (metric) {
    case 'action_count':
      return counts.actions
    case 'rage_clicks':
      return counts.rage
    case 'dead_clicks':
      return counts.dead
    case 'error_rate':
      return counts.actions ? counts.erred / counts.actions : null
    case 'frustration_rate':
      return counts.actions ? counts.frustrated / counts.actions : null
  }
}

/** Whether the value breaks the rule's threshold. */
export function breaches(rule: AlertRuleInput, value: number | null): boolean {
  if (value === null) return false
  return rule.comparator === 'above' ? value > rule.threshold : value < rule.threshold
}

/** A field of a rule that cannot be used; the message starts with the field's name. */
export class RuleError extends Error {}

const FIELDS = [
  'name',
  'applicationId',
  'metric',
  'filter',
  'comparator',
  'threshold',
  'windowMs',
  'webhookUrl',
] as const
/** Fields a client may send back unchanged (from a GET) and that are ignored. */
const READ_ONLY = ['id', 'createdAt', 'updatedAt', 'status']
const FILTER_FIELDS = ['actionName', 'route', 'type'] as const

const MIN_WINDOW = 1000
const MAX_WINDOW = 31 * 86_400_000

const describe = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value))

function text(field: string, value: unknown, max: number): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new RuleError(`${field}: expected a non-empty string, got ${describe(value)}`)
  if (value.length > max) throw new RuleError(`${field}: longer than ${max} characters`)
  return value
}

function window(value: unknown): number {
  let ms = Number.NaN
  if (typeof value === 'number') ms = value
  else if (typeof value === 'string') {
    try {
      ms = /^\d+$/.test(value.trim()) ? Number(value) : parseDuration(value)
    } catch {
      ms = Number.NaN
    }
  }
  if (!Number.isFinite(ms) || ms < MIN_WINDOW || ms > MAX_WINDOW)
    throw new RuleError(
      `windowMs: expected milliseconds from ${MIN_WINDOW} (1 s) to ${MAX_WINDOW} (31 days), or a duration like "5m", got ${describe(value)}`,
    )
  return Math.round(ms)
}

function filter(value: unknown): ActionFilter {
  if (value === undefined || value === null) return {}
  if (typeof value !== 'object' || Array.isArray(value))
    throw new RuleError(
      `filter: expected an object with actionName, route and/or type, got ${describe(value)}`,
    )
  const result: ActionFilter = {}
  for (const [key, item] of Object.entries(value)) {
    if (!(FILTER_FIELDS as readonly string[]).includes(key))
      throw new RuleError(`filter.${key}: unknown field; a filter has actionName, route and type`)
    if (item === null || item === undefined) continue
    result[key as (typeof FILTER_FIELDS)[number]] = text(`filter.${key}`, item, 8192)
  }
  return result
}

function webhook(value: unknown): string {
  const url = text('webhookUrl', value, 2048)
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new RuleError(`webhookUrl: expected an http or https URL, got ${describe(value)}`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new RuleError(`webhookUrl: expected an http or https URL, got ${describe(value)}`)
  return url
}

/**
 * Reads a rule from a request body. With `base` (an update), absent fields keep its values;
 * without, every field but `filter` is required. Throws `RuleError` naming the field.
 */
export function parseRule(input: unknown, base?: AlertRuleInput): AlertRuleInput {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new RuleError(`body: expected a JSON object (an alert rule), got ${describe(input)}`)
  const body = input as Record<string, unknown>
  for (const key of Object.keys(body))
    if (!(FIELDS as readonly string[]).includes(key) && !READ_ONLY.includes(key))
      throw new RuleError(`${key}: unknown field; a rule has ${FIELDS.join(', ')}`)
  const has = (key: string) => body[key] !== undefined
  if (!base)
    for (const key of FIELDS)
      if (key !== 'filter' && !has(key)) throw new RuleError(`${key}: required`)

  const metric = has('metric') ? body.metric : base?.metric
  if (!(ALERT_METRICS as readonly unknown[]).includes(metric))
    throw new RuleError(`metric: expected ${ALERT_METRICS.join(', ')}; got ${describe(metric)}`)
  const comparator = has('comparator') ? body.comparator : base?.comparator
  if (comparator !== 'above' && comparator !== 'below')
    throw new RuleError(`comparator: expected above or below, got ${describe(comparator)}`)
  const threshold = has('threshold') ? body.threshold : base?.threshold
  if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold < 0)
    throw new RuleError(`threshold: expected a number of at least 0, got ${describe(threshold)}`)
  if (RATE_METRICS.includes(metric as AlertMetric) && threshold > 1)
    throw new RuleError(
      `threshold: ${metric} is a share from 0 to 1 (0.05 = 5 %), got ${describe(threshold)}`,
    )

  return {
    name: has('name') ? text('name', body.name, 200) : (base?.name as string),
    applicationId: has('applicationId')
      ? text('applicationId', body.applicationId, 256)
      : (base?.applicationId as string),
    metric: metric as AlertMetric,
    filter: 'filter' in body ? filter(body.filter) : (base?.filter ?? {}),
    comparator,
    threshold,
    windowMs: has('windowMs') ? window(body.windowMs) : (base?.windowMs as number),
    webhookUrl: has('webhookUrl') ? webhook(body.webhookUrl) : (base?.webhookUrl as string),
  }
}
