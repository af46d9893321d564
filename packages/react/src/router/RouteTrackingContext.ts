import { createContext } from 'react'
import type { RouterNavigations } from './routerNavigations'

/** What a router integration shares with `useTrackedNavigate` and descendant `<TrackedRoutes>`. */
export interface RouteTracking {
  navigations: RouterNavigations
  /** The route pattern a path (`/products/7?tab=1`, without the basename) matches. */
  patternOf(path: string): string
}

export const RouteTrackingContext = createContext<RouteTracking | undefined>(undefined)
