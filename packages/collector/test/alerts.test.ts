import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { AlertService } from '../src/alerts/service'
import { actionEvent, type Harness, postBatch, request, startCollector } from './helpers'

/**
 * Alert rules over a real collector and the real DuckDB store: rules go in through the API,
 * events through POST /v1/events, evaluations are triggered with `alerts.evaluateNow()` (and
 * once by the timer), and webhooks land on a local HTTP server.
 */

interface Received {
  path: string
  headers: Record<string, unknown>
  // biome-ignore lint/suspicious/noExplicitAny: payloads are read field by field
  body: any
}

/**
 * A webhook receiver on 127.0.0.1: records every POST; `/fail` answers 500, `/flaky` 503 once,
 * `/slow` only when `release()` is called.
 */
async function startReceiver(): Promise<{
  url: string
  got: Received[]
  release(): void
  close(): Promise<void>
}> {
  const got: Received[] = []
  const held: (() => void)[] = []
  let flaky = 0
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const path = req.url ?? '/'
      got.push({
        path,
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      })
      const status = path === '/fail' ? 500 : path === '/flaky' && flaky++ === 0 ? 503 : 200
      const reply = () => {
        res.writeHead(status, { 'content-type': 'text/plain' })
        res.end(status === 200 ? 'ok' : 'no')
      }
      if (path === '/slow') held.push(reply)
      else reply()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    got,
    release: () => {
      for (const reply of held.splice(0)) reply()
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

/** `n` actions named `name` a second ago, `erred` of them with an error. */
const payments = (n: number, erred: number, name = 'Pay') =>
  Array.from({ length: n }, (_, i) =>
    actionEvent({
      time: Date.now() - 1000,
      action: {
        name,
        counts: {
          requests: 1,
          resources: 0,
          mutations: 1,
          errors: i < erred ? 1 : 0,
          long_tasks: 0,
        },
      },
    }),
  )

describe('alert rules', () => {
  let h: Harness
  let hook: Awaited<ReturnType<typeof startReceiver>>

  const api = (path: string, options: Parameters<typeof request>[1] = {}) =>
    request(`${h.url}/api/${path}`, options)

  const rule = (overrides: Record<string, unknown> = {}) => ({
    name: 'Payments failing',
    applicationId: 'shop',
    metric: 'error_rate',
    filter: { actionName: 'Pay' },
    comparator: 'above',
    threshold: 0.5,
    windowMs: 60_000,
    webhookUrl: `${hook.url}/hook`,
    ...overrides,
  })

  const ingest = async (events: unknown[]) => {
    const sent = await postBatch(h.url, events)
    expect(sent.status, sent.text).toBe(200)
  }

  beforeAll(async () => {
    hook = await startReceiver()
    h = await startCollector({
      storeKind: 'duckdb',
      // The timer would not fire during the test: evaluations are triggered by hand.
      alerts: { evaluateEveryMs: 3_600_000, webhookTimeoutMs: 2000, retryDelayMs: 20 },
    })
  })

  afterAll(async () => {
    await h?.stop()
    await hook?.close()
  })

  beforeEach(async () => {
    // Each test starts without rules (and the receiver without payloads).
    for (const r of (await api('alerts')).json.rules)
      await api(`alerts/${r.id}`, { method: 'DELETE' })
    hook.got.length = 0
  })

  it('fires once when the metric crosses the threshold, resolves once, and keeps the history', async () => {
    const created = await api('alerts', json(rule()))
    expect(created.status, created.text).toBe(201)
    const id = created.json.id as string
    expect(created.json).toMatchObject({ ...rule(), status: { state: 'ok', value: null } })

    // 1 of 2 payments erred: 0.5 is not above 0.5.
    await ingest(payments(2, 1))
    // Another action's errors do not count.
    await ingest([...payments(3, 3, 'Browse')])
    let results = await h.collector.alerts.evaluateNow()
    expect(results).toEqual([{ ruleId: id, value: 0.5, state: 'ok' }])
    expect(hook.got).toHaveLength(0)

    // 3 of 4 erred: 0.75 > 0.5.
    await ingest(payments(2, 2))
    results = await h.collector.alerts.evaluateNow()
    expect(results[0]).toMatchObject({ value: 0.75, state: 'firing' })
    expect(hook.got).toHaveLength(1)
    const fired = hook.got[0] as Received
    expect(fired.path).toBe('/hook')
    expect(fired.headers['content-type']).toBe('application/json')
    expect(fired.body).toMatchObject({
      rule: {
        id,
        name: 'Payments failing',
        applicationId: 'shop',
        metric: 'error_rate',
        filter: { actionName: 'Pay' },
        comparator: 'above',
        threshold: 0.5,
        windowMs: 60_000,
      },
      state: 'firing',
      value: 0.75,
      threshold: 0.5,
      window: { ms: 60_000 },
      url: `${h.url}/?app=shop#/alerts/${id}`,
    })
    expect(fired.body.rule.webhookUrl).toBeUndefined()
    expect(fired.body.window.to - fired.body.window.from).toBe(60_000)
    expect(fired.body.at).toBe(fired.body.window.to)

    // Still firing: no second payload.
    await h.collector.alerts.evaluateNow()
    expect(hook.got).toHaveLength(1)
    const listed = await api('alerts?app=shop')
    expect(listed.status).toBe(200)
    expect(listed.json.rules).toHaveLength(1)
    expect(listed.json.rules[0].status).toMatchObject({ state: 'firing', value: 0.75 })
    expect((await api('alerts?app=blog')).json.rules).toEqual([])

    // 3 of 8 erred: resolved.
    await ingest(payments(4, 0))
    await h.collector.alerts.evaluateNow()
    expect(hook.got).toHaveLength(2)
    expect(hook.got[1]?.body).toMatchObject({ state: 'resolved', value: 0.375, rule: { id } })

    const history = await api(`alerts/${id}/history`)
    expect(history.status, history.text).toBe(200)
    expect(history.json.history).toEqual([
      expect.objectContaining({
        state: 'resolved',
        value: 0.375,
        threshold: 0.5,
        delivery: expect.objectContaining({ status: 'delivered', attempts: 1, httpStatus: 200 }),
      }),
      expect.objectContaining({
        state: 'firing',
        value: 0.75,
        at: fired.body.at,
        delivery: expect.objectContaining({ status: 'delivered', attempts: 1, httpStatus: 200 }),
      }),
    ])

    // Kept in the data folder, history included.
    const stored = JSON.parse(readFileSync(join(h.dataDir, 'alerts.json'), 'utf8'))
    expect(stored.rules.map((r: { id: string }) => r.id)).toEqual([id])
    expect(stored.history[id]).toHaveLength(2)
    expect(stored.status[id].state).toBe('ok')
    // And read back at start.
    const reopened = await AlertService.open({ store: h.store, dataDir: h.dataDir })
    expect(reopened.get(id)).toEqual((await api(`alerts/${id}`)).json)
    expect(reopened.historyOf(id)).toEqual(history.json.history)
  })

  it('retries a failing webhook and records the failure', async () => {
    const failing = await api(
      'alerts',
      json(
        rule({ metric: 'action_count', threshold: 0, filter: {}, webhookUrl: `${hook.url}/fail` }),
      ),
    )
    const flaky = await api(
      'alerts',
      json(
        rule({ metric: 'action_count', threshold: 0, filter: {}, webhookUrl: `${hook.url}/flaky` }),
      ),
    )
    expect(failing.status).toBe(201)
    expect(flaky.status).toBe(201)
    await ingest(payments(1, 0))
    await h.collector.alerts.evaluateNow()

    // Three attempts (the first and two retries) at /fail; /flaky succeeds on the second.
    expect(hook.got.filter((r) => r.path === '/fail')).toHaveLength(3)
    expect(hook.got.filter((r) => r.path === '/flaky')).toHaveLength(2)
    const [failed] = (await api(`alerts/${failing.json.id}/history`)).json.history
    expect(failed).toMatchObject({
      state: 'firing',
      delivery: {
        status: 'failed',
        attempts: 3,
        httpStatus: 500,
        error: 'the webhook answered 500',
      },
    })
    const [retried] = (await api(`alerts/${flaky.json.id}/history`)).json.history
    expect(retried.delivery).toMatchObject({ status: 'delivered', attempts: 2, httpStatus: 200 })
  })

  it('keeps ingesting while a webhook is slow', async () => {
    await api(
      'alerts',
      json(
        rule({ metric: 'action_count', threshold: 0, filter: {}, webhookUrl: `${hook.url}/slow` }),
      ),
    )
    await ingest(payments(1, 0))
    let done = false
    const evaluation = h.collector.alerts.evaluateNow().then((results) => {
      done = true
      return results
    })
    const deadline = Date.now() + 5000
    while (hook.got.length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10))
    expect(hook.got).toHaveLength(1)
    // The webhook has not answered: events are still taken and the API still answers.
    await ingest(payments(3, 0))
    expect((await api('alerts')).status).toBe(200)
    expect(done).toBe(false)
    hook.release()
    const [result] = await evaluation
    expect(result?.change?.delivery).toMatchObject({ status: 'delivered', attempts: 1 })
  })

  it('records a webhook nobody answers as failed', async () => {
    // A port that was just free: connection refused.
    const gone = await startReceiver()
    await gone.close()
    const created = await api(
      'alerts',
      json(rule({ metric: 'action_count', threshold: 0, filter: {}, webhookUrl: gone.url })),
    )
    await ingest(payments(1, 0))
    await h.collector.alerts.evaluateNow()
    const [entry] = (await api(`alerts/${created.json.id}/history`)).json.history
    expect(entry.delivery).toMatchObject({ status: 'failed', attempts: 3 })
    expect(entry.delivery.error).toMatch(/ECONNREFUSED|fetch failed/)
  })

  it('updates and deletes rules', async () => {
    const created = await api('alerts', json(rule()))
    const id = created.json.id as string
    const updated = await api(`alerts/${id}`, {
      ...json({ threshold: 0.2, filter: { route: '/cart', type: 'click' } }),
      method: 'PUT',
    })
    expect(updated.status, updated.text).toBe(200)
    expect(updated.json).toMatchObject({
      id,
      name: 'Payments failing',
      threshold: 0.2,
      filter: { route: '/cart', type: 'click' },
      createdAt: created.json.createdAt,
    })
    // A rule as the API shows it can be sent back.
    const again = await api(`alerts/${id}`, { ...json(updated.json), method: 'PUT' })
    expect(again.status, again.text).toBe(200)
    const bad = await api(`alerts/${id}`, { ...json({ comparator: 'over' }), method: 'PUT' })
    expect(bad.status).toBe(400)
    expect(bad.json.error).toMatch(/^comparator: /)

    expect((await api(`alerts/${id}`, { method: 'DELETE' })).json).toEqual({ deleted: id })
    expect((await api(`alerts/${id}`, { method: 'DELETE' })).status).toBe(404)
    expect((await api(`alerts/${id}/history`)).status).toBe(404)
    expect((await api('alerts/nope', { ...json({ threshold: 1 }), method: 'PUT' })).status).toBe(
      404,
    )
    expect((await api('alerts')).json.rules).toEqual([])
  })

  it('answers bad rules with 400 naming the field', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ metric: undefined }, /^metric: required/],
      [{ metric: 'p99' }, /^metric: expected error_rate, frustration_rate/],
      [{ name: '' }, /^name: expected a non-empty string/],
      [{ applicationId: 7 }, /^applicationId: expected a non-empty string/],
      [{ comparator: 'over' }, /^comparator: expected above or below/],
      [{ threshold: '0.5' }, /^threshold: expected a number/],
      [{ threshold: 5 }, /^threshold: error_rate is a share from 0 to 1/],
      [{ windowMs: 10 }, /^windowMs: expected milliseconds from 1000/],
      [{ windowMs: 'soon' }, /^windowMs: /],
      [{ webhookUrl: 'ftp://example.com/x' }, /^webhookUrl: expected an http or https URL/],
      [{ webhookUrl: 'not a url' }, /^webhookUrl: /],
      [{ filter: 'Pay' }, /^filter: expected an object/],
      [{ filter: { action: 'Pay' } }, /^filter\.action: unknown field/],
      [{ filter: { route: 3 } }, /^filter\.route: expected a non-empty string/],
      [{ severity: 'high' }, /^severity: unknown field/],
    ]
    for (const [change, message] of cases) {
      const reply = await api('alerts', json(rule(change)))
      expect(reply.status, JSON.stringify(change)).toBe(400)
      expect(reply.json.error, JSON.stringify(change)).toMatch(message)
    }
    const notJson = await api('alerts', { ...json(null), body: '{"name":' })
    expect(notJson.status).toBe(400)
    expect(notJson.json.error).toMatch(/^malformed JSON/)
    const array = await api('alerts', json([rule()]))
    expect(array.json.error).toMatch(/^body: expected a JSON object/)
    const form = await api('alerts', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=x',
    })
    expect(form.status).toBe(415)
    expect((await api('alerts?app=a&app=b')).json.error).toMatch(/^app: given 2 times/)
    expect((await api('alerts')).json.rules).toEqual([])
  })

  it('applies the API access rules: another origin is refused', async () => {
    const reply = await api('alerts', {
      ...json(rule()),
      headers: { 'content-type': 'application/json', origin: 'https://shop.example' },
    })
    expect(reply.status).toBe(403)
    expect((await api('alerts')).json.rules).toEqual([])
  })
})

