import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { createStore, STORE_FILES } from '../src/store'
import { COLUMNS, quote } from '../src/store/schema'
import { CHECKOUT, nav, T0 } from './fixture'

/** The `events` table as the first release made it: every column but those added since. */
const firstReleaseTable = (types: Record<string, string>) => {
  const columns = COLUMNS.filter(([name]) => name !== 'nav_failure').map(
    ([name, kind, nullable]) => `${quote(name)} ${types[kind]}${nullable ? '' : ' NOT NULL'}`,
  )
  return `CREATE TABLE events (${columns.join(', ')}, PRIMARY KEY (id))`
}

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('a data directory written by an earlier version', () => {
  it.each([
    [
      'sqlite',
      (file: string) => {
        const db = new Database(file)
        db.exec(firstReleaseTable({ text: 'TEXT', int: 'INTEGER', real: 'REAL', bool: 'INTEGER' }))
        db.close()
      },
    ],
    [
      'duckdb',
      async (file: string) => {
        const instance = await DuckDBInstance.create(file)
        const connection = await instance.connect()
        await connection.run(
          firstReleaseTable({ text: 'VARCHAR', int: 'BIGINT', real: 'DOUBLE', bool: 'BOOLEAN' }),
        )
        connection.closeSync()
        instance.closeSync()
      },
    ],
  ] as const)('%s: gains the new columns and stores them', async (kind, makeOld) => {
    const dir = mkdtempSync(join(tmpdir(), `actiontrail-migrate-${kind}-`))
    dirs.push(dir)
    await makeOld(join(dir, STORE_FILES[kind]))
    const store = await createStore(kind, dir)
    try {
      const failed = nav('s-old', T0, CHECKOUT, 40, { nav_failure: 'aborted' })
      await store.insert([failed])
      const [row] = await store.sessionTimeline(failed.application_id, 's-old')
      expect(row).toMatchObject({ id: failed.id, nav_failure: 'aborted', nav_method: 'push' })
    } finally {
      await store.close()
    }
  })
})
