/**
 * Checks `toOtlpLogs` against the OTLP protobuf definitions, not against itself:
 *
 * - the generated protobufjs code of opentelemetry-proto that `@opentelemetry/otlp-transformer`
 *   ships (`verify`, `fromObject`, `encode`, `decode`, `toObject`) says the JSON has the shape of
 *   an `ExportLogsServiceRequest` and that a binary round trip keeps every value;
 * - the official OpenTelemetry JS serializers (`JsonLogsSerializer`, `ProtobufLogsSerializer`),
 *   fed the attribute maps written out by hand below, encode the same records;
 * - `@opentelemetry/semantic-conventions` spells the convention attribute names.
 */
import { JsonLogsSerializer, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer'
import otlpRoot from '@opentelemetry/otlp-transformer/build/src/generated/root'
import {
  ATTR_EXCEPTION_MESSAGE,
  ATTR_EXCEPTION_STACKTRACE,
  ATTR_EXCEPTION_TYPE,
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_VERSION,
  ATTR_TELEMETRY_SDK_LANGUAGE,
  ATTR_TELEMETRY_SDK_NAME,
  ATTR_TELEMETRY_SDK_VERSION,
  ATTR_URL_FULL,
  ATTR_URL_PATH,
  TELEMETRY_SDK_LANGUAGE_VALUE_WEBJS,
} from '@opentelemetry/semantic-conventions'
import {
  ATTR_EVENT_NAME,
  ATTR_SESSION_ID,
  ATTR_URL_TEMPLATE,
  ATTR_USER_ID,
} from '@opentelemetry/semantic-conventions/incubating'
import protobuf from 'protobufjs/minimal'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { version } from '../../package.json'
import {
  anyValue,
  msToNanos,
  type OtlpExportLogsRequest,
  type OtlpLogRecord,
  toOtlpLogs,
} from '../../src/otlp/toOtlpLogs'
import type { ActionEvent, TrackerErrorEvent, TrackerEvent } from '../../src/types'

// ---------------------------------------------------------------------------------------------
// The protobuf definitions: pbjs static code generated from opentelemetry-proto (its own .d.ts
// types the module as a bare Root, so the parts used here are typed by hand).

interface LongLike {
  low: number
  high: number
  unsigned: boolean
  toString(): string
}
interface DecodedAnyValue {
  /** The oneof getter: the name of the field that is set, or undefined for an empty value. */
  value?: string
  stringValue?: string
  boolValue?: boolean
  intValue?: LongLike
  doubleValue?: number
  arrayValue?: { values: DecodedAnyValue[] }
  kvlistValue?: { values: { key: string; value: DecodedAnyValue }[] }
}
interface DecodedLogRecord {
  timeUnixNano: LongLike
  observedTimeUnixNano: LongLike
  severityNumber: number
  severityText: string
  eventName: string
  body: DecodedAnyValue
  attributes: { key: string; value: DecodedAnyValue }[]
}
interface DecodedRequest {
  resourceLogs: {
    resource: { attributes: { key: string; value: DecodedAnyValue }[] }
    scopeLogs: { scope: { name: string; version: string }; logRecords: DecodedLogRecord[] }[]
  }[]
}
interface MessageType<T> {
  verify(message: unknown): string | null
  fromObject(object: unknown): T
  encode(message: T): { finish(): Uint8Array }
  decode(bytes: Uint8Array): T
  toObject(message: T, options?: protobuf.IConversionOptions): Record<string, unknown>
}
const proto = (
  otlpRoot as unknown as {
    opentelemetry: {
      proto: {
        collector: { logs: { v1: { ExportLogsServiceRequest: MessageType<DecodedRequest> } } }
      }
    }
  }
).opentelemetry.proto
const Request = proto.collector.logs.v1.ExportLogsServiceRequest
const Long = protobuf.util.Long as unknown as {
  fromString(value: string, unsigned: boolean): LongLike
}

/** `toObject` options that write the proto3 JSON mapping with OTLP's integer enums. */
const AS_OTLP_JSON: protobuf.IConversionOptions = { longs: String, enums: Number, json: true }

/** The 64-bit fields of a logs request: fixed64 times (unsigned) and `AnyValue.intValue` (signed). */
const INT64_FIELDS: Record<string, boolean> = {
  timeUnixNano: true,
  observedTimeUnixNano: true,
  intValue: false,
}
const SPECIAL_DOUBLES: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
}

/**
 * OTLP/JSON → the object form protobufjs `verify` checks. The two differ where the OTLP spec
 * follows the proto3 JSON mapping: 64-bit integers are decimal strings in JSON but `Long`s (or
 * numbers) for `verify`, and non-finite doubles are the strings "NaN"/"Infinity"/"-Infinity".
 * Anything else that is not a valid decimal int64 fails here instead of being coerced.
 */
