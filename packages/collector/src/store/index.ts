import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { ClickhouseOptions } from './clickhouse/index'
import type { EventStore } from './types'

export type { ClickhouseOptions } from './clickhouse/index'
export { PERCENTILES, percentile } from './schema'
export type {
  DistributionBy,
  DistributionEntry,
  EventRow,
  EventStore,
  FlowEdge,
  FrustrationCounts,
  FrustrationReport,
  FunnelSegment,
  FunnelSegmentBy,
  FunnelStep,
  OverviewBucket,
  Scope,
  SessionSummary,
  Step,
  TimingReport,
  TimingStat,
  TopAction,
} from './types'

/** The embedded engines, and ClickHouse. */
export type StoreKind = 'duckdb' | 'sqlite' | 'clickhouse'

/** The stores kept in the data directory. */
export type EmbeddedStoreKind = Exclude<StoreKind, 'clickhouse'>

/** The default embedded engine, chosen by measurement (see the README, "Store"). */
export const DEFAULT_STORE: StoreKind = 'duckdb'

/** File name of each embedded engine's database inside the data directory. */
export const STORE_FILES: Record<EmbeddedStoreKind, string> = {
  duckdb: 'actiontrail.duckdb',
  sqlite: 'actiontrail.sqlite',
}

/**
 * Opens (creating if needed) the embedded store in `dataDir`, or the ClickHouse store that
 * `clickhouse` describes (its tables created if missing); `undefined` picks the default.
 * Each engine is loaded only when asked for, so the other one's native addon is never loaded.
 */
export async function createStore(
  kind: StoreKind | undefined,
  dataDir: string,
  clickhouse?: ClickhouseOptions,
): Promise<EventStore> {
  kind ??= DEFAULT_STORE
  if (kind === 'clickhouse') {
    if (!clickhouse) throw new Error('The ClickHouse store needs its options (url, database).')
    const { createClickhouseStore } = await import('./clickhouse/index')
    return createClickhouseStore(clickhouse)
  }
  mkdirSync(dataDir, { recursive: true })
  const path = join(dataDir, STORE_FILES[kind] ?? '')
  if (kind === 'sqlite') {
    const { createSqliteStore } = await import('./sqlite')
    return createSqliteStore(path)
  }
  if (kind === 'duckdb') {
    const { createDuckdbStore } = await import('./duckdb')
    return createDuckdbStore(path)
  }
  throw new Error(`Unknown store "${String(kind)}": expected duckdb, sqlite or clickhouse.`)
}
