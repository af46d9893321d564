import type { TrackerEvent } from '@actiontrail/core'
import {
  type BatchError,
  describeValue,
  formatPath,
  type PathSegment,
  type RejectedEvent,
  type ValidateOptions,
  validateEvent,
} from './validate'

// OTLP/HTTP JSON logs (`POST /v1/logs`), as `toOtlpLogs` of `@actiontrail/core/otlp` writes them:
// one log record per event, `eventName` `browser.user_action` or `browser.error`, the event's
// fields as attributes. This module turns the records back into wire events, which then go
// through the same validation as `POST /v1/events`.

export const ACTION_EVENT_NAME = 'browser.user_action'
export const ERROR_EVENT_NAME = 'browser.error'

type Obj = Record<string, unknown>
const isObject = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A record turned back into a wire event; `path` locates it in the request. */
export interface OtlpRecordEvent {
  index: number
  path: string
  event: TrackerEvent
  /** `user_agent.original` of the record or its resource, when one was sent. */
  userAgent?: string
}

export interface OtlpRejected extends RejectedEvent {
  path: string
}

export interface OtlpCheck {
  ok: true
  valid: OtlpRecordEvent[]
  rejected: OtlpRejected[]
  /** Log records in the request. */
  total: number
}

class AnyValueError extends Error {}

/** `common.v1.AnyValue` in the OTLP JSON encoding to a plain JSON value. */
export function decodeAnyValue(value: unknown): unknown {
  if (!isObject(value))
    throw new AnyValueError(`expected an AnyValue object, got ${describeValue(value)}`)
  const keys = Object.keys(value)
  if (keys.length === 0) return null
  if (keys.length > 1)
    throw new AnyValueError(`expected one field in an AnyValue, got ${keys.join(', ')}`)
  const key = keys[0] as string
  const inner = value[key]
  switch (key) {
    case 'stringValue':
    case 'bytesValue':
      if (typeof inner === 'string') return inner
      break
    case 'boolValue':
      if (typeof inner === 'boolean') return inner
      break
    case 'intValue':
      // int64: a decimal string in the JSON encoding; some writers use a JSON number.
      if (typeof inner === 'number' && Number.isInteger(inner)) return inner
      if (typeof inner === 'string' && /^-?\d+$/.test(inner)) return Number(inner)
      break
    case 'doubleValue':
      if (typeof inner === 'number') return inner
      if (inner === 'NaN' || inner === 'Infinity' || inner === '-Infinity') return Number(inner)
      if (typeof inner === 'string' && inner.trim() !== '' && Number.isFinite(Number(inner)))
        return Number(inner)
      break
    case 'arrayValue': {
      if (!isObject(inner)) break
      const values = inner.values ?? []
      if (!Array.isArray(values)) break
      return values.map(decodeAnyValue)
    }
    case 'kvlistValue': {
      if (!isObject(inner)) break
      const values = inner.values ?? []
      if (!Array.isArray(values)) break
      return keyValues(values)
    }
    default:
      throw new AnyValueError(`unknown AnyValue field ${JSON.stringify(key)}`)
  }
  throw new AnyValueError(`${key}: unexpected ${describeValue(inner)}`)
}

function keyValues(list: unknown[]): Obj {
  const out = Object.create(null) as Obj
  for (const item of list) {
    if (!isObject(item) || typeof item.key !== 'string')
      throw new AnyValueError(`expected a KeyValue ({ key, value }), got ${describeValue(item)}`)
    out[item.key] = decodeAnyValue(item.value ?? {})
  }
  return out
}

/** fixed64 nanoseconds (decimal string or number) to epoch ms; undefined when absent or 0. */
function nanosToMs(value: unknown): number | undefined | 'invalid' {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'number') return value > 0 ? value / 1e6 : undefined
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return 'invalid'
  const nanos = BigInt(value)
  if (nanos === 0n) return undefined
  return Number(nanos / 1_000_000n) + Number(nanos % 1_000_000n) / 1e6
}