function fromOtlpJson(value: unknown, field?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => fromOtlpJson(item))
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, fromOtlpJson(item, key)]),
    )
  }
  if (field !== undefined && field in INT64_FIELDS && typeof value === 'string') {
    const unsigned = INT64_FIELDS[field] === true
    if (!(unsigned ? /^\d+$/ : /^-?\d+$/).test(value)) throw new Error(`${field}: ${value}`)
    const long = Long.fromString(value, unsigned)
    if (long.toString() !== value.replace(/^(-?)0+(?=\d)/, '$1')) {
      throw new Error(`${field}: ${value} is out of range`)
    }
    return long
  }
  if (field === 'doubleValue' && typeof value === 'string' && value in SPECIAL_DOUBLES) {
    return SPECIAL_DOUBLES[value]
  }
  return value
}

/** What `toObject` gives back for a message: empty repeated fields are not written. */
function withoutEmptyArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmptyArrays)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => !(Array.isArray(item) && item.length === 0))
        .map(([key, item]) => [key, withoutEmptyArrays(item)]),
    )
  }
  return value
}

/** JSON text → protobuf binary → decoded message: what an OTLP receiver ends up holding. */
function receive(request: OtlpExportLogsRequest): DecodedRequest {
  const wire = JSON.parse(JSON.stringify(request))
  return Request.decode(Request.encode(Request.fromObject(wire)).finish())
}

const recordsOf = (request: { resourceLogs: { scopeLogs: { logRecords: unknown[] }[] }[] }) =>
  request.resourceLogs.flatMap((r) => r.scopeLogs.flatMap((s) => s.logRecords))

// ---------------------------------------------------------------------------------------------
// Events: one of each kind, every optional field somewhere.

const T0 = 1764115200000 // 2025-11-26T00:00:00.000Z
const NOW = T0 + 60_000
const SESSION = '00112233-4455-6677-8899-aabbccddeeff'

const user = {
  id: 'u-42',
  name: 'Ada',
  beta: true,
  seats: 3,
  score: 0.75,
  roles: ['admin', 'billing'],
  manager: null,
  address: { city: 'Paris', zip: '75001' },
}
const globalContext = {
  plan: 'pro',
  experiment: {
    id: 'exp-1',
    variants: ['a', 'b'],
    weight: 0.5,
    rollout: 100,
    on: true,
    note: null,
  },
  mixed: [1, 2.5, 'x', null, false, [3, [4]], { deep: { deeper: -7 } }],
}

const click: ActionEvent = {
  type: 'action',
  id: 'evt-click',
  time: T0,
  application: { id: 'shop' },
  session: { id: SESSION },
  view: {
    url: 'https://shop.example/products/7?ref=home#reviews',
    path: '/products/7',
    route: '/products/:id',
    referrer: 'https://search.example/',
  },
  user,
  context: globalContext,
  action: {
    id: 'act-click',
    type: 'click',
    name: 'Add to cart',
    name_source: 'content',
    start: T0,
    duration: 312,
    complete_reason: 'interrupted_by_interaction',
    interrupted_by: 'act-form',
    target: { tag: 'button', selector: '#product-7 > button.add', position: { x: 12, y: 9 } },
    counts: { requests: 1, resources: 2, mutations: 14, errors: 1, long_tasks: 0 },
    frustration: ['rage', 'error'],
    context: { sku: '7', price: 19.99, qty: 2, gift: false, options: { sizes: [38, 39.5] } },
  },
}

const navigation: ActionEvent = {
  type: 'action',
  id: 'evt-nav',
  time: T0 + 1000.5,
  application: { id: 'shop' },
  session: { id: SESSION },
  view: { url: 'https://shop.example/cart', path: '/cart', referrer: '' },
  action: {
    id: 'act-nav',
    type: 'navigation',
    name: '/cart',
    name_source: 'navigation',
    start: T0 + 1000.5,
    complete_reason: 'completed',
    counts: { requests: 0, resources: 0, mutations: 0, errors: 0, long_tasks: 0 },
    frustration: [],
    navigation: {
      from: 'https://shop.example/products/7',
      to: 'https://shop.example/cart#summary',
      method: 'push',
      trigger: 'act-click',
    },
  },
}

const form: ActionEvent = {
  type: 'action',
  id: 'evt-form',
  time: T0 + 2000,
  application: { id: 'shop' },
  session: { id: SESSION },
  view: { url: 'https://shop.example/checkout', path: '/checkout', referrer: '' },
  user: { id: 'u-42' },
  action: {
    id: 'act-form',
    type: 'form',
    name: 'Place order',
    name_source: 'form',
    start: T0 + 2000,
    duration: 0,
    complete_reason: 'interrupted_by_navigation',
    target: { tag: 'form', selector: 'form#checkout' },
    counts: { requests: 3, resources: 0, mutations: 2, errors: 0, long_tasks: 1 },
    frustration: [],
    form: { name: 'checkout', interaction: 'submit' },
  },
}

