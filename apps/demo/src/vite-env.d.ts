/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The collector's batch endpoint, set by `npm run demo`. */
  readonly VITE_ACTIONTRAIL_ENDPOINT?: string
  /** The client token the collector expects. */
  readonly VITE_ACTIONTRAIL_TOKEN?: string
}