/** Wire path (inside an event) → where it came from in the record. */
function attributeFor(path: readonly PathSegment[], isError: boolean): [string, PathSegment[]] {
  const [first, second, ...rest] = path
  const attr = (name: string, more: PathSegment[] = []): [string, PathSegment[]] => [
    `attributes[${JSON.stringify(name)}]`,
    more,
  ]
  switch (first) {
    case undefined:
      return ['', []]
    case 'id':
      return attr('actiontrail.event.id')
    case 'type':
      return ['eventName', []]
    case 'time':
      return ['timeUnixNano', []]
    case 'application':
      return attr('actiontrail.application.id')
    case 'session':
      return attr('session.id')
    case 'view':
      return attr(
        second === 'url'
          ? 'url.full'
          : second === 'path'
            ? 'url.path'
            : second === 'route'
              ? 'url.template'
              : 'actiontrail.view.referrer',
      )
    case 'user':
      if (second === undefined) return attr('actiontrail.user.*')
      return second === 'id' ? attr('user.id', rest) : attr(`actiontrail.user.${second}`, rest)
    case 'context':
      return attr('actiontrail.context', second === undefined ? [] : [second, ...rest])
    case 'error': {
      const names: Record<string, string> = {
        message: 'exception.message',
        type: 'exception.type',
        stack: 'exception.stacktrace',
        source: 'actiontrail.error.source',
      }
      return attr(names[String(second)] ?? 'exception.*')
    }
    case 'action': {
      if (isError) return attr('actiontrail.action.id')
      if (second === 'start') return ['timeUnixNano', []]
      if (second === 'duration') return attr('actiontrail.action.duration_ms')
      if (second === 'context') return attr('actiontrail.action.context', rest)
      if (second === 'frustration') return attr('actiontrail.action.frustration', rest)
      const names = [second, ...rest].filter((s) => typeof s === 'string')
      return attr(`actiontrail.action.${names.join('.')}`)
    }
    default:
      return attr(String(first))
  }
}

/** Rebuilds the wire event from a record's attributes; absent attributes stay absent. */
function toEvent(
  eventName: string,
  attributes: Map<string, unknown>,
  time: number | undefined,
): Obj {
  const get = (key: string) => attributes.get(key)
  const user = Object.create(null) as Obj
  for (const [key, value] of attributes) {
    if (key === 'user.id') user.id = value
    else if (key.startsWith('actiontrail.user.'))
      user[key.slice('actiontrail.user.'.length)] = value
  }
  const event: Obj = {
    type: eventName === ERROR_EVENT_NAME ? 'error' : 'action',
    id: get('actiontrail.event.id'),
    time,
    application: { id: get('actiontrail.application.id') },
    session: { id: get('session.id') },
    view: {
      url: get('url.full'),
      path: get('url.path'),
      route: get('url.template'),
      // Left out by the exporter when empty.
      referrer: get('actiontrail.view.referrer') ?? '',
    },
    user: Object.keys(user).length ? user : undefined,
    context: get('actiontrail.context'),
  }
  if (eventName === ERROR_EVENT_NAME) {
    event.error = {
      message: get('exception.message'),
      type: get('exception.type'),
      stack: get('exception.stacktrace'),
      source: get('actiontrail.error.source'),
    }
    const actionId = get('actiontrail.action.id')
    if (actionId !== undefined) event.action = { id: actionId }
    return event
  }
  const a = (key: string) => get(`actiontrail.action.${key}`)
  const tag = a('target.tag')
  const selector = a('target.selector')
  const x = a('target.position.x')
  const y = a('target.position.y')
  const navigationMethod = a('navigation.method')
  const navigationTo = a('navigation.to')
  const formInteraction = a('form.interaction')
  event.action = {
    id: a('id'),
    type: a('type'),
    name: a('name'),
    name_source: a('name_source'),
    start: time,
    duration: a('duration_ms'),
    complete_reason: a('complete_reason'),
    interrupted_by: a('interrupted_by'),
    target:
      tag !== undefined || selector !== undefined
        ? {
            tag,
            selector,
            position: x !== undefined || y !== undefined ? { x, y } : undefined,
          }
        : undefined,
    counts: {
      requests: a('counts.requests'),
      resources: a('counts.resources'),
      mutations: a('counts.mutations'),
      errors: a('counts.errors'),
      long_tasks: a('counts.long_tasks'),
    },
    // An empty array may be left out by a forwarding collector.
    frustration: a('frustration') ?? [],
    context: a('context'),
    navigation:
      navigationMethod !== undefined || navigationTo !== undefined
        ? {
            from: a('navigation.from') ?? '',
            to: navigationTo,
            method: navigationMethod,
            trigger: a('navigation.trigger'),
          }
        : undefined,
    form:
      formInteraction !== undefined
        ? { name: a('form.name') ?? '', interaction: formInteraction }
        : undefined,
  }
  return event
}

