import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { afterEach, describe, expect, it } from 'vitest'
import { createStore, STORE_FILES } from '../src/store'
import { createTableSql } from '../src/store/schema'
import { CHECKOUT, nav, T0 } from './fixture'

const SQL_TYPES = { text: 'VARCHAR', int: 'BIGINT', real: 'DOUBLE', bool: 'BOOLEAN' }

/** The storage format a DuckDB file was written in, as DuckDB reports it ("v1.2.0+"). */
async function storageVersion(file: string): Promise<string | undefined> {
  const instance = await DuckDBInstance.create(file)
  const connection = await instance.connect()
  try {
    const result = await connection.runAndReadAll(
      'SELECT tags FROM duckdb_databases() WHERE path = $file',
      { file },
    )
    const [row] = result.getRowObjectsJson() as { tags: { key: string; value: string }[] }[]
    return row?.tags.find((tag) => tag.key === 'storage_version')?.value
  } finally {
    connection.closeSync()
    instance.closeSync()
  }
}

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const newDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'actiontrail-duckdb-storage-'))
  dirs.push(dir)
  return { dir, file: join(dir, STORE_FILES.duckdb) }
}

describe('DuckDB storage format', () => {
  it('writes a new data directory in format v1.2.0, whose checkpoints keep the index as is', async () => {
    const { dir, file } = newDir()
    const store = await createStore('duckdb', dir)
    await store.insert([nav('s-new', T0, CHECKOUT, 40)])
    await store.close()
    expect(await storageVersion(file)).toBe('v1.2.0+')
  })

  it('keeps a file of the default format v1.0.0 in its format, and uses it', async () => {
    const { dir, file } = newDir()
    const instance = await DuckDBInstance.create(file)
    const connection = await instance.connect()
    await connection.run(createTableSql(SQL_TYPES))
    connection.closeSync()
    instance.closeSync()
    const event = nav('s-old', T0, CHECKOUT, 40)

    const store = await createStore('duckdb', dir)
    expect(await store.insert([event])).toEqual({ inserted: 1, duplicates: 0 })
    await store.close()
    expect(await storageVersion(file)).toBe('v1.0.0+')

    const reopened = await createStore('duckdb', dir)
    try {
      expect(await reopened.insert([event])).toEqual({ inserted: 0, duplicates: 1 })
      expect(await reopened.sessionTimeline(event.application_id, 's-old')).toHaveLength(1)
    } finally {
      await reopened.close()
    }
  })
})