const linkedError: TrackerErrorEvent = {
  type: 'error',
  id: 'evt-err-1',
  time: T0 + 450,
  application: { id: 'shop' },
  session: { id: SESSION },
  view: click.view,
  user,
  context: { plan: 'pro' },
  error: {
    message: 'price is undefined',
    type: 'TypeError',
    stack: 'TypeError: price is undefined\n    at addToCart (https://shop.example/app.js:10:5)',
    source: 'error',
  },
  action: { id: 'act-click' },
}

const lonelyError: TrackerErrorEvent = {
  type: 'error',
  id: 'evt-err-2',
  time: T0 + 5000,
  application: { id: 'shop' },
  session: { id: SESSION },
  view: { url: 'https://shop.example/', path: '/', referrer: '' },
  error: { message: 'timeout', type: 'UnhandledRejection', source: 'unhandledrejection' },
}

const events: TrackerEvent[] = [click, navigation, form, linkedError, lonelyError]
const resource = {
  serviceName: 'shop-web',
  serviceVersion: '2.4.1',
  attributes: { 'deployment.environment.name': 'production', 'app.shard': 3, 'service.name': 'x' },
}

// The mapping written out by hand, attribute by attribute (JS values; how each one is typed in
// OTLP is left to the official serializer in the comparison test).
const viewAttributes = (view: TrackerEvent['view']) => ({
  'url.full': view.url,
  'url.path': view.path,
  ...(view.route && { 'url.template': view.route }),
  ...(view.referrer && { 'actiontrail.view.referrer': view.referrer }),
})
const userAttributes = {
  'user.id': 'u-42',
  'actiontrail.user.name': 'Ada',
  'actiontrail.user.beta': true,
  'actiontrail.user.seats': 3,
  'actiontrail.user.score': 0.75,
  'actiontrail.user.roles': ['admin', 'billing'],
  'actiontrail.user.manager': null,
  'actiontrail.user.address': { city: 'Paris', zip: '75001' },
}
const expected: { event: TrackerEvent; attributes: Record<string, unknown> }[] = [
  {
    event: click,
    attributes: {
      'event.name': 'browser.user_action',
      'actiontrail.event.id': 'evt-click',
      'actiontrail.application.id': 'shop',
      'session.id': SESSION,
      ...viewAttributes(click.view),
      ...userAttributes,
      'actiontrail.context': globalContext,
      'actiontrail.action.id': 'act-click',
      'actiontrail.action.type': 'click',
      'actiontrail.action.name': 'Add to cart',
      'actiontrail.action.name_source': 'content',
      'actiontrail.action.duration_ms': 312,
      'actiontrail.action.complete_reason': 'interrupted_by_interaction',
      'actiontrail.action.interrupted_by': 'act-form',
      'actiontrail.action.target.tag': 'button',
      'actiontrail.action.target.selector': '#product-7 > button.add',
      'actiontrail.action.target.position.x': 12,
      'actiontrail.action.target.position.y': 9,
      'actiontrail.action.counts.requests': 1,
      'actiontrail.action.counts.resources': 2,
      'actiontrail.action.counts.mutations': 14,
      'actiontrail.action.counts.errors': 1,
      'actiontrail.action.counts.long_tasks': 0,
      'actiontrail.action.frustration': ['rage', 'error'],
      'actiontrail.action.context': click.action.context,
    },
  },
  {
    event: navigation,
    attributes: {
      'event.name': 'browser.user_action',
      'actiontrail.event.id': 'evt-nav',
      'actiontrail.application.id': 'shop',
      'session.id': SESSION,
      ...viewAttributes(navigation.view),
      'actiontrail.action.id': 'act-nav',
      'actiontrail.action.type': 'navigation',
      'actiontrail.action.name': '/cart',
      'actiontrail.action.name_source': 'navigation',
      'actiontrail.action.complete_reason': 'completed',
      'actiontrail.action.counts.requests': 0,
      'actiontrail.action.counts.resources': 0,
      'actiontrail.action.counts.mutations': 0,
      'actiontrail.action.counts.errors': 0,
      'actiontrail.action.counts.long_tasks': 0,
      'actiontrail.action.frustration': [],
      'actiontrail.action.navigation.from': 'https://shop.example/products/7',
      'actiontrail.action.navigation.to': 'https://shop.example/cart#summary',
      'actiontrail.action.navigation.method': 'push',
      'actiontrail.action.navigation.trigger': 'act-click',
      'browser.navigation.type': 'push',
      'browser.navigation.same_document': true,
      'browser.navigation.hash_change': true,
    },
  },
  {
    event: form,
    attributes: {
      'event.name': 'browser.user_action',
      'actiontrail.event.id': 'evt-form',
      'actiontrail.application.id': 'shop',
      'session.id': SESSION,
      ...viewAttributes(form.view),
      'user.id': 'u-42',
      'actiontrail.action.id': 'act-form',
      'actiontrail.action.type': 'form',
      'actiontrail.action.name': 'Place order',
      'actiontrail.action.name_source': 'form',
      'actiontrail.action.duration_ms': 0,
      'actiontrail.action.complete_reason': 'interrupted_by_navigation',
      'actiontrail.action.target.tag': 'form',
      'actiontrail.action.target.selector': 'form#checkout',
      'actiontrail.action.counts.requests': 3,
      'actiontrail.action.counts.resources': 0,
      'actiontrail.action.counts.mutations': 2,
      'actiontrail.action.counts.errors': 0,
      'actiontrail.action.counts.long_tasks': 1,
      'actiontrail.action.frustration': [],
      'actiontrail.action.form.name': 'checkout',
      'actiontrail.action.form.interaction': 'submit',
    },
  },
  {
    event: linkedError,
    attributes: {
      'event.name': 'browser.error',
      'actiontrail.event.id': 'evt-err-1',
      'actiontrail.application.id': 'shop',
      'session.id': SESSION,
      ...viewAttributes(linkedError.view),
      ...userAttributes,
      'actiontrail.context': { plan: 'pro' },
      'exception.type': 'TypeError',
      'exception.message': 'price is undefined',
      'exception.stacktrace': linkedError.error.stack,
      'actiontrail.error.source': 'error',
      'actiontrail.action.id': 'act-click',
    },
  },
  {
    event: lonelyError,
    attributes: {
      'event.name': 'browser.error',
      'actiontrail.event.id': 'evt-err-2',
      'actiontrail.application.id': 'shop',
      'session.id': SESSION,
      ...viewAttributes(lonelyError.view),
      'exception.type': 'UnhandledRejection',
      'exception.message': 'timeout',
      'actiontrail.error.source': 'unhandledrejection',
    },
  },
]
const expectedResource = {
  'service.name': 'shop-web',
  'service.version': '2.4.1',
  'telemetry.sdk.name': 'actiontrail',
  'telemetry.sdk.language': 'webjs',
  'telemetry.sdk.version': version,
  'deployment.environment.name': 'production',
  'app.shard': 3,
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
})

