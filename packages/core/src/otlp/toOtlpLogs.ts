import { version } from '../../package.json'
import type { ActionEvent, ContextValue, TrackerErrorEvent, TrackerEvent } from '../types'

// OTLP/JSON types (opentelemetry-proto `logs/v1`, `common/v1`) as the OTLP/HTTP JSON encoding
// writes them: lowerCamelCase keys, 64-bit integers as decimal strings, enums as integers.

/** `common.v1.AnyValue`: at most one field set; none set is a valid empty value (`null`). */
export type OtlpAnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  /** int64, as a decimal string. */
  | { intValue: string }
  /** A number, or `"NaN"`, `"Infinity"`, `"-Infinity"` as the proto3 JSON mapping writes them. */
  | { doubleValue: number | 'NaN' | 'Infinity' | '-Infinity' }
  | { arrayValue: { values: OtlpAnyValue[] } }
  | { kvlistValue: { values: OtlpKeyValue[] } }
  | Record<string, never>

/** `common.v1.KeyValue`. */
export interface OtlpKeyValue {
  key: string
  value: OtlpAnyValue
}

/** `logs.v1.LogRecord`, the fields this module sets. */
export interface OtlpLogRecord {
  /** fixed64 ns since the epoch, as a decimal string. */
  timeUnixNano: string
  observedTimeUnixNano: string
  severityNumber: number
  severityText: string
  body: OtlpAnyValue
  attributes: OtlpKeyValue[]
  eventName: string
}

/** `collector.logs.v1.ExportLogsServiceRequest`, the body of `POST /v1/logs`. */
export interface OtlpExportLogsRequest {
  resourceLogs: {
    resource: { attributes: OtlpKeyValue[] }
    scopeLogs: {
      scope: { name: string; version: string }
      logRecords: OtlpLogRecord[]
    }[]
  }[]
}

/** What `toOtlpLogs` describes as the OTLP resource: the application that produced the events. */
export interface OtlpResource {
  /** `service.name`. */
  serviceName: string
  /** `service.version`. */
  serviceVersion?: string
  /** More resource attributes (`deployment.environment.name`, …). They cannot replace the ones above. */
  attributes?: Record<string, string | number | boolean>
}

const SCOPE = '@actiontrail/core'
const SEVERITY_INFO = 9
const SEVERITY_ERROR = 17

/**
 * Epoch ms (possibly fractional) to ns as a decimal string, with string math: ns since the epoch
 * are past 2^53, where a double is not exact. Times that are not from 1970 to 2286 become `0`,
 * which OTLP reads as "unknown".
 */
export function msToNanos(ms: number): string {
  if (!(ms >= 0 && ms < 1e13)) return '0'
  let whole = Math.floor(ms)
  let nanos = Math.round((ms - whole) * 1e6)
  if (nanos === 1e6) {
    whole += 1
    nanos = 0
  }
  return whole === 0 ? String(nanos) : `${whole}${String(nanos).padStart(6, '0')}`
}

/** A JSON-safe value as an AnyValue. Integers become `intValue` (see README: numbers). */
export function anyValue(value: ContextValue | undefined): OtlpAnyValue {
  switch (typeof value) {
    case 'string':
      return { stringValue: value }
    case 'boolean':
      return { boolValue: value }
    case 'number':
      return Number.isSafeInteger(value) ? { intValue: String(value) } : double(value)
  }
  if (Array.isArray(value)) return { arrayValue: { values: value.map(anyValue) } }
  if (value && typeof value === 'object') return { kvlistValue: { values: keyValues(value) } }
  return {}
}

