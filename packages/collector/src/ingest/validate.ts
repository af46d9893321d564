import type { TrackerEvent } from '@actiontrail/core'

/** Limits applied to every request and event. All of them can be set in the server options. */
export interface IngestLimits {
  /** Largest request body, in bytes, both as sent and once decompressed. Larger: 413. */
  maxBodyBytes: number
  /** Most events in one batch (or log records in one OTLP request). More: 413, so the SDK splits. */
  maxEventsPerBatch: number
  /** Longest string anywhere in an event (URLs, names, selectors, messages, context values). */
  maxStringLength: number
  /** Longest id (event, action, session, application, user id) and short enum-like strings. */
  maxIdLength: number
  /** Longest key in a context or user object. */
  maxKeyLength: number
  /** Deepest nesting of objects and arrays inside a context or user object. */
  maxContextDepth: number
}

export const DEFAULT_LIMITS: IngestLimits = {
  maxBodyBytes: 1024 * 1024,
  maxEventsPerBatch: 1000,
  maxStringLength: 8192,
  maxIdLength: 256,
  maxKeyLength: 256,
  maxContextDepth: 10,
}

/** Most error messages listed for one event; the rest are counted. */
const MAX_ERRORS_PER_EVENT = 20

export const COMPLETE_REASONS = [
  'completed',
  'completed_by_api',
  'interrupted_by_api',
  'interrupted_by_navigation',
  'interrupted_by_interaction',
  'no_activity',
  'page_hide',
  'timeout',
] as const
export const FRUSTRATIONS = ['rage', 'dead', 'error', 'abandon'] as const
export const NAVIGATION_METHODS = ['load', 'push', 'replace', 'popstate', 'hashchange'] as const
export const NAVIGATION_FAILURES = ['aborted', 'cancelled', 'error'] as const
export const FORM_INTERACTIONS = ['submit', 'change', 'input', 'abandon'] as const
export const ERROR_SOURCES = ['error', 'unhandledrejection'] as const
const COUNT_KEYS = ['requests', 'resources', 'mutations', 'errors', 'long_tasks'] as const

/** One step of a field path: an object key or an array index. */
export type PathSegment = string | number

/**
 * Renders a path the way a JavaScript reader writes it: `events[3].context["a b"].c`. With
 * `continued`, the path goes on another one (`.c` rather than `c`).
 */