afterEach(() => {
  vi.useRealTimers()
})

// ---------------------------------------------------------------------------------------------

describe('toOtlpLogs: OTLP/JSON shape', () => {
  it('puts the batch in one resource and one scope, one record per event, in order', () => {
    const out = toOtlpLogs(events, resource)
    expect(out.resourceLogs).toHaveLength(1)
    const [resourceLogs] = out.resourceLogs
    expect(resourceLogs?.scopeLogs).toHaveLength(1)
    expect(resourceLogs?.scopeLogs[0]?.scope).toEqual({ name: '@actiontrail/core', version })
    const records = recordsOf(out) as OtlpLogRecord[]
    expect(records.map((r) => r.attributes.find((a) => a.key === 'actiontrail.event.id'))).toEqual(
      events.map((e) => ({ key: 'actiontrail.event.id', value: { stringValue: e.id } })),
    )
  })

  it('describes the service and the SDK in the resource; given attributes cannot replace them', () => {
    const attributes = toOtlpLogs(events, resource).resourceLogs[0]?.resource.attributes
    expect(attributes).toEqual([
      { key: 'service.name', value: { stringValue: 'shop-web' } },
      { key: 'service.version', value: { stringValue: '2.4.1' } },
      { key: 'telemetry.sdk.name', value: { stringValue: 'actiontrail' } },
      { key: 'telemetry.sdk.language', value: { stringValue: 'webjs' } },
      { key: 'telemetry.sdk.version', value: { stringValue: version } },
      { key: 'deployment.environment.name', value: { stringValue: 'production' } },
      { key: 'app.shard', value: { intValue: '3' } },
    ])
    const bare = toOtlpLogs(events, { serviceName: 'shop-web' }).resourceLogs[0]?.resource
    expect(bare?.attributes.map((a) => a.key)).toEqual([
      'service.name',
      'telemetry.sdk.name',
      'telemetry.sdk.language',
      'telemetry.sdk.version',
    ])
  })

  it('is plain JSON: lowerCamelCase keys, int64 as decimal strings, enums as integers', () => {
    const out = toOtlpLogs(events, resource)
    // Nothing JSON.stringify would drop or change (undefined, NaN, BigInt, …).
    expect(JSON.parse(JSON.stringify(out))).toStrictEqual(out)
    const walk = (value: unknown, field: string | undefined, seen: Set<string>) => {
      if (Array.isArray(value)) {
        for (const item of value) walk(item, undefined, seen)
        return
      }
      if (value && typeof value === 'object') {
        for (const [key, item] of Object.entries(value)) {
          expect(key).toMatch(/^[a-z][a-zA-Z]*$/)
          seen.add(key)
          walk(item, key, seen)
        }
        return
      }
      if (field && field in INT64_FIELDS) expect(value).toMatch(/^-?\d+$/)
      if (field === 'severityNumber') expect(Number.isInteger(value)).toBe(true)
    }
    const seen = new Set<string>()
    walk(out, undefined, seen)
    expect([...seen].sort()).toEqual(
      [
        'resourceLogs',
        'resource',
        'attributes',
        'key',
        'value',
        'scopeLogs',
        'scope',
        'name',
        'version',
        'logRecords',
        'timeUnixNano',
        'observedTimeUnixNano',
        'severityNumber',
        'severityText',
        'body',
        'eventName',
        'stringValue',
        'intValue',
        'doubleValue',
        'boolValue',
        'arrayValue',
        'kvlistValue',
        'values',
      ].sort(),
    )
  })

  it('returns an empty request for an empty batch', () => {
    expect(toOtlpLogs([], resource)).toEqual({ resourceLogs: [] })
  })
})