function double(value: number): OtlpAnyValue {
  if (Number.isFinite(value)) return { doubleValue: value }
  return { doubleValue: Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity' }
}

function keyValues(object: { [key: string]: ContextValue | undefined }): OtlpKeyValue[] {
  const out: OtlpKeyValue[] = []
  for (const key of Object.keys(object)) {
    const value = object[key]
    if (value !== undefined) out.push({ key, value: anyValue(value) })
  }
  return out
}

/** Builds one record's attribute list; `undefined` and (where asked) empty strings are left out. */
function attributeList() {
  const list: OtlpKeyValue[] = []
  const add = (key: string, value: ContextValue | undefined, skipEmpty = false) => {
    if (value === undefined || (skipEmpty && value === '')) return
    list.push({ key, value: anyValue(value) })
  }
  return { list, add }
}

function common(event: TrackerEvent, add: ReturnType<typeof attributeList>['add']): void {
  add('actiontrail.event.id', event.id)
  add('actiontrail.application.id', event.application.id)
  add('session.id', event.session.id)
  add('url.full', event.view.url)
  add('url.path', event.view.path)
  add('url.template', event.view.route, true)
  add('actiontrail.view.referrer', event.view.referrer, true)
  const user = event.user
  if (user) {
    for (const key of Object.keys(user)) {
      add(key === 'id' ? 'user.id' : `actiontrail.user.${key}`, user[key])
    }
  }
  if (event.context) add('actiontrail.context', event.context)
}

/** `browser.navigation.*` (client-side semantic conventions) where the method tells them. */
const NAVIGATION_TYPE: Record<string, string> = {
  push: 'push',
  replace: 'replace',
  popstate: 'traverse',
}

const fragment = (url: string) => {
  const at = url.indexOf('#')
  return at < 0 ? '' : url.slice(at)
}

function actionRecord(event: ActionEvent, observed: string): OtlpLogRecord {
  const { list, add } = attributeList()
  const action = event.action
  add('event.name', 'browser.user_action')
  common(event, add)
  add('actiontrail.action.id', action.id)
  add('actiontrail.action.type', action.type)
  add('actiontrail.action.name', action.name)
  add('actiontrail.action.name_source', action.name_source)
  add('actiontrail.action.duration_ms', action.duration)
  add('actiontrail.action.complete_reason', action.complete_reason)
  add('actiontrail.action.interrupted_by', action.interrupted_by)
  if (action.target) {
    add('actiontrail.action.target.tag', action.target.tag)
    add('actiontrail.action.target.selector', action.target.selector)
    add('actiontrail.action.target.position.x', action.target.position?.x)
    add('actiontrail.action.target.position.y', action.target.position?.y)
  }
  const counts = action.counts
  for (const key of Object.keys(counts) as (keyof typeof counts)[]) {
    add(`actiontrail.action.counts.${key}`, counts[key])
  }
  add('actiontrail.action.frustration', action.frustration)
  if (action.context) add('actiontrail.action.context', action.context)
  const navigation = action.navigation
  if (navigation) {
    add('actiontrail.action.navigation.from', navigation.from, true)
    add('actiontrail.action.navigation.to', navigation.to)
    add('actiontrail.action.navigation.method', navigation.method)
    add('actiontrail.action.navigation.trigger', navigation.trigger)
    const load = navigation.method === 'load'
    add('browser.navigation.type', NAVIGATION_TYPE[navigation.method])
    add('browser.navigation.same_document', !load)
    const hash = fragment(navigation.to)
    add(
      'browser.navigation.hash_change',
      !load && hash !== '' && hash !== fragment(navigation.from),
    )
  }
  if (action.form) {
    add('actiontrail.action.form.name', action.form.name, true)
    add('actiontrail.action.form.interaction', action.form.interaction)
  }
  return {
    timeUnixNano: msToNanos(action.start),
    observedTimeUnixNano: observed,
    severityNumber: SEVERITY_INFO,
    severityText: 'INFO',
    body: { stringValue: action.name },
    attributes: list,
    eventName: 'browser.user_action',
  }
}

function errorRecord(event: TrackerErrorEvent, observed: string): OtlpLogRecord {
  const { list, add } = attributeList()
  const error = event.error
  add('event.name', 'browser.error')
  common(event, add)
  add('exception.type', error.type)
  add('exception.message', error.message)
  add('exception.stacktrace', error.stack)
  add('actiontrail.error.source', error.source)
  add('actiontrail.action.id', event.action?.id)
  return {
    timeUnixNano: msToNanos(event.time),
    observedTimeUnixNano: observed,
    severityNumber: SEVERITY_ERROR,
    severityText: 'ERROR',
    body: { stringValue: error.message },
    attributes: list,
    eventName: 'browser.error',
  }
}

/**
 * Turns a batch of Actiontrail events into an OTLP/HTTP JSON logs request (`POST /v1/logs`,
 * `Content-Type: application/json`): one log record per event, an event in OpenTelemetry terms.
 * `observedTimeUnixNano` is the time of this call. See the README, "OpenTelemetry (OTLP)".
 */
export function toOtlpLogs(events: TrackerEvent[], resource: OtlpResource): OtlpExportLogsRequest {
  if (events.length === 0) return { resourceLogs: [] }
  const observed = msToNanos(Date.now())
  const logRecords = events.map((event) =>
    event.type === 'error' ? errorRecord(event, observed) : actionRecord(event, observed),
  )

  const own: Record<string, string> = {
    'service.name': resource.serviceName,
    ...(resource.serviceVersion !== undefined && { 'service.version': resource.serviceVersion }),
    'telemetry.sdk.name': 'actiontrail',
    'telemetry.sdk.language': 'webjs',
    'telemetry.sdk.version': version,
  }
  const attributes = keyValues(own)
  const taken = Object.keys(own)
  const extra = resource.attributes ?? {}
  for (const key of Object.keys(extra)) {
    const value = extra[key]
    if (value !== undefined && !taken.includes(key))
      attributes.push({ key, value: anyValue(value) })
  }

  return {
    resourceLogs: [
      {
        resource: { attributes },
        scopeLogs: [{ scope: { name: SCOPE, version }, logRecords }],
      },
    ],
  }
}
