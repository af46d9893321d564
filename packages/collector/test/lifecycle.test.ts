import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DroppedRecord } from '../src/ingest/dropped'
import { KeyTypeRegistry } from '../src/ingest/keyTypes'
import { createStore } from '../src/store/index'
import { actionEvent, type Harness, postBatch, request, startCollector, T0 } from './helpers'
import { MemoryStore, slowStore, until } from './memoryStore'

const harnesses: Harness[] = []
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.stop()))
})
async function start(options: Parameters<typeof startCollector>[0] = {}) {
  const h = await startCollector(options)
  harnesses.push(h)
  return h
}

describe('durability', () => {
  it('answers 2xx only once the store has the events (a slow insert makes the answer wait)', async () => {
    let wrapped: ReturnType<typeof slowStore> | undefined
    const h = await start({
      wrap: (store) => {
        wrapped = slowStore(store, () => 300)
        return wrapped
      },
    })
    const event = actionEvent({ session: { id: 'slow' } })
    const started = Date.now()
    const reply = await postBatch(h.url, [event])
    expect(reply.status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    expect(wrapped?.insertsFinished).toBe(1)
    expect((await h.rows('slow')).map((r) => r.id)).toEqual([event.id])
  })

  it('answers 503 with Retry-After when the store fails, and takes the batch once it recovers', async () => {
    const memory = new MemoryStore()
    const h = await start({ store: memory })
    memory.failWith = new Error('disk full')
    const batch = [actionEvent({ session: { id: 'flaky' }, context: { plan: 'pro' } })]
    const failed = await postBatch(h.url, batch)
    expect(failed.status).toBe(503)
    expect(failed.headers['retry-after']).toBe('5')
    expect(failed.json).toEqual({ error: 'the events could not be stored; retry later' })
    // Nothing was recorded for events that were not stored.
    expect(h.collector.keyTypes.types('shop')).toEqual({})
    memory.failWith = undefined
    const retried = await postBatch(h.url, batch)
    expect(retried.status).toBe(200)
    expect(memory.rows.size).toBe(1)
  })
})

describe('graceful shutdown', () => {
  it('finishes requests in progress, refuses new connections, then closes the store', async () => {
    let wrapped: ReturnType<typeof slowStore> | undefined
    const h = await start({
      wrap: (store) => {
        wrapped = slowStore(store, () => 400)
        return wrapped
      },
    })
    const events = [1, 2, 3].map(() => actionEvent({ session: { id: 'closing' } }))
    const inFlight = postBatch(h.url, events)
    // Close while the insert is under way.
    await until(() => wrapped?.insertsStarted === 1)
    const closed = h.collector.close()
    const reply = await inFlight
    expect(reply.status).toBe(200)
    expect(reply.json.accepted).toBe(3)
    expect(reply.headers.connection).toBe('close')
    await closed
    await expect(request(`${h.url}/healthz`)).rejects.toThrow(/ECONNREFUSED/)
    // The store was closed, and what was accepted is in the database file.
    const reopened = await createStore('sqlite', h.dataDir)
    try {
      expect(await reopened.sessionTimeline('shop', 'closing')).toHaveLength(3)
    } finally {
      await reopened.close()
    }
  })

  it('closes a kept-alive connection after its request in progress is answered', async () => {
    const memory = new MemoryStore()
    memory.delay = 300
    const h = await start({ store: memory })
    const { port } = new URL(h.url)
    const socket = connect(Number(port), '127.0.0.1')
    let raw = ''
    socket.on('data', (chunk) => {
      raw += chunk
    })
    const ended = new Promise((resolve) => socket.on('close', resolve))
    const body = JSON.stringify([actionEvent()])
    socket.write(
      `POST /v1/events?token=pub-test HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    )
    await until(() => memory.insertsStarted === 1)
    const closing = h.collector.close()
    // The next request on the same connection, pipelined while the first is being stored: the
    // answer to the first says `Connection: close`, and the second is left for the client to
    // send again elsewhere (for the SDK: a network error, retried later).
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n')
    await closing
    await ended
    const statuses = [...raw.matchAll(/^HTTP\/1\.1 (\d+)/gm)].map((m) => m[1])
    expect(statuses).toEqual(['200'])
    expect(raw).toMatch(/^connection: close\r$/im)
    expect(memory.closed).toBe(true)
    expect(memory.rows.size).toBe(1)
  })

  it('keeps key types, conflicts and dropped counts in the data folder across restarts', async () => {
    const h = await start()
    await postBatch(h.url, [actionEvent({ context: { plan: 'pro' } })], { query: 'dropped=3' })
    await postBatch(h.url, [actionEvent({ context: { plan: 7 } })])
    await h.collector.close()
    const keyTypes = await KeyTypeRegistry.open({ dataDir: h.dataDir })
    expect(keyTypes.types('shop')).toMatchObject({ 'context.plan': 'string' })
    expect(keyTypes.conflicts('shop')).toMatchObject([
      { path: 'context.plan', expected: 'string', got: 'number', count: 1, example: '7' },
    ])
    const dropped = await DroppedRecord.open(h.dataDir)
    expect(dropped.get('shop')).toMatchObject({ total: 3, reports: 1 })
  })

  it('moves a damaged side record aside instead of failing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'actiontrail-keytypes-'))
    try {
      writeFileSync(join(dataDir, 'key-types.json'), '{ not json')
      const warnings: string[] = []
      const registry = await KeyTypeRegistry.open({ dataDir, warn: (m) => warnings.push(m) })
      expect(registry.applications()).toEqual([])
      expect(warnings[0]).toMatch(/key-types\.json is not valid JSON .*; moved to .*corrupt-/)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

describe('retention', () => {
  it('deletes events received longer ago than the retention, periodically', async () => {
    let clock = T0
    const memory = new MemoryStore()
    const h = await start({
      store: memory,
      now: () => clock,
      retentionMs: 86_400_000,
      retentionIntervalMs: 30,
    })
    await postBatch(h.url, [actionEvent(), actionEvent()])
    expect(memory.rows.size).toBe(2)
    clock = T0 + 2 * 86_400_000
    await until(() => memory.rows.size === 0)
  })
})