describe('toOtlpLogs: checked with the opentelemetry-proto definitions', () => {
  it('verifies as an ExportLogsServiceRequest once int64 strings are read as the spec says', () => {
    const out = toOtlpLogs(events, resource)
    expect(Request.verify(fromOtlpJson(out))).toBeNull()
    // protobufjs' own object form wants Longs, so the raw JSON fails `verify` on its first
    // int64 string: the JSON-vs-object convention the conversion above bridges, not a shape error.
    expect(Request.verify(out)).toBe(
      'resourceLogs.resource.attributes.value.intValue: integer|Long expected',
    )
    expect(Request.verify(toOtlpLogs(events, { serviceName: 'shop-web' }))).toBe(
      'resourceLogs.scopeLogs.logRecords.timeUnixNano: integer|Long expected',
    )
  })

  it('verify catches what a wrong mapping would produce', () => {
    const broken = (change: (record: Record<string, unknown>) => void) => {
      const out = JSON.parse(JSON.stringify(toOtlpLogs([click], resource)))
      change(recordsOf(out)[0] as Record<string, unknown>)
      return Request.verify(fromOtlpJson(out))
    }
    expect(broken((r) => (r.severityNumber = 99))).toMatch(/severityNumber: enum value expected/)
    expect(broken((r) => (r.body = { stringValue: 'a', intValue: '1' }))).toMatch(
      /body\.value: multiple values/,
    )
    expect(broken((r) => (r.attributes = { key: 'a' }))).toMatch(/attributes: array expected/)
    expect(broken((r) => (r.body = { boolValue: 'true' }))).toMatch(/boolValue: boolean expected/)
    expect(() => broken((r) => (r.timeUnixNano = '1.7e18'))).toThrow(/timeUnixNano/)
    expect(() => broken((r) => (r.timeUnixNano = '18446744073709551616'))).toThrow(/out of range/)
  })

  it('survives JSON → protobuf binary → JSON unchanged', () => {
    const out = toOtlpLogs(events, resource)
    const back = Request.toObject(receive(out), AS_OTLP_JSON)
    // Only difference allowed: an empty repeated field is not written (frustration: []).
    expect(back).toEqual(withoutEmptyArrays(out))
  })

  it('decodes to the values meant: exact ns times, severities, event names, bodies', () => {
    const records = recordsOf(receive(toOtlpLogs(events, resource))) as DecodedLogRecord[]
    const nanos = (ms: number) => (BigInt(ms) * 1_000_000n).toString()
    expect(records.map((r) => r.timeUnixNano.toString())).toEqual([
      nanos(T0),
      (BigInt(T0 + 1000) * 1_000_000n + 500_000n).toString(), // start T0 + 1000.5 ms
      nanos(T0 + 2000),
      nanos(T0 + 450),
      nanos(T0 + 5000),
    ])
    for (const record of records) {
      expect(record.timeUnixNano.unsigned).toBe(true)
      expect(record.observedTimeUnixNano.toString()).toBe(nanos(NOW))
    }
    expect(records.map((r) => [r.severityNumber, r.severityText, r.eventName])).toEqual([
      [9, 'INFO', 'browser.user_action'],
      [9, 'INFO', 'browser.user_action'],
      [9, 'INFO', 'browser.user_action'],
      [17, 'ERROR', 'browser.error'],
      [17, 'ERROR', 'browser.error'],
    ])
    expect(records.map((r) => r.body.stringValue)).toEqual([
      'Add to cart',
      '/cart',
      'Place order',
      'price is undefined',
      'timeout',
    ])
  })

  it('decodes ints as ints, floats as doubles, booleans, nulls, arrays and kvlists intact', () => {
    const [record] = recordsOf(receive(toOtlpLogs([click], resource))) as DecodedLogRecord[]
    const attribute = (key: string) => record?.attributes.find((a) => a.key === key)?.value
    const duration = attribute('actiontrail.action.duration_ms')
    expect(duration?.value).toBe('intValue')
    expect(duration?.intValue?.toString()).toBe('312')
    expect(attribute('actiontrail.action.counts.long_tasks')?.value).toBe('intValue')
    expect(attribute('actiontrail.action.counts.long_tasks')?.intValue?.toString()).toBe('0')
    expect(attribute('actiontrail.user.score')).toMatchObject({
      value: 'doubleValue',
      doubleValue: 0.75,
    })
    expect(attribute('actiontrail.user.beta')).toMatchObject({
      value: 'boolValue',
      boolValue: true,
    })
    // null: the key stays, with an AnyValue that has no value set.
    expect(attribute('actiontrail.user.manager')?.value).toBeUndefined()

    const frustration = attribute('actiontrail.action.frustration')
    expect(frustration?.arrayValue?.values.map((v) => v.stringValue)).toEqual(['rage', 'error'])

    const mixed = attribute('actiontrail.context')?.kvlistValue?.values.find(
      (kv) => kv.key === 'mixed',
    )
    const items = mixed?.value.arrayValue?.values ?? []
    expect(items.map((v) => v.value)).toEqual([
      'intValue',
      'doubleValue',
      'stringValue',
      undefined,
      'boolValue',
      'arrayValue',
      'kvlistValue',
    ])
    expect(items[1]?.doubleValue).toBe(2.5)
    expect(items[4]?.boolValue).toBe(false)
    const nested = items[5]?.arrayValue?.values
    expect(nested?.[0]?.intValue?.toString()).toBe('3')
    expect(nested?.[1]?.arrayValue?.values[0]?.intValue?.toString()).toBe('4')
    const deep = items[6]?.kvlistValue?.values[0]
    expect(deep?.key).toBe('deep')
    const deeper = deep?.value.kvlistValue?.values[0]
    expect(deeper?.key).toBe('deeper')
    expect(deeper?.value.intValue?.toString()).toBe('-7')
    expect(deeper?.value.intValue?.unsigned).toBe(false)
  })
})

