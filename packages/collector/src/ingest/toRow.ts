import type { ActionEvent, TrackerErrorEvent, TrackerEvent } from '@actiontrail/core'
import { EMPTY_DETAILS } from '../store/schema'
import type { EventRow } from '../store/types'
import type { ParsedUserAgent } from './userAgent'

/**
 * A JSON value with every object key's dots turned into underscores, at every depth (inside
 * arrays too), so that `a.b` can never be read as a path. When the new key is already taken (an
 * object with both `a.b` and `a_b`), the key that had no dot keeps its name and the renamed one
 * gets the first free suffix: `a_b_2`, `a_b_3`... Nothing is dropped.
 */
export function underscoreKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(underscoreKeys)
  if (value === null || typeof value !== 'object') return value
  const source = value as Record<string, unknown>
  const keys = Object.keys(source)
  // A null prototype: a `__proto__` key from JSON.parse stays a plain key.
  const out = Object.create(null) as Record<string, unknown>
  for (const key of keys) if (!key.includes('.')) out[key] = underscoreKeys(source[key])
  for (const key of keys) {
    if (!key.includes('.')) continue
    const base = key.replaceAll('.', '_')
    let name = base
    for (let n = 2; Object.hasOwn(out, name); n++) name = `${base}_${n}`
    out[name] = underscoreKeys(source[key])
  }
  return out
}

const jsonOrNull = (value: unknown): string | null =>
  value === undefined || value === null ? null : JSON.stringify(underscoreKeys(value))

const orNull = <T>(value: T | undefined | null): T | null => value ?? null

/** What the server knows about a batch besides its events. */
export interface RowContext {
  userAgent: ParsedUserAgent
  /** Epoch ms when the collector accepted the batch. */
  receivedAt: number
}

/**
 * Flattens one validated wire event into the store's columns: optional fields become `null`,
 * frustration signals become flags, contexts and the user are kept as JSON text with dotted keys
 * turned into underscores, and browser, OS and device come from the request's user agent.
 */
export function toRow(event: TrackerEvent, context: RowContext): EventRow {
  const user = event.user ?? null
  const userId = user?.id
  const row: EventRow = {
    id: event.id,
    type: event.type,
    time: event.time,
    application_id: event.application.id,
    session_id: event.session.id,
    user_id: typeof userId === 'string' ? userId : null,
    view_url: event.view.url,
    view_path: event.view.path,
    view_route: event.view.route || null,
    view_referrer: event.view.referrer,
    browser: context.userAgent.browser,
    os: context.userAgent.os,
    device: context.userAgent.device,
    ...EMPTY_DETAILS,
    context: jsonOrNull(event.context),
    action_context: null,
    user: jsonOrNull(user),
    received_at: context.receivedAt,
  }
  if (event.type === 'action') fillAction(row, event)
  else fillError(row, event)
  return row
}

function fillAction(row: EventRow, event: ActionEvent): void {
  const action = event.action
  row.action_id = action.id
  row.action_type = action.type
  row.action_name = action.name
  row.name_source = orNull(action.name_source)
  row.action_start = action.start
  row.duration = orNull(action.duration)
  row.complete_reason = action.complete_reason
  row.interrupted_by = orNull(action.interrupted_by)
  row.target_tag = orNull(action.target?.tag)
  row.target_selector = orNull(action.target?.selector)
  row.requests = action.counts.requests
  row.resources = action.counts.resources
  row.mutations = action.counts.mutations
  row.errors = action.counts.errors
  row.long_tasks = action.counts.long_tasks
  const signals = new Set<string>(action.frustration)
  row.rage = signals.has('rage')
  row.dead = signals.has('dead')
  row.error_signal = signals.has('error')
  row.abandon = signals.has('abandon')
  row.nav_from = orNull(action.navigation?.from)
  row.nav_to = orNull(action.navigation?.to)
  row.nav_method = orNull(action.navigation?.method)
  row.nav_trigger = orNull(action.navigation?.trigger)
  row.nav_failure = orNull(action.navigation?.failure)
  row.form_name = orNull(action.form?.name)
  row.form_interaction = orNull(action.form?.interaction)
  row.action_context = jsonOrNull(action.context)
}

function fillError(row: EventRow, event: TrackerErrorEvent): void {
  row.error_message = event.error.message
  row.error_type = event.error.type
  row.error_stack = orNull(event.error.stack)
  row.error_source = event.error.source
  row.error_action_id = orNull(event.action?.id)
}