describe('alert evaluation on a timer, behind an API token', () => {
  const TOKEN = 'alerts-api-token-0123456789'
  let h: Harness
  let hook: Awaited<ReturnType<typeof startReceiver>>

  beforeAll(async () => {
    hook = await startReceiver()
    h = await startCollector({
      storeKind: 'sqlite',
      apiToken: TOKEN,
      alerts: { evaluateEveryMs: 50, publicUrl: 'https://actiontrail.example/' },
    })
  })

  afterAll(async () => {
    await h?.stop()
    await hook?.close()
  })

  it('needs the API token, and evaluates every evaluateEveryMs', async () => {
    const body = JSON.stringify({
      name: 'Rage clicks',
      applicationId: 'shop',
      metric: 'rage_clicks',
      comparator: 'above',
      threshold: 0,
      windowMs: '5m',
      webhookUrl: `${hook.url}/rage`,
    })
    const anonymous = await request(`${h.url}/api/alerts`, { method: 'POST', body })
    expect(anonymous.status).toBe(401)
    expect((await request(`${h.url}/api/alerts`)).status).toBe(401)
    const created = await request(`${h.url}/api/alerts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body,
    })
    expect(created.status, created.text).toBe(201)
    expect(created.json.windowMs).toBe(300_000)

    const sent = await postBatch(h.url, [
      actionEvent({ time: Date.now() - 1000, action: { frustration: ['rage'] } }),
    ])
    expect(sent.status, sent.text).toBe(200)
    const deadline = Date.now() + 10_000
    while (hook.got.length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20))
    expect(hook.got).toHaveLength(1)
    expect(hook.got[0]?.body).toMatchObject({
      state: 'firing',
      value: 1,
      url: `https://actiontrail.example/?app=shop#/alerts/${created.json.id}`,
    })
  })
})
