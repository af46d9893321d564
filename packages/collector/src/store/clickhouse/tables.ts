import { COLUMNS, type ColumnKind } from '../schema'
import type { EventRow } from '../types'
import { type Clickhouse, identifier, literal } from './http'

/** How the ClickHouse tables are laid out: one server, or shards behind `Distributed` tables. */
export interface ClickhouseLayout {
  database: string
  /**
   * Name of a cluster of the servers' `remote_servers` configuration. With one, every table is a
   * `<name>_local` MergeTree on each shard, read and written through a `Distributed` table
   * `<name>` over the cluster; without, `<name>` is the MergeTree itself.
   */
  cluster?: string
}

const TYPES: Record<ColumnKind, string> = {
  text: 'String',
  int: 'Int64',
  real: 'Float64',
  bool: 'UInt8',
}

/**
 * The `events` columns: those of `EventRow`, plus the metadata key paths of the context, the
 * action context and the user, flattened at insert (`meta_keys[i]` has the text value
 * `meta_values[i]`). ClickHouse 18.16 has no JSON path functions (its `visitParam*` find a key
 * anywhere in the text, nested or not), so key paths are looked up in these arrays instead.
 */
const EVENT_COLUMNS = [
  ...COLUMNS.map(([name, kind, nullable]) => {
    const type = TYPES[kind]
    return `"${name}" ${nullable ? `Nullable(${type})` : type}`
  }),
  'meta_keys Array(String)',
  'meta_values Array(String)',
]

/**
 * A MergeTree table and, in a cluster, the `Distributed` table in front of it. Each statement
 * is `IF NOT EXISTS`: any number of collectors may start at once.
 */
async function createTable(
  client: Clickhouse,
  layout: ClickhouseLayout,
  name: string,
  columns: readonly string[],
  engine: string,
  shardingKey: string,
): Promise<void> {
  const db = identifier(layout.database)
  const local = layout.cluster ? `${name}_local` : name
  await client.exec(
    `CREATE TABLE IF NOT EXISTS ${db}.${local} (${columns.join(', ')}) ENGINE = ${engine}`,
  )
  await addMissingColumns(client, db, local, columns)
  if (!layout.cluster) return
  await client.exec(
    `CREATE TABLE IF NOT EXISTS ${db}.${name} AS ${db}.${local} ` +
      `ENGINE = Distributed(${identifier(layout.cluster)}, ${db}, ${local}, ${shardingKey})`,
  )
  await addMissingColumns(client, db, name, columns)
}

/**
 * Adds the columns a table made by an older collector lacks (a new field of the wire format):
 * `ADD COLUMN IF NOT EXISTS` is newer than ClickHouse 18.16, so the table's columns are read.
 */
async function addMissingColumns(
  client: Clickhouse,
  db: string,
  table: string,
  columns: readonly string[],
): Promise<void> {
  const rows = await client.rows<{ name: string }>(
    `SELECT name FROM system.columns WHERE database = ${literal(db)} AND table = ${literal(table)}`,
  )
  const present = new Set(rows.map((row) => row.name))
  for (const column of columns) {
    const name = (column.split(' ')[0] as string).replace(/"/g, '')
    if (!present.has(name)) await client.exec(`ALTER TABLE ${db}.${table} ADD COLUMN ${column}`)
  }
}

/**
 * Creates the database and every table the collector uses, when missing.
 *
 * `events` is a ReplacingMergeTree sorted by application, day, session, time and id: the range
 * queries of one application read its days only, a session's events sit together (funnels,
 * flows and timelines group by session), and a resent event, having the same sorting key, is
 * folded into one row when parts merge. Until they merge, queries read each id once (`LIMIT 1
 * BY id`). In a cluster, events are sharded by session: a session, and every copy of an event,
 * lives on one shard.
 */
export async function createTables(client: Clickhouse, layout: ClickhouseLayout): Promise<void> {
  await client.exec(`CREATE DATABASE IF NOT EXISTS ${identifier(layout.database)}`)
  await createTable(
    client,
    layout,
    'events',
    EVENT_COLUMNS,
    'ReplacingMergeTree() PARTITION BY toYYYYMM(toDateTime(intDiv("time", 1000))) ' +
      'ORDER BY (application_id, intDiv("time", 86400000), session_id, "time", id)',
    'cityHash64(session_id)',
  )
  for (const [name, columns, engine] of SIDE_TABLES)
    await createTable(client, layout, name, columns, engine, 'rand()')
}

/**
 * The collector's own records, kept in ClickHouse so that collectors share them (see
 * records.ts): logs that are appended to and read back summed, and alert rule records of which
 * the latest version wins.
 */
const SIDE_TABLES: readonly (readonly [string, readonly string[], string])[] = [
  [
    'dropped_reports',
    ['application_id String', '"time" Int64', 'dropped Int64'],
    'MergeTree() ORDER BY (application_id, "time")',
  ],
  [
    'key_observations',
    [
      'application_id String',
      'path String',
      'type String',
      'count Int64',
      'first_seen Int64',
      'last_seen Int64',
      'example_event_id String',
      'example String',
    ],
    'MergeTree() ORDER BY (application_id, path, type)',
  ],
  [
    'alert_rules',
    ['id String', 'version UInt64', 'deleted UInt8', 'record String'],
    'ReplacingMergeTree(version) ORDER BY id',
  ],
  [
    'alert_claims',
    ['round String', 'owner String', '"time" Int64'],
    'MergeTree() ORDER BY (round, owner)',
  ],
]

/** Sets `prefix.key` → value text for every key path of a JSON object, nested ones included. */
function flatten(value: unknown, prefix: string, keys: string[], values: string[]): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return
  for (const [key, item] of Object.entries(value)) {
    if (item === null || item === undefined) continue
    const path = `${prefix}.${key}`
    keys.push(path)
    // As DuckDB's json_extract_string reads it: strings bare, everything else as JSON.
    values.push(typeof item === 'string' ? item : JSON.stringify(item))
    flatten(item, path, keys, values)
  }
}

const parse = (text: string | null): unknown => {
  if (text === null) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** An `EventRow` as a `JSONEachRow` line of `events` (flags as 0/1, metadata flattened). */
export function toClickhouseRow(row: EventRow): Record<string, unknown> {
  const line: Record<string, unknown> = {}
  for (const [name, kind] of COLUMNS) {
    const value = row[name]
    if (kind === 'bool') line[name] = value ? 1 : 0
    // Epoch ms may come with a fraction (OTLP nanoseconds): Int64 columns take whole ones.
    else if (kind === 'int' && typeof value === 'number') line[name] = Math.round(value)
    else line[name] = value ?? null
  }
  const keys: string[] = []
  const values: string[] = []
  flatten(parse(row.context), 'context', keys, values)
  flatten(parse(row.action_context), 'action_context', keys, values)
  flatten(parse(row.user), 'user', keys, values)
  line.meta_keys = keys
  line.meta_values = values
  return line
}

/** The text of key path `path` (`context.cart.size`) of an event, or NULL when it has none. */
export const metaValue = (path: string) =>
  `if(has(meta_keys, ${literal(path)}), meta_values[indexOf(meta_keys, ${literal(path)})], NULL)`
