import type { TrackerEvent } from '@actiontrail/core'
import { toOtlpLogs } from '@actiontrail/core/otlp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { otlpToEvents } from '../src/ingest/otlp'
import {
  actionEvent,
  CHROME_MAC,
  errorEvent,
  type Harness,
  postBatch,
  request,
  startCollector,
  T0,
} from './helpers'

// The same events sent as a batch to one collector (SQLite store) and as OTLP logs (toOtlpLogs
// of the SDK) to another (DuckDB store) must give the same rows.
let wire: Harness
let otlp: Harness
beforeAll(async () => {
  ;[wire, otlp] = await Promise.all([
    startCollector({ storeKind: 'sqlite' }),
    startCollector({ storeKind: 'duckdb' }),
  ])
})
afterAll(() => Promise.all([wire.stop(), otlp.stop()]))

const resource = { serviceName: 'shop', serviceVersion: '1.4.2' }

function postLogs(base: string, body: unknown, headers: Record<string, string> = {}) {
  return request(`${base}/v1/logs`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': CHROME_MAC,
      authorization: 'Bearer pub-test',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

function sample(sessionId: string): TrackerEvent[] {
  const click = actionEvent({
    session: { id: sessionId },
    user: { id: 'u-42', 'org.name': 'ACME', seats: 3 },
    context: { plan: 'pro', ratio: 0.25, flags: ['a', 'b'], nested: { 'x.y': true } },
    action: {
      frustration: ['rage', 'dead'],
      interrupted_by: 'act-next',
      target: { tag: 'button', selector: '#buy', position: { x: 3, y: 4 } },
      context: { sku: '7', qty: 2 },
    },
  })
  const nav = actionEvent({
    session: { id: sessionId },
    time: T0 + 2000,
    view: {
      url: 'https://shop.example/checkout#pay',
      path: '/checkout',
      route: '/checkout',
      referrer: 'https://shop.example/cart',
    },
    action: {
      type: 'navigation',
      name: '/checkout',
      name_source: undefined,
      start: T0 + 2000,
      duration: undefined,
      complete_reason: 'no_activity',
      target: undefined,
      navigation: {
        from: 'https://shop.example/cart',
        to: 'https://shop.example/checkout#pay',
        method: 'push',
        trigger: click.action.id,
      },
    },
  })
  const load = actionEvent({
    session: { id: sessionId },
    time: T0 - 5000,
    action: {
      type: 'navigation',
      name: '/cart',
      start: T0 - 5000,
      target: undefined,
      navigation: { from: '', to: 'https://shop.example/cart', method: 'load' },
    },
  })
  const form = actionEvent({
    session: { id: sessionId },
    time: T0 + 3000,
    action: {
      type: 'form',
      name: 'Email',
      start: T0 + 3000,
      form: { name: '', interaction: 'input' },
    },
  })
  const error = errorEvent({ session: { id: sessionId }, action: { id: click.action.id } })
  const bare = errorEvent({
    session: { id: sessionId },
    time: T0 + 4000,
    error: { message: 'boom', type: 'UnhandledRejection', source: 'unhandledrejection' },
  })
  return [click, nav, load, form, error, bare].map(
    (event) => JSON.parse(JSON.stringify(event)) as TrackerEvent,
  )
}

const withoutReceipt = (rows: { received_at: number }[]) =>
  rows.map(({ received_at: _, ...rest }) => rest)

describe('POST /v1/logs (OTLP/HTTP JSON)', () => {
  it('stores what toOtlpLogs of @actiontrail/core sends, exactly as the batch endpoint does', async () => {
    const events = sample('otlp-1')
    expect((await postBatch(wire.url, events)).status).toBe(200)
    const reply = await postLogs(otlp.url, toOtlpLogs(events, resource))
    expect(reply.status).toBe(200)
    expect(reply.json).toEqual({})
    const fromWire = await wire.rows('otlp-1')
    const fromOtlp = await otlp.rows('otlp-1')
    expect(fromOtlp).toHaveLength(6)
    expect(withoutReceipt(fromOtlp)).toEqual(withoutReceipt(fromWire))
    // Sent again: duplicates are dropped here too.
    expect((await postLogs(otlp.url, toOtlpLogs(events, resource))).status).toBe(200)
    expect(await otlp.rows('otlp-1')).toHaveLength(6)
  })

  it('rejects records that are not Actiontrail events, precisely, and keeps the others', async () => {
    const [good, bad] = sample('otlp-2')
    const body = toOtlpLogs([good as TrackerEvent, bad as TrackerEvent], resource)
    const records = body.resourceLogs[0]?.scopeLogs[0]?.logRecords ?? []
    // A record of another instrumentation, and one whose duration is a string.
    records.push({
      timeUnixNano: '1764115200000000000',
      observedTimeUnixNano: '1764115200000000000',
      severityNumber: 9,
      severityText: 'INFO',
      body: { stringValue: 'GET /api' },
      attributes: [{ key: 'http.method', value: { stringValue: 'GET' } }],
      eventName: 'http.client.request',
    })
    const second = records[1]
    if (!second) throw new Error('no second record')
    second.attributes = second.attributes.map((kv) =>
      kv.key === 'actiontrail.action.complete_reason'
        ? { key: kv.key, value: { intValue: '3' } }
        : kv.key === 'url.path'
          ? { key: kv.key, value: { stringValue: 12 as unknown as string } }
          : kv,
    )
    const reply = await postLogs(otlp.url, body)
    expect(reply.status).toBe(200)
    expect(reply.json.partialSuccess.rejectedLogRecords).toBe('2')
    expect(reply.json.partialSuccess.errorMessage).toBe(
      [
        'resourceLogs[0].scopeLogs[0].logRecords[1].attributes["url.path"]: stringValue: unexpected 12',
        'resourceLogs[0].scopeLogs[0].logRecords[2]: not an Actiontrail record: event name "http.client.request", expected "browser.user_action" or "browser.error"',
      ].join('; '),
    )
    expect((await otlp.rows('otlp-2')).map((r) => r.id)).toEqual([good?.id])
  })

  it('names the attribute a wrong value came from', () => {
    const [event] = sample('otlp-3')
    const body = toOtlpLogs([event as TrackerEvent], resource)
    const record = body.resourceLogs[0]?.scopeLogs[0]?.logRecords[0]
    if (!record) throw new Error('no record')
    record.attributes = record.attributes
      .filter((kv) => kv.key !== 'session.id')
      .map((kv) =>
        kv.key === 'actiontrail.action.duration_ms'
          ? { key: kv.key, value: { stringValue: '12' } }
          : kv.key === 'actiontrail.action.counts.requests'
            ? { key: kv.key, value: { doubleValue: 1.5 } }
            : kv,
      )
    const check = otlpToEvents(body)
    expect(check.ok && check.rejected).toEqual([
      {
        index: 0,
        path: 'resourceLogs[0].scopeLogs[0].logRecords[0]',
        errors: [
          'resourceLogs[0].scopeLogs[0].logRecords[0].attributes["session.id"]: expected a non-empty string, but it is missing',
          'resourceLogs[0].scopeLogs[0].logRecords[0].attributes["actiontrail.action.duration_ms"]: expected a non-negative number, got "12"',
          'resourceLogs[0].scopeLogs[0].logRecords[0].attributes["actiontrail.action.counts.requests"]: expected a non-negative integer, got 1.5',
        ],
      },
    ])
  })

  it('answers a request with no valid record with 400 and a google.rpc.Status body', async () => {
    const reply = await postLogs(otlp.url, {
      resourceLogs: [{ scopeLogs: [{ logRecords: [{ eventName: 'app.log', attributes: [] }] }] }],
    })
    expect(reply.status).toBe(400)
    expect(reply.json).toEqual({
      code: 3,
      message:
        'every log record was rejected: resourceLogs[0].scopeLogs[0].logRecords[0]: not an Actiontrail record: event name "app.log", expected "browser.user_action" or "browser.error"',
    })
    const shape = await postLogs(otlp.url, { resourceLogs: {} })
    expect(shape.json).toEqual({
      code: 3,
      message: 'resourceLogs: expected an array, got an object',
    })
  })

  it('refuses protobuf, bad tokens and other applications of a bound token', async () => {
    const protobuf = await postLogs(otlp.url, 'x', { 'content-type': 'application/x-protobuf' })
    expect(protobuf.status).toBe(415)
    expect(protobuf.json.message).toContain('OTLP/HTTP JSON (application/json), not protobuf')
    const unauthorized = await postLogs(otlp.url, {}, { authorization: 'Bearer nope' })
    expect(unauthorized.status).toBe(401)
    expect(unauthorized.json).toEqual({ code: 16, message: 'unknown client token' })
    const events = sample('otlp-4').map((e) => ({ ...e, application: { id: 'admin' } }))
    const bound = await postLogs(otlp.url, toOtlpLogs(events.slice(0, 1), resource), {
      authorization: 'Bearer pub-shop',
    })
    expect(bound.status).toBe(400)
    expect(bound.json.message).toContain(
      'attributes["actiontrail.application.id"]: this client token is for application "shop", got "admin"',
    )
  })
})
