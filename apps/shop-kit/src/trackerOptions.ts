import type { TrackerOptions } from '@actiontrail/core'

/** The build-time variables a demo may set (Vite's `import.meta.env`). */
export interface ShopEnv {
  VITE_ACTIONTRAIL_ENDPOINT?: string
  VITE_ACTIONTRAIL_TOKEN?: string
}

/**
 * Options of every demo shop's tracker. Without `VITE_ACTIONTRAIL_ENDPOINT` the events go to
 * `/v1/events` on the shop's own origin, where the journey's server records them.
 */
export function shopTrackerOptions(env: ShopEnv): TrackerOptions {
  return {
    applicationId: 'demo-shop',
    endpoint: env.VITE_ACTIONTRAIL_ENDPOINT || '/v1/events',
    clientToken: env.VITE_ACTIONTRAIL_TOKEN || 'demo-token',
    // Short batches: the collector (and the journey) see an action about a second after it ends.
    flushInterval: 1000,
  }
}