/** Attributes of a resource or record as a map; errors name the attribute. */
function attributeMap(list: unknown, path: string, errors: string[]): Map<string, unknown> {
  const map = new Map<string, unknown>()
  if (list === undefined || list === null) return map
  if (!Array.isArray(list)) {
    errors.push(`${path}.attributes: expected an array, got ${describeValue(list)}`)
    return map
  }
  list.forEach((item, i) => {
    if (!isObject(item) || typeof item.key !== 'string') {
      errors.push(`${path}.attributes[${i}]: expected { key, value }, got ${describeValue(item)}`)
      return
    }
    try {
      map.set(item.key, decodeAnyValue(item.value ?? {}))
    } catch (error) {
      errors.push(`${path}.attributes[${JSON.stringify(item.key)}]: ${(error as Error).message}`)
    }
  })
  return map
}

const arrayField = (obj: Obj, key: string, path: string): unknown[] | BatchError => {
  const value = obj[key]
  if (value === undefined || value === null) return []
  if (Array.isArray(value)) return value
  return {
    ok: false,
    status: 400,
    message: `${path}${path ? '.' : ''}${key}: expected an array, got ${describeValue(value)}`,
  }
}

/**
 * Reads an `ExportLogsServiceRequest` (OTLP/HTTP JSON) and turns each log record back into an
 * Actiontrail wire event. A record that is not an Actiontrail event (another event name, no
 * `actiontrail.event.id`) or that does not make a valid event is rejected with its path
 * (`resourceLogs[0].scopeLogs[0].logRecords[3]`) and every reason; the others are kept.
 */