describe('toOtlpLogs: the same records as the official OpenTelemetry JS serializers', () => {
  type ReadableLogRecord = Parameters<typeof JsonLogsSerializer.serializeRequest>[0][number]

  /** SDK-shaped records from the hand-written attribute maps: only what the serializers read. */
  function referenceRecords(): ReadableLogRecord[] {
    const hrTime = (ms: number): [number, number] => [Math.floor(ms / 1000), (ms % 1000) * 1e6]
    const sharedResource = { attributes: expectedResource }
    return expected.map(({ event, attributes }) => {
      const isError = event.type === 'error'
      return {
        hrTime: hrTime(event.type === 'action' ? event.action.start : event.time),
        hrTimeObserved: hrTime(NOW),
        severityNumber: isError ? 17 : 9,
        severityText: isError ? 'ERROR' : 'INFO',
        body: isError ? event.error.message : event.action.name,
        eventName: isError ? 'browser.error' : 'browser.user_action',
        attributes,
        droppedAttributesCount: 0,
        resource: sharedResource,
        instrumentationScope: { name: '@actiontrail/core', version },
      } as unknown as ReadableLogRecord
    })
  }

  /** The meaningful fields, attributes keyed by name (their order carries no meaning). */
  function meaning(request: Record<string, unknown>) {
    const [resourceLogs] = request.resourceLogs as {
      resource: { attributes: { key: string; value: unknown }[] }
      scopeLogs: { scope: unknown; logRecords: Record<string, unknown>[] }[]
    }[]
    const byKey = (list: { key: string; value: unknown }[]) =>
      Object.fromEntries(list.map(({ key, value }) => [key, value]))
    return {
      resource: byKey(resourceLogs?.resource.attributes ?? []),
      scope: resourceLogs?.scopeLogs[0]?.scope,
      records: resourceLogs?.scopeLogs[0]?.logRecords.map((r) => ({
        timeUnixNano: r.timeUnixNano,
        observedTimeUnixNano: r.observedTimeUnixNano,
        severityNumber: r.severityNumber,
        severityText: r.severityText,
        body: r.body,
        eventName: r.eventName,
        attributes: byKey(r.attributes as { key: string; value: unknown }[]),
      })),
    }
  }

  const ours = () =>
    meaning(Request.toObject(Request.fromObject(toOtlpLogs(events, resource)), AS_OTLP_JSON))

  it('has, event by event, exactly the attribute keys written out in this test', () => {
    const records = recordsOf(toOtlpLogs(events, resource)) as OtlpLogRecord[]
    expect(records.map((r) => r.attributes.map((a) => a.key).sort())).toEqual(
      expected.map((e) => Object.keys(e.attributes).sort()),
    )
  })

  it('matches JsonLogsSerializer once both are read with the protobuf definitions', () => {
    const bytes = JsonLogsSerializer.serializeRequest(referenceRecords())
    const official = JSON.parse(new TextDecoder().decode(bytes))
    // The official JSON writes intValue as a JSON number; the protobuf reading evens that out.
    expect(ours()).toEqual(meaning(Request.toObject(Request.fromObject(official), AS_OTLP_JSON)))
  })

  it('matches ProtobufLogsSerializer byte for byte once decoded', () => {
    const bytes = ProtobufLogsSerializer.serializeRequest(referenceRecords()) ?? new Uint8Array()
    expect(ours()).toEqual(meaning(Request.toObject(Request.decode(bytes), AS_OTLP_JSON)))
  })
})

