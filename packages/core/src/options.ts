import type { Reporter } from './report'
import type {
  EventModifier,
  PrivacyLevel,
  TrackerOptions,
  TrackingConsent,
  Transport,
  UrlMatcher,
} from './types'

/** Options after validation, every one present. */
export interface ResolvedOptions {
  applicationId: string
  endpoint: string | undefined
  clientToken: string | undefined
  trackUserInteractions: boolean
  trackNavigation: boolean
  trackForms: boolean
  actionNameAttribute: string | undefined
  defaultPrivacyLevel: PrivacyLevel
  trackingConsent: TrackingConsent
  sessionSampleRate: number
  idleTimeout: number
  maxDuration: number
  excludedActivityUrls: UrlMatcher[]
  beforeSend: EventModifier | undefined
  batchMaxEvents: number
  batchMaxBytes: number
  flushInterval: number
  compression: Required<TrackerOptions>['compression']
  transport: Transport | undefined
  debug: boolean
}

const DEFAULTS: Omit<ResolvedOptions, 'applicationId'> = {
  endpoint: undefined,
  clientToken: undefined,
  trackUserInteractions: true,
  trackNavigation: true,
  trackForms: true,
  actionNameAttribute: undefined,
  defaultPrivacyLevel: 'mask-user-input',
  trackingConsent: 'granted',
  sessionSampleRate: 100,
  idleTimeout: 100,
  maxDuration: 50_000,
  excludedActivityUrls: [],
  beforeSend: undefined,
  batchMaxEvents: 50,
  batchMaxBytes: 16 * 1024,
  flushInterval: 5000,
  compression: 'gzip',
  transport: undefined,
  debug: false,
}

type Check = [test: (value: unknown) => boolean, expected: string]

const isBool: Check = [(v) => typeof v === 'boolean', 'a boolean']
const isText: Check = [(v) => typeof v === 'string' && v.length > 0, 'a non-empty string']
const isPositive: Check = [
  (v) => typeof v === 'number' && v > 0 && v < Infinity,
  'a positive number of milliseconds',
]
const oneOf = (...values: string[]): Check => [
  (v) => values.includes(v as string),
  `one of ${values.map((v) => `'${v}'`).join(', ')}`,
]
const isFunction: Check = [(v) => typeof v === 'function', 'a function']
const isUrlMatcher = (v: unknown) =>
  typeof v === 'string' || v instanceof RegExp || typeof v === 'function'

const CHECKS: { [K in keyof ResolvedOptions]: Check } = {
  applicationId: isText,
  endpoint: isText,
  clientToken: isText,
  trackUserInteractions: isBool,
  trackNavigation: isBool,
  trackForms: isBool,
  actionNameAttribute: isText,
  defaultPrivacyLevel: oneOf('allow', 'mask-user-input', 'mask'),
  trackingConsent: oneOf('granted', 'pending', 'not-granted'),
  sessionSampleRate: [(v) => typeof v === 'number' && v >= 0 && v <= 100, 'a number from 0 to 100'],
  idleTimeout: isPositive,
  maxDuration: isPositive,
  excludedActivityUrls: [
    (v) => Array.isArray(v) && v.every(isUrlMatcher),
    'an array of strings, regular expressions or functions',
  ],
  beforeSend: isFunction,
  batchMaxEvents: [(v) => Number.isInteger(v) && (v as number) > 0, 'a positive whole number'],
  batchMaxBytes: [
    (v) => Number.isInteger(v) && (v as number) >= 1024,
    'a whole number of bytes, at least 1024',
  ],
  flushInterval: isPositive,
  compression: oneOf('gzip', 'none'),
  transport: isFunction,
  debug: isBool,
}

/**
 * Validates options one by one: an invalid value gets one console error naming the option and
 * the default is used instead. Returns `undefined` when there is no usable `applicationId`.
 */
export function resolveOptions(input: unknown, reporter: Reporter): ResolvedOptions | undefined {
  if (input === null || typeof input !== 'object') {
    reporter.optionError(
      'options',
      'createTracker() needs an options object with an applicationId.',
    )
    return undefined
  }
  const given = input as Partial<Record<keyof ResolvedOptions, unknown>>
  const resolved = { ...DEFAULTS } as ResolvedOptions
  let applicationIdGiven = false
  for (const key of Object.keys(CHECKS) as (keyof ResolvedOptions)[]) {
    const [test, expected] = CHECKS[key]
    try {
      // Getters and proxies may throw while being read or tested.
      const value = given[key]
      if (value === undefined) continue
      if (key === 'applicationId') applicationIdGiven = true
      if (test(value)) (resolved as unknown as Record<string, unknown>)[key] = value
      else
        reporter.optionError(key, `expected ${expected}, got ${describe(value)}; ${fallback(key)}.`)
    } catch {
      if (key === 'applicationId') applicationIdGiven = true
      reporter.optionError(key, `reading it threw; ${fallback(key)}.`)
    }
  }
  if (!resolved.applicationId) {
    if (!applicationIdGiven)
      reporter.optionError('applicationId', 'it is required; the tracker stays inert.')
    return undefined
  }
  return resolved
}

function fallback(key: keyof ResolvedOptions): string {
  return key === 'applicationId' ? 'the tracker stays inert' : 'using the default'
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 40))
  if (typeof value === 'function') return 'a function'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object' && value !== null) return 'an object'
  return String(value)
}