export function otlpToEvents(body: unknown, options: ValidateOptions = {}): OtlpCheck | BatchError {
  if (!isObject(body))
    return {
      ok: false,
      status: 400,
      message: `expected an OTLP ExportLogsServiceRequest object, got ${describeValue(body)}`,
    }
  const resourceLogs = arrayField(body, 'resourceLogs', '')
  if (!Array.isArray(resourceLogs)) return resourceLogs

  // Count first: a request over the limit is refused whole (413), before any work.
  const maxEvents = options.limits?.maxEventsPerBatch
  let total = 0
  for (const [i, resource] of resourceLogs.entries()) {
    if (!isObject(resource)) continue
    const scopes = arrayField(resource, 'scopeLogs', `resourceLogs[${i}]`)
    if (!Array.isArray(scopes)) return scopes
    for (const [j, scope] of scopes.entries()) {
      if (!isObject(scope)) continue
      const records = arrayField(scope, 'logRecords', `resourceLogs[${i}].scopeLogs[${j}]`)
      if (!Array.isArray(records)) return records
      total += records.length
    }
  }
  if (maxEvents !== undefined && total > maxEvents)
    return {
      ok: false,
      status: 413,
      message: `a request may hold at most ${maxEvents} log records, got ${total}; send them in smaller requests`,
    }

  const valid: OtlpRecordEvent[] = []
  const rejected: OtlpRejected[] = []
  let index = 0
  resourceLogs.forEach((resource, i) => {
    const resourcePath = `resourceLogs[${i}]`
    if (!isObject(resource)) {
      rejected.push({
        index: -1,
        path: resourcePath,
        errors: [`${resourcePath}: expected a ResourceLogs object, got ${describeValue(resource)}`],
      })
      return
    }
    const resourceErrors: string[] = []
    const resourceInfo = isObject(resource.resource) ? resource.resource : {}
    const resourceAttributes = attributeMap(
      resourceInfo.attributes,
      `${resourcePath}.resource`,
      resourceErrors,
    )
    const resourceAgent = resourceAttributes.get('user_agent.original')
    ;(resource.scopeLogs as unknown[] | undefined)?.forEach((scope, j) => {
      const scopePath = `${resourcePath}.scopeLogs[${j}]`
      if (!isObject(scope)) {
        rejected.push({
          index: -1,
          path: scopePath,
          errors: [`${scopePath}: expected a ScopeLogs object, got ${describeValue(scope)}`],
        })
        return
      }
      ;(scope.logRecords as unknown[] | undefined)?.forEach((record, k) => {
        const path = `${scopePath}.logRecords[${k}]`
        const at = index++
        const result = recordToEvent(record, path, resourceErrors, options)
        if (result.ok)
          valid.push({
            index: at,
            path,
            event: result.event,
            ...(typeof (result.userAgent ?? resourceAgent) === 'string' && {
              userAgent: (result.userAgent ?? resourceAgent) as string,
            }),
          })
        else rejected.push({ index: at, path, errors: result.errors })
      })
    })
  })
  return { ok: true, valid, rejected, total }
}

function recordToEvent(
  record: unknown,
  path: string,
  resourceErrors: string[],
  options: ValidateOptions,
): { ok: true; event: TrackerEvent; userAgent?: string } | { ok: false; errors: string[] } {
  if (!isObject(record))
    return {
      ok: false,
      errors: [`${path}: expected a LogRecord object, got ${describeValue(record)}`],
    }
  const errors: string[] = []
  const attributes = attributeMap(record.attributes, path, errors)
  const eventName =
    typeof record.eventName === 'string' && record.eventName !== ''
      ? record.eventName
      : attributes.get('event.name')
  if (eventName !== ACTION_EVENT_NAME && eventName !== ERROR_EVENT_NAME)
    return {
      ok: false,
      errors: [
        `${path}: not an Actiontrail record: event name ${
          eventName === undefined ? 'missing' : describeValue(eventName)
        }, expected "${ACTION_EVENT_NAME}" or "${ERROR_EVENT_NAME}"`,
      ],
    }
  if (!attributes.has('actiontrail.event.id') && errors.length === 0)
    return {
      ok: false,
      errors: [`${path}: not an Actiontrail record: attribute "actiontrail.event.id" is missing`],
    }
  if (resourceErrors.length) errors.push(...resourceErrors)

  let time = nanosToMs(record.timeUnixNano)
  if (time === 'invalid') {
    errors.push(
      `${path}.timeUnixNano: expected nanoseconds as a decimal string, got ${describeValue(record.timeUnixNano)}`,
    )
    time = undefined
  } else if (time === undefined) {
    const observed = nanosToMs(record.observedTimeUnixNano)
    if (typeof observed === 'number') time = observed
  }
  if (errors.length) return { ok: false, errors }

  const isError = eventName === ERROR_EVENT_NAME
  const check = validateEvent(
    toEvent(eventName, attributes, time),
    (wirePath) => {
      const [where, rest] = attributeFor(wirePath, isError)
      return `${path}${where ? `.${where}` : ''}${formatPath(rest, true)}`
    },
    options,
  )
  if (!check.ok) return check
  const agent = attributes.get('user_agent.original')
  return {
    ok: true,
    event: check.event,
    ...(typeof agent === 'string' && { userAgent: agent }),
  }
}