describe('toOtlpLogs: semantic details', () => {
  it('spells convention attributes as @opentelemetry/semantic-conventions does', () => {
    const keys = new Set(
      (recordsOf(toOtlpLogs(events, resource)) as OtlpLogRecord[]).flatMap((r) =>
        r.attributes.map((a) => a.key),
      ),
    )
    for (const name of [
      ATTR_EVENT_NAME,
      ATTR_SESSION_ID,
      ATTR_USER_ID,
      ATTR_URL_FULL,
      ATTR_URL_PATH,
      ATTR_URL_TEMPLATE,
      ATTR_EXCEPTION_TYPE,
      ATTR_EXCEPTION_MESSAGE,
      ATTR_EXCEPTION_STACKTRACE,
    ]) {
      expect(keys).toContain(name)
    }
    // Everything else is namespaced: actiontrail.* or the client-side browser.navigation.*.
    const conventions = new Set<string>([
      ATTR_EVENT_NAME,
      ATTR_SESSION_ID,
      ATTR_USER_ID,
      ATTR_URL_FULL,
      ATTR_URL_PATH,
      ATTR_URL_TEMPLATE,
      ATTR_EXCEPTION_TYPE,
      ATTR_EXCEPTION_MESSAGE,
      ATTR_EXCEPTION_STACKTRACE,
    ])
    for (const key of keys) {
      if (!conventions.has(key)) expect(key).toMatch(/^(actiontrail|browser\.navigation)\./)
    }
    expect(keys).not.toContain('http.route')

    const resourceKeys = toOtlpLogs(events, resource).resourceLogs[0]?.resource.attributes.map(
      (a) => a.key,
    )
    expect(resourceKeys).toEqual(
      expect.arrayContaining([
        ATTR_SERVICE_NAME,
        ATTR_SERVICE_VERSION,
        ATTR_TELEMETRY_SDK_NAME,
        ATTR_TELEMETRY_SDK_LANGUAGE,
        ATTR_TELEMETRY_SDK_VERSION,
      ]),
    )
    expect(TELEMETRY_SDK_LANGUAGE_VALUE_WEBJS).toBe('webjs')
  })

  it('sets the LogRecord event name and the event.name attribute to the same value', () => {
    for (const record of recordsOf(toOtlpLogs(events, resource)) as OtlpLogRecord[]) {
      expect(record.attributes[0]).toEqual({
        key: 'event.name',
        value: { stringValue: record.eventName },
      })
    }
  })

  it('links an error to its action by actiontrail.action.id, and leaves it out without one', () => {
    const records = recordsOf(toOtlpLogs(events, resource)) as OtlpLogRecord[]
    const actionId = (r: OtlpLogRecord | undefined) =>
      r?.attributes.find((a) => a.key === 'actiontrail.action.id')?.value
    expect(actionId(records[3])).toEqual({ stringValue: 'act-click' })
    expect(actionId(records[3])).toEqual(actionId(records[0]))
    expect(actionId(records[4])).toBeUndefined()
  })

  it('maps the navigation method to browser.navigation.* only where it tells the type', () => {
    const navigate = (method: string, from: string, to: string) => {
      const event = structuredClone(navigation)
      event.action.navigation = { from, to, method: method as 'push' }
      const [record] = recordsOf(toOtlpLogs([event], resource)) as OtlpLogRecord[]
      return Object.fromEntries(
        (record?.attributes ?? [])
          .filter((a) => a.key.startsWith('browser.navigation.'))
          .map((a) => [a.key.slice('browser.navigation.'.length), Object.values(a.value)[0]]),
      )
    }
    const a = 'https://shop.example/a'
    expect(navigate('load', '', `${a}#top`)).toEqual({ same_document: false, hash_change: false })
    expect(navigate('push', a, `${a}/b`)).toEqual({
      type: 'push',
      same_document: true,
      hash_change: false,
    })
    expect(navigate('replace', `${a}#x`, `${a}#x`)).toEqual({
      type: 'replace',
      same_document: true,
      hash_change: false,
    })
    expect(navigate('popstate', `${a}#x`, a)).toEqual({
      type: 'traverse',
      same_document: true,
      hash_change: false,
    })
    expect(navigate('hashchange', a, `${a}#y`)).toEqual({ same_document: true, hash_change: true })
  })

  it('leaves out empty referrer, form name and navigation source', () => {
    const event = structuredClone(form)
    event.action.form = { name: '', interaction: 'abandon' }
    const keys = (recordsOf(toOtlpLogs([event, navigation], resource)) as OtlpLogRecord[]).map(
      (r) => r.attributes.map((a) => a.key),
    )
    expect(keys[0]).toContain('actiontrail.action.form.interaction')
    expect(keys[0]).not.toContain('actiontrail.action.form.name')
    expect(keys[0]).not.toContain('actiontrail.view.referrer')
    const load = structuredClone(navigation)
    load.action.navigation = { from: '', to: 'https://shop.example/', method: 'load' }
    const [record] = recordsOf(toOtlpLogs([load], resource)) as OtlpLogRecord[]
    const loadKeys = record?.attributes.map((a) => a.key)
    expect(loadKeys).toContain('actiontrail.action.navigation.to')
    expect(loadKeys).not.toContain('actiontrail.action.navigation.from')
  })
})

