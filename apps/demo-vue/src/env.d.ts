/// <reference types="vite/client" />

/** The build-time variables of the shop (see shopTrackerOptions in @actiontrail/shop-kit). */
interface ImportMetaEnv {
  readonly VITE_ACTIONTRAIL_ENDPOINT?: string
  readonly VITE_ACTIONTRAIL_TOKEN?: string
}