export function formatPath(segments: readonly PathSegment[], continued = false): string {
  let out = ''
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`
    else if (/^[A-Za-z_$][\w$]*$/.test(segment))
      out += out === '' && !continued ? segment : `.${segment}`
    else out += `[${JSON.stringify(segment)}]`
  }
  return out
}

/** How a received value is named in an error message: short, and never the whole value. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  switch (typeof value) {
    case 'string':
      return value.length > 40
        ? `a string of ${value.length} characters`
        : JSON.stringify(value) || '""'
    case 'number':
    case 'boolean':
      return String(value)
    case 'object':
      return 'an object'
    default:
      return typeof value
  }
}

export interface ValidateOptions {
  limits?: IngestLimits
  /** When the client token is bound to an application, events of another application are refused. */
  applicationId?: string
}

/** The result of checking one event: the event when it is valid, else every problem found. */
export type EventCheck = { ok: true; event: TrackerEvent } | { ok: false; errors: string[] }

type Obj = Record<string, unknown>
const isObject = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Checks one wire event against the format of `@actiontrail/core` (`ActionEvent`,
 * `TrackerErrorEvent`). `render` turns a path inside the event into the text shown in errors
 * (`events[3].action.duration`). Optional fields may be absent or `null`; fields the format does
 * not know are ignored, so that a newer SDK is not refused by an older collector.
 */
export function validateEvent(
  value: unknown,
  render: (path: readonly PathSegment[]) => string,
  options: ValidateOptions = {},
): EventCheck {
  const limits = options.limits ?? DEFAULT_LIMITS
  const errors: string[] = []
  const fail = (path: readonly PathSegment[], message: string) => {
    errors.push(`${render(path)}: ${message}`)
  }

  /** The field, or undefined after reporting it as missing (when required) or wrong. */
  const field = (obj: Obj, path: PathSegment[], required: boolean, expected: string) => {
    const key = path[path.length - 1] as string
    const v = obj[key]
    if (v === undefined || v === null) {
      if (required)
        fail(path, `expected ${expected}, ${v === null ? 'got null' : 'but it is missing'}`)
      return undefined
    }
    return v
  }

  const object = (obj: Obj, path: PathSegment[], required: boolean): Obj | undefined => {
    const v = field(obj, path, required, 'an object')
    if (v === undefined) return undefined
    if (!isObject(v)) {
      fail(path, `expected an object, got ${describeValue(v)}`)
      return undefined
    }
    return v
  }

  const string = (
    obj: Obj,
    path: PathSegment[],
    opts: { required: boolean; max?: number; nonEmpty?: boolean; oneOf?: readonly string[] },
  ) => {
    const max = opts.max ?? limits.maxStringLength
    const what = opts.oneOf
      ? `one of ${opts.oneOf.map((s) => `"${s}"`).join(', ')}`
      : opts.nonEmpty
        ? 'a non-empty string'
        : 'a string'
    const v = field(obj, path, opts.required, what)
    if (v === undefined) return
    if (typeof v !== 'string') return fail(path, `expected ${what}, got ${describeValue(v)}`)
    if (opts.oneOf && !opts.oneOf.includes(v))
      return fail(path, `expected ${what}, got ${describeValue(v)}`)
    if (opts.nonEmpty && v === '') return fail(path, `expected ${what}, got ""`)
    if (v.length > max)
      fail(path, `expected a string of at most ${max} characters, got ${v.length} characters`)
  }
  const id = (obj: Obj, path: PathSegment[], required: boolean) =>
    string(obj, path, { required, max: limits.maxIdLength, nonEmpty: true })

  const number = (obj: Obj, path: PathSegment[], required: boolean, integer = false) => {
    const what = integer ? 'a non-negative integer' : 'a non-negative number'
    const v = field(obj, path, required, what)
    if (v === undefined) return
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (integer && !Number.isInteger(v)))
      fail(path, `expected ${what}, got ${describeValue(v)}`)
  }
  const coordinate = (obj: Obj, path: PathSegment[]) => {
    const v = field(obj, path, true, 'a number')
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v)))
      fail(path, `expected a number, got ${describeValue(v)}`)
  }

  /** Any JSON value inside a context, within the depth, key and string limits. */
  const json = (v: unknown, path: PathSegment[], depth: number): void => {
    if (v === null || typeof v === 'boolean') return
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) fail(path, `expected a finite number, got ${describeValue(v)}`)
      return
    }
    if (typeof v === 'string') {
      if (v.length > limits.maxStringLength)
        fail(
          path,
          `expected a string of at most ${limits.maxStringLength} characters, got ${v.length} characters`,
        )
      return
    }
    if (typeof v !== 'object') {
      fail(path, `expected a JSON value, got ${describeValue(v)}`)
      return
    }
    if (depth >= limits.maxContextDepth) {
      fail(path, `nested deeper than ${limits.maxContextDepth} levels`)
      return
    }
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        json(item, [...path, i], depth + 1)
      })
      return
    }
    for (const key of Object.keys(v)) {
      if (key.length > limits.maxKeyLength)
        fail(
          [...path, `${key.slice(0, 40)}…`],
          `keys may have at most ${limits.maxKeyLength} characters, this one has ${key.length}`,
        )
      else json((v as Obj)[key], [...path, key], depth + 1)
    }
  }
  const context = (obj: Obj, path: PathSegment[]) => {
    const v = object(obj, path, false)
    if (v) json(v, path, 0)
    return v
  }

  if (!isObject(value)) {
    fail([], `expected an event object, got ${describeValue(value)}`)
    return { ok: false, errors }
  }
  const event = value
  string(event, ['type'], { required: true, oneOf: ['action', 'error'] })
  id(event, ['id'], true)
  number(event, ['time'], true)
  const application = object(event, ['application'], true)
  if (application) {
    id(application, ['application', 'id'], true)
    if (
      options.applicationId !== undefined &&
      typeof application.id === 'string' &&
      application.id !== options.applicationId
    )
      fail(
        ['application', 'id'],
        `this client token is for application "${options.applicationId}", got ${describeValue(application.id)}`,
      )
  }
  const session = object(event, ['session'], true)
  if (session) id(session, ['session', 'id'], true)
  const view = object(event, ['view'], true)
  if (view) {
    string(view, ['view', 'url'], { required: true })
    string(view, ['view', 'path'], { required: true })
    string(view, ['view', 'route'], { required: false })
    string(view, ['view', 'referrer'], { required: true })
  }
  const user = context(event, ['user'])
  if (user) string(user, ['user', 'id'], { required: false, max: limits.maxIdLength })
  context(event, ['context'])

  if (event.type === 'action') {
    const action = object(event, ['action'], true)
    if (action) {
      const at = (key: string): PathSegment[] => ['action', key]
      id(action, at('id'), true)
      string(action, at('type'), { required: true, nonEmpty: true, max: limits.maxIdLength })
      string(action, at('name'), { required: true })
      string(action, at('name_source'), { required: false, max: limits.maxIdLength })
      number(action, at('start'), true)
      number(action, at('duration'), false)
      string(action, at('complete_reason'), { required: true, oneOf: COMPLETE_REASONS })
      id(action, at('interrupted_by'), false)
      const target = object(action, at('target'), false)
      if (target) {
        string(target, ['action', 'target', 'tag'], { required: true, max: limits.maxIdLength })
        string(target, ['action', 'target', 'selector'], { required: true })
        const position = object(target, ['action', 'target', 'position'], false)
        if (position) {
          coordinate(position, ['action', 'target', 'position', 'x'])
          coordinate(position, ['action', 'target', 'position', 'y'])
        }
      }
      const counts = object(action, at('counts'), true)
      if (counts)
        for (const key of COUNT_KEYS) number(counts, ['action', 'counts', key], true, true)
      const frustration = field(action, at('frustration'), true, 'an array')
      if (frustration !== undefined) {
        if (!Array.isArray(frustration))
          fail(at('frustration'), `expected an array, got ${describeValue(frustration)}`)
        else
          frustration.forEach((_, i) => {
            string(frustration as unknown as Obj, ['action', 'frustration', i], {
              required: true,
              oneOf: FRUSTRATIONS,
            })
          })
      }
      context(action, at('context'))
      const navigation = object(action, at('navigation'), false)
      if (navigation) {
        const nav = (key: string): PathSegment[] => ['action', 'navigation', key]
        string(navigation, nav('from'), { required: true })
        string(navigation, nav('to'), { required: true })
        string(navigation, nav('method'), { required: true, oneOf: NAVIGATION_METHODS })
        id(navigation, nav('trigger'), false)
        string(navigation, nav('failure'), { required: false, oneOf: NAVIGATION_FAILURES })
      }
      const form = object(action, at('form'), false)
      if (form) {
        string(form, ['action', 'form', 'name'], { required: true })
        string(form, ['action', 'form', 'interaction'], {
          required: true,
          oneOf: FORM_INTERACTIONS,
        })
      }
    }
  } else if (event.type === 'error') {
    const error = object(event, ['error'], true)
    if (error) {
      string(error, ['error', 'message'], { required: true })
      string(error, ['error', 'type'], { required: true, max: limits.maxIdLength })
      string(error, ['error', 'stack'], { required: false })
      string(error, ['error', 'source'], { required: true, oneOf: ERROR_SOURCES })
    }
    const action = object(event, ['action'], false)
    if (action) id(action, ['action', 'id'], true)
  }

  if (errors.length === 0) return { ok: true, event: value as unknown as TrackerEvent }
  if (errors.length > MAX_ERRORS_PER_EVENT) {
    const more = errors.length - MAX_ERRORS_PER_EVENT
    errors.length = MAX_ERRORS_PER_EVENT
    errors.push(`${render([])}: and ${more} more error${more === 1 ? '' : 's'}`)
  }
  return { ok: false, errors }
}

/** An event refused, by its position in the batch, with every reason. */
export interface RejectedEvent {
  index: number
  errors: string[]
}

/** A batch that cannot be taken at all: wrong shape (400) or too many events (413). */
export interface BatchError {
  ok: false
  status: 400 | 413
  message: string
}

export interface BatchCheck {
  ok: true
  valid: { index: number; event: TrackerEvent }[]
  rejected: RejectedEvent[]
}

/**
 * Checks a parsed batch (the body of `POST /v1/events`): an array of events. Each event is checked
 * on its own, so the valid events of a batch are kept whatever is wrong with the others.
 */
export function validateBatch(
  body: unknown,
  options: ValidateOptions = {},
): BatchCheck | BatchError {
  const limits = options.limits ?? DEFAULT_LIMITS
  if (!Array.isArray(body))
    return {
      ok: false,
      status: 400,
      message: `events: expected an array of events, got ${describeValue(body)}`,
    }
  if (body.length > limits.maxEventsPerBatch)
    return {
      ok: false,
      status: 413,
      message: `events: a batch may hold at most ${limits.maxEventsPerBatch} events, got ${body.length}; send them in smaller batches`,
    }
  const valid: BatchCheck['valid'] = []
  const rejected: RejectedEvent[] = []
  body.forEach((item, index) => {
    const check = validateEvent(item, (path) => formatPath(['events', index, ...path]), options)
    if (check.ok) valid.push({ index, event: check.event })
    else rejected.push({ index, errors: check.errors })
  })
  return { ok: true, valid, rejected }
}
