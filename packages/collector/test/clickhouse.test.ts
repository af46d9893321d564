import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clickhouse, createClickhouseStore } from '../src/store/clickhouse'
import { type ClickhouseProcess, startClickhouse } from './clickhouse'
import { click, HOME, T0 } from './fixture'
import { describeStore } from './storeSuite'

/**
 * The store conformance suite against one ClickHouse server started for this file: the same
 * fixture, the same answers as the embedded stores. Each store gets a database of its own.
 * `CLICKHOUSE_URL` runs it against a server already running instead (another ClickHouse
 * version, say).
 */
let server: ClickhouseProcess | undefined
let url: string
let databases = 0

beforeAll(async () => {
  url = process.env.CLICKHOUSE_URL ?? ''
  if (url) return
  server = await startClickhouse()
  url = server.url
}, 90_000)

afterAll(async () => {
  await server?.dispose()
}, 30_000)

const database = () => `conformance_${process.pid}_${++databases}`

describeStore('clickhouse', async () => {
  const name = database()
  const open = () => createClickhouseStore({ url, database: name })
  return {
    store: await open(),
    reopen: open,
    dispose: () => clickhouse({ url, database: name }).exec(`DROP DATABASE ${name}`),
  }
})

describe('clickhouse store, beyond the conformance suite', () => {
  it('rounds epoch ms with a fraction (OTLP nanoseconds) as the DuckDB store does', async () => {
    const name = database()
    const store = await createClickhouseStore({ url, database: name })
    try {
      const event = { ...click('frac', T0 + 0.6, 'Pick', 10, HOME), action_start: T0 + 0.4 }
      expect(await store.insert([event])).toEqual({ inserted: 1, duplicates: 0 })
      const [stored] = await store.sessionTimeline('shop', 'frac')
      expect([stored?.time, stored?.action_start]).toEqual([T0 + 1, T0])
    } finally {
      await store.close()
      await clickhouse({ url, database: name }).exec(`DROP DATABASE ${name}`)
    }
  })

  it('adds the columns that a table made by an older collector lacks', async () => {
    const name = database()
    const client = clickhouse({ url, database: name })
    await (await createClickhouseStore({ url, database: name })).close()
    // As made before navigation failures were recorded.
    await client.exec(`ALTER TABLE ${name}.events DROP COLUMN nav_failure`)
    const store = await createClickhouseStore({ url, database: name })
    try {
      const event = { ...click('old', T0, 'Pick', 10, HOME), nav_failure: 'aborted' }
      expect(await store.insert([event])).toEqual({ inserted: 1, duplicates: 0 })
      expect((await store.sessionTimeline('shop', 'old'))[0]?.nav_failure).toBe('aborted')
    } finally {
      await store.close()
      await client.exec(`DROP DATABASE ${name}`)
    }
  })
})
