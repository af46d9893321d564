import { type ChildProcess, spawn } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EventRow } from '../src/store'
import { clickhouse } from '../src/store/clickhouse'
import { createSharedRecords } from '../src/store/clickhouse/records'
import { type ClickhouseProcess, startClickhouseCluster } from './clickhouse'
import { FIXTURE, HOUR, shuffled, T0 } from './fixture'
import { type Harness, postBatch, type Reply, request, startCollector } from './helpers'
import { toWire } from './wire'

/**
 * The cluster layout: two ClickHouse servers on loopback ports as the two shards of cluster
 * `actiontrail`, and two collector processes (the CLI), each talking to one of them, ingesting
 * at once. Their query API answers as the embedded store does on the same fixture; a shard
 * stopped during ingest makes the collectors answer 503 with Retry-After, and no event they
 * accepted is lost.
 */

const CLUSTER = 'actiontrail'
const DATABASE = 'actiontrail'
const RANGE = `app=shop&from=${T0}&to=${T0 + 24 * HOUR}`
const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url))

interface CollectorProcess {
  url: string
  output: () => string
  stop(): Promise<void>
}

/** Runs the collector's CLI (from source, through tsx) against one shard; resolves once it listens. */
async function startCollectorProcess(shard: ClickhouseProcess): Promise<CollectorProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      cli,
      '--port=0',
      '--store=clickhouse',
      `--clickhouse-url=${shard.url}`,
      `--clickhouse-database=${DATABASE}`,
      `--clickhouse-cluster=${CLUSTER}`,
      '--tokens=pub-test',
      '--retention=off',
      '--alert-interval=1s',
    ],
    { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let out = ''
  child.stdout?.on('data', (chunk) => {
    out += chunk
  })
  child.stderr?.on('data', (chunk) => {
    out += chunk
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the collector did not start:\n${out}`)),
      30_000,
    )
    const check = () => {
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (found && /\n {2}retention .*\n/.test(out)) {
        clearTimeout(timer)
        resolve(found[1] as string)
      }
    }
    child.stdout?.on('data', check)
    child.once('exit', () => {
      clearTimeout(timer)
      reject(new Error(`the collector exited:\n${out}`))
    })
  })
  return {
    url,
    output: () => out,
    async stop() {
      if (child.exitCode !== null) return
      child.kill('SIGTERM')
      await exited
    },
  }
}

/** Numbers to 12 significant digits (percentiles are interpolated in two engines); `received_at` dropped. */
function comparable(value: unknown): unknown {
  if (typeof value === 'number') return Number(value.toPrecision(12))
  if (Array.isArray(value)) return value.map(comparable)
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'received_at')
        .map(([key, item]) => [key, comparable(item)]),
    )
  return value
}

/** The fixture in batches of three, as wire events. */
const batches = (rows: EventRow[]) => {
  const events = shuffled(rows).map(toWire)
  return Array.from({ length: Math.ceil(events.length / 3) }, (_, i) =>
    events.slice(i * 3, i * 3 + 3),
  )
}

let shards: ClickhouseProcess[] = []
let collectors: CollectorProcess[] = []
let embedded: Harness

beforeAll(async () => {
  shards = await startClickhouseCluster(2, CLUSTER)
  // Each shard's tables are made by the collector pointed at it.
  collectors = await Promise.all(shards.map(startCollectorProcess))
  embedded = await startCollector({ storeKind: 'duckdb' })
}, 120_000)

afterAll(async () => {
  await Promise.all(collectors.map((c) => c.stop()))
  await embedded?.stop()
  await Promise.all(shards.map((s) => s.dispose()))
}, 60_000)

describe('ClickHouse cluster: two shards, two collectors', () => {
  it('stores what two collectors ingest at once, and answers as the embedded store', async () => {
    const [a, b] = collectors as [CollectorProcess, CollectorProcess]
    const sent = batches(FIXTURE)
    // Every batch to one collector, and every third one to the other as well (a resend after
    // a lost answer, reaching another collector behind the load balancer), all at once.
    const replies = await Promise.all(
      sent.flatMap((events, i) => {
        const [first, second] = i % 2 ? [a, b] : [b, a]
        const posts = [postBatch(first.url, events, { query: i === 0 ? 'dropped=3' : '' })]
        if (i % 3 === 0) posts.push(postBatch(second.url, events))
        return posts
      }),
    )
    for (const reply of replies) expect(reply.status, reply.text).toBe(200)
    const accepted = replies.reduce((sum, r) => sum + r.json.accepted, 0)
    const duplicates = replies.reduce((sum, r) => sum + r.json.duplicates, 0)
    // Two collectors may both store a resent event at the same moment: the queries read it once.
    expect(accepted).toBeGreaterThanOrEqual(FIXTURE.length)
    // Each event sent is counted once, as stored or as a duplicate.
    const posted = sent.reduce((sum, events, i) => sum + events.length * (i % 3 === 0 ? 2 : 1), 0)
    expect(accepted + duplicates).toBe(posted)
    const reference = await postBatch(embedded.url, shuffled(FIXTURE).map(toWire), {
      query: 'dropped=3',
    })
    expect(reference.status, reference.text).toBe(200)
    // A key-type conflict: the type is set through one collector, the other value arrives
    // through the other, which may not have read the type yet; both report the same record.
    const blog = FIXTURE.find((e) => e.application_id === 'blog') as EventRow
    const plan = (id: string, value: unknown, time: number) => ({
      ...toWire(blog),
      id,
      time,
      context: { plan: value },
    })
    for (const [url, id, value, time] of [
      [a.url, 'blog-1', 'free', T0 + HOUR],
      [b.url, 'blog-2', 7, T0 + 2 * HOUR],
      [embedded.url, 'blog-1', 'free', T0 + HOUR],
      [embedded.url, 'blog-2', 7, T0 + 2 * HOUR],
    ] as const) {
      expect((await postBatch(url, [plan(id, value, time)])).status).toBe(200)
    }

    // Both shards hold events: sessions are spread by their hash.
    for (const shard of shards) {
      const [row] = await clickhouse({ url: shard.url, database: DATABASE }).rows<{ n: number }>(
        `SELECT count() AS n FROM ${DATABASE}.events_local`,
      )
      expect(row?.n).toBeGreaterThan(0)
    }

    const routes = [
      `overview?${RANGE}&bucket=6h`,
      `top-actions?${RANGE}`,
      `distribution?${RANGE}&by=type`,
      `distribution?${RANGE}&by=route&name=Add%20to%20cart`,
      `distribution?${RANGE}&by=context.variant`,
      `funnel?${RANGE}&steps=action:View%20product,action:Add%20to%20cart,route:/checkout&window=1h`,
      `funnel?${RANGE}&steps=action:View%20product,action:Add%20to%20cart&window=1h&segment=context.variant`,
      `flows?${RANGE}&kind=action`,
      `flows?${RANGE}&kind=route`,
      `timing?${RANGE}`,
      `frustration?${RANGE}`,
      `sessions?${RANGE}`,
      'sessions/s2?app=shop',
    ]
    for (const route of routes) {
      const expected = await request(`${embedded.url}/api/${route}`)
      expect(expected.status, `${route}: ${expected.text}`).toBe(200)
      for (const collector of collectors) {
        const got = await request(`${collector.url}/api/${route}`)
        expect(got.status, `${route}: ${got.text}`).toBe(200)
        expect(comparable(got.json), route).toEqual(comparable(expected.json))
      }
    }
    // Dropped counts: the same on both (the times are when each collector received the report).
    for (const collector of collectors) {
      const dropped = await request(`${collector.url}/api/dropped?app=shop`)
      expect(dropped.json).toMatchObject({ total: 3, reports: 1 })
    }
    // Key conflicts: the same record on both collectors (times are when each was received).
    for (const collector of collectors) {
      const conflicts = await request(`${collector.url}/api/key-conflicts?app=blog`)
      expect(conflicts.json).toMatchObject({
        types: { 'context.plan': 'string' },
        conflicts: [{ path: 'context.plan', expected: 'string', got: 'number', count: 1 }],
      })
    }
  })

  it('shares alert rules between the collectors, and sends each change once', async () => {
    const [a, b] = collectors as [CollectorProcess, CollectorProcess]
    const calls: unknown[] = []
    const hook: Server = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk) => {
        body += chunk
      })
      req.on('end', () => {
        calls.push(JSON.parse(body))
        res.end()
      })
    })
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve))
    const port = (hook.address() as { port: number }).port
    try {
      // The fixture is a year old: no action in the last hour, a count of 0 is below 1, and the
      // rule fires at its first evaluation.
      const created = await request(`${a.url}/api/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'No traffic',
          applicationId: 'shop',
          metric: 'action_count',
          comparator: 'below',
          threshold: 1,
          windowMs: '1h',
          webhookUrl: `http://127.0.0.1:${port}/hook`,
        }),
      })
      expect(created.status, created.text).toBe(201)
      const id = created.json.id as string
      // The other collector knows it: rules live in ClickHouse.
      const listed = await request(`${b.url}/api/alerts?app=shop`)
      expect(listed.json.rules.map((r: { id: string }) => r.id)).toEqual([id])

      // Both run the evaluation timer every second, and claim each round; the change to firing
      // is found, and sent, once.
      const deadline = Date.now() + 20_000
      while (calls.length === 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100))
      expect(calls).toHaveLength(1)
      await new Promise((resolve) => setTimeout(resolve, 3000))
      expect(calls).toHaveLength(1)
      for (const collector of collectors) {
        const history = await request(`${collector.url}/api/alerts/${id}/history`)
        expect(history.json.history.map((h: { state: string }) => h.state)).toEqual(['firing'])
        const rule = await request(`${collector.url}/api/alerts/${id}`)
        expect(rule.json.status.state).toBe('firing')
      }
      expect((await request(`${b.url}/api/alerts/${id}`, { method: 'DELETE' })).status).toBe(200)
      expect((await request(`${a.url}/api/alerts/${id}`)).status).toBe(404)
    } finally {
      await new Promise((resolve) => hook.close(resolve))
    }
  }, 60_000)

  it('lets one of the collectors that claim a round at the same moment run it', async () => {
    const connection = { url: (shards[0] as ClickhouseProcess).url, database: DATABASE }
    const owners = Array.from({ length: 3 }, (_, i) =>
      createSharedRecords(connection, `owner-${i}`),
    )
    for (let round = 0; round < 5; round++) {
      const won = await Promise.all(owners.map((o) => o.alerts.claim(`test:${round}`)))
      expect(won.filter(Boolean), `round ${round}`).toHaveLength(1)
      // A late claim of a round already run loses.
      expect(await (owners[0] as (typeof owners)[0]).alerts.claim(`test:${round}`)).toBe(false)
    }
  })

  it('answers 503 with Retry-After while a shard is down, and loses no accepted event', async () => {
    const [a, b] = collectors as [CollectorProcess, CollectorProcess]
    const down = shards[1] as ClickhouseProcess
    const rows = FIXTURE.filter((e) => e.application_id === 'shop').map((e, i) => ({
      ...e,
      id: `fault-${i}`,
      application_id: 'fault',
    }))
    const sent = batches(rows)
    const half = Math.floor(sent.length / 2)
    const accepted = new Set<string>()
    /** Notes the ids of a batch the collector accepted. */
    const record = <R extends Reply>(events: Record<string, unknown>[], reply: R): R => {
      if (reply.status === 200) for (const e of events) accepted.add(String(e.id))
      return reply
    }
    for (const events of sent.slice(0, half))
      expect(record(events, await postBatch(a.url, events)).status).toBe(200)

    await down.stop()
    const refused: Record<string, unknown>[][] = []
    for (const [i, events] of sent.slice(half).entries()) {
      const reply = record(events, await postBatch((i % 2 ? a : b).url, events))
      expect(reply.status, JSON.stringify(reply)).toBe(503)
      expect(reply.headers['retry-after']).toMatch(/^\d+$/)
      refused.push(events)
    }

    await down.start()
    // What the SDK does after Retry-After: send the refused batches again.
    for (const events of refused) {
      let reply = await postBatch(b.url, events)
      // The shard's first connections after a restart may still be refused.
      for (let tries = 0; reply.status === 503 && tries < 150; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 200))
        reply = await postBatch(b.url, events)
      }
      expect(record(events, reply).status, `${reply.text}\n${a.output()}\n${b.output()}`).toBe(200)
    }
    const stored = await request(
      `${a.url}/api/sessions?app=fault&from=${T0 - HOUR}&to=${T0 + 2 * 24 * HOUR}`,
    )
    expect(stored.status, stored.text).toBe(200)
    const timelines = await Promise.all(
      stored.json.sessions.map((s: { sessionId: string }) =>
        request(`${a.url}/api/sessions/${s.sessionId}?app=fault`),
      ),
    )
    const ids = timelines.flatMap((t) => t.json.events.map((e: { id: string }) => e.id))
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.sort()).toEqual([...accepted].sort())
    expect(accepted.size).toBe(rows.length)
  }, 120_000)
})