describe('time and number conversions', () => {
  it('converts epoch ms to ns exactly, fractions included', () => {
    for (const ms of [0, 1, 999, T0, T0 + 1, NOW, 2 ** 40, 9_999_999_999_999]) {
      expect(msToNanos(ms)).toBe((BigInt(ms) * 1_000_000n).toString())
    }
    // Doubles near T0 step by 2^-12 ms (244.140625 ns); each converts to its nearest ns.
    for (let k = 0; k < 4096; k += 97) {
      const ms = T0 + k / 4096
      const exact = BigInt(T0) * 1_000_000n + (BigInt(k) * 1_000_000n * 2n + 4096n) / 8192n
      expect(msToNanos(ms)).toBe(exact.toString())
    }
    expect(msToNanos(T0 + 0.5)).toBe(`${T0}500000`)
    expect(msToNanos(0.000_000_4)).toBe('0')
    expect(msToNanos(0.25)).toBe('250000')
    expect(msToNanos(1.999_999_9)).toBe('2000000') // rounds up into the next ms
  })

  it('writes 0 ("unknown") for times that are not plausible epoch ms', () => {
    for (const ms of [-1, Number.NaN, Number.POSITIVE_INFINITY, 1e13, 1e21]) {
      expect(msToNanos(ms)).toBe('0')
    }
  })

  it('types numbers: safe integers → intValue, everything else → doubleValue', () => {
    expect(anyValue(42)).toEqual({ intValue: '42' })
    expect(anyValue(-7)).toEqual({ intValue: '-7' })
    expect(anyValue(-0)).toEqual({ intValue: '0' })
    expect(anyValue(2.0)).toEqual({ intValue: '2' }) // JS cannot tell 2.0 from 2
    expect(anyValue(Number.MAX_SAFE_INTEGER)).toEqual({ intValue: '9007199254740991' })
    expect(anyValue(2 ** 53)).toEqual({ doubleValue: 2 ** 53 }) // not exact as an integer
    expect(anyValue(1e21)).toEqual({ doubleValue: 1e21 })
    expect(anyValue(0.1)).toEqual({ doubleValue: 0.1 })
    expect(anyValue(Number.NaN)).toEqual({ doubleValue: 'NaN' })
    expect(anyValue(Number.NEGATIVE_INFINITY)).toEqual({ doubleValue: '-Infinity' })
    expect(anyValue(null)).toEqual({})
    expect(anyValue([])).toEqual({ arrayValue: { values: [] } })
    expect(anyValue({})).toEqual({ kvlistValue: { values: [] } })
  })

  it('keeps edge numbers through protobuf: max safe int, -1, unsafe and non-finite doubles', () => {
    const event = structuredClone(click)
    event.action.context = {
      max: Number.MAX_SAFE_INTEGER,
      minusOne: -1,
      big: 2 ** 53,
      tiny: 5e-324,
      nan: Number.NaN,
      inf: Number.POSITIVE_INFINITY,
    }
    const out = toOtlpLogs([event], resource)
    expect(Request.verify(fromOtlpJson(out))).toBeNull()
    const [record] = recordsOf(receive(out)) as DecodedLogRecord[]
    const context = record?.attributes.find((a) => a.key === 'actiontrail.action.context')
    const values = Object.fromEntries(
      (context?.value.kvlistValue?.values ?? []).map(({ key, value }) => [key, value]),
    )
    expect(values.max?.intValue?.toString()).toBe('9007199254740991')
    expect(values.minusOne?.intValue?.toString()).toBe('-1')
    expect(values.big?.doubleValue).toBe(2 ** 53)
    expect(values.tiny?.doubleValue).toBe(5e-324)
    expect(values.nan?.doubleValue).toBeNaN()
    expect(values.inf?.doubleValue).toBe(Number.POSITIVE_INFINITY)
  })
})
