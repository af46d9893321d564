import { createElement, useContext, useEffect, useMemo } from 'react'
import {
  createPath,
  createRoutesFromChildren,
  matchRoutes,
  UNSAFE_NavigationContext as NavigationContext,
  UNSAFE_RouteContext as RouteContext,
  type RoutesProps,
  useLocation,
  useRoutes,
} from 'react-router'
import { TrackerContext } from '../context'
import { type RouteTracking, RouteTrackingContext } from './RouteTrackingContext'
import { routePattern } from './routePattern'
import { createRouterNavigations } from './routerNavigations'

/**
 * `<Routes>` that names every navigation action after the matched route pattern and fills
 * `view.route`: a drop-in replacement, with the same children and props, for apps that declare
 * their routes in JSX (`<BrowserRouter>`, `<MemoryRouter>`). Navigations are detected when the
 * URL changes and named once the new route has rendered. Placed inside a route of another
 * `<TrackedRoutes>` (or of a `TrackedRouterProvider` app), its patterns extend the parent's.
 */
export function TrackedRoutes({ children, location: shown }: RoutesProps) {
  const tracker = useContext(TrackerContext)
  const parent = useContext(RouteTrackingContext)
  const { matches: above } = useContext(RouteContext)
  const { navigator, basename } = useContext(NavigationContext)
  // The route reported is the one of the URL, even when `location` shows another (a modal).
  const location = useLocation()
  const routes = useMemo(() => createRoutesFromChildren(children), [children])
  const element = useRoutes(routes, shown)

  // Below a parent route, paths are matched from where the parent's path ends.
  const base = routePattern(above)
  const prefix = above.at(-1)?.pathnameBase.replace(/\/$/, '') ?? ''
  // One record of navigations per router, kept across renders: it holds the one in flight.
  const shared = parent?.navigations
  const navigations = useMemo(
    () => tracker && (shared ?? createRouterNavigations(tracker)),
    [tracker, shared],
  )
  const tracking = useMemo<RouteTracking | undefined>(
    () =>
      navigations && {
        navigations,
        patternOf: (path) =>
          parent && !path.startsWith(prefix)
            ? parent.patternOf(path)
            : routePattern(matchRoutes(routes, path.slice(prefix.length) || '/'), base),
      },
    [navigations, parent, routes, base, prefix],
  )

  useEffect(() => {
    // A <Navigate> below already moved the router on: the next render reports the new route.
    const latest = (navigator as { location?: { key: string } }).location
    if (!tracking || (latest && latest.key !== location.key)) return
    const path = createPath(location)
    const url = navigator.createHref(`${basename.replace(/\/$/, '')}${path}`)
    tracking.navigations.rendered(tracking.patternOf(path), location.key, url)
  }, [tracking, navigator, basename, location])

  return createElement(RouteTrackingContext.Provider, { value: tracking }, element)
}
