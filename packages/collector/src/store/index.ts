import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { EventStore } from './types'

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

/** The embedded engines. */
export type StoreKind = 'duckdb' | 'sqlite'

/** The default embedded engine, chosen by measurement (see the README, "Store"). */
export const DEFAULT_STORE: StoreKind = 'duckdb'

/** File name of each engine's database inside the data directory. */
export const STORE_FILES: Record<StoreKind, string> = {
  duckdb: 'actiontrail.duckdb',
  sqlite: 'actiontrail.sqlite',
}

/**
 * Opens (creating if needed) the embedded store in `dataDir`; `undefined` picks the default.
 * Each engine is loaded only when asked for, so the other one's native addon is never loaded.
 */
export async function createStore(
  kind: StoreKind | undefined,
  dataDir: string,
): Promise<EventStore> {
  kind ??= DEFAULT_STORE
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
  throw new Error(`Unknown store "${String(kind)}": expected "duckdb" or "sqlite".`)
}
