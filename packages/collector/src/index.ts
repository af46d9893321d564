export type { DroppedCount } from './ingest/dropped'
export { DroppedRecord } from './ingest/dropped'
export type { BatchConflict, KeyConflict, KeyType, MetadataCarrier } from './ingest/keyTypes'
export { KeyTypeRegistry } from './ingest/keyTypes'
export type { ParsedUserAgent } from './ingest/userAgent'
export { parseUserAgent } from './ingest/userAgent'
export type { IngestLimits, RejectedEvent } from './ingest/validate'
export { DEFAULT_LIMITS } from './ingest/validate'
export type { ApiAccess, ApiContext, ApiRoute, RouteParams } from './server/api'
export { apiRoutes, checkApiAccess } from './server/api'
export type { TokenRule } from './server/auth'
export type { CollectorConfig } from './server/config'
export { resolveConfig } from './server/config'
export type { CollectorServer, CollectorServerOptions, ListenResult } from './server/index'
export { createCollectorServer } from './server/index'
export type { RateLimitOptions } from './server/rateLimit'
export type { SharedRecords } from './store/clickhouse/records'
export { createSharedRecords } from './store/clickhouse/records'
export type {
  ClickhouseOptions,
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
  StoreKind,
  TimingReport,
  TimingStat,
  TopAction,
} from './store/index'
export { createStore, DEFAULT_STORE } from './store/index'
