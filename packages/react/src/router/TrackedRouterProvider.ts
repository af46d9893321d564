import { createElement, startTransition, useContext, useEffect, useMemo, useState } from 'react'
import { matchRoutes, RouterProvider, type RouterProviderProps } from 'react-router'
import { TrackerContext } from '../context'
import { RouteTrackingContext } from './RouteTrackingContext'
import { routePattern } from './routePattern'
import { createRouterNavigations } from './routerNavigations'

/**
 * `<RouterProvider>` for a data router (`createBrowserRouter`, `createMemoryRouter`, ...) that
 * names every navigation action after its route pattern and fills `view.route`. It takes the
 * same props; pass `flushSync` from `react-dom` if you used the one of `react-router/dom`.
 *
 * A navigation that loads data begins (the router reports `loading`) before its URL changes, so
 * its action starts then; one without loaders changes the URL at once and the action the
 * tracker detected is named when the route renders. Either way the action completes once the
 * new route has rendered and the page is idle.
 */
export function TrackedRouterProvider(props: RouterProviderProps) {
  const { router } = props
  const tracker = useContext(TrackerContext)
  const tracking = useMemo(
    () =>
      tracker && {
        navigations: createRouterNavigations(tracker),
        // Paths from useLocation() leave the basename out, as the routes do.
        patternOf: (path: string) => routePattern(matchRoutes(router.routes, path)),
      },
    [tracker, router],
  )
  // The location React has committed. Set in a transition, as RouterProvider sets its own
  // state, so both render together and this component's effect runs after the route's.
  const [rendered, setRendered] = useState(router.state.location)

  useEffect(() => {
    if (!tracking) return
    let { location: last } = router.state
    const unsubscribe = router.subscribe(({ navigation, location }) => {
      if (navigation.location) {
        // A loader redirect, or our own useTrackedNavigate, keeps the navigation already open.
        if (!tracking.navigations.waiting) {
          tracking.navigations.begin(
            routePattern(matchRoutes(router.routes, navigation.location, router.basename)),
            router.createHref(navigation.location),
          )
        }
      } else if (location === last) {
        tracking.navigations.aborted()
      } else {
        last = location
        startTransition(() => setRendered(location))
      }
    })
    // A child's effect may have navigated before this subscription existed.
    setRendered(last)
    return unsubscribe
  }, [router, tracking])

  useEffect(() => {
    const { location, navigation, matches, errors } = router.state
    // A newer location is on its way (a <Navigate> redirect): report that one instead.
    if (tracking && location === rendered && !navigation.location) {
      tracking.navigations.rendered(
        routePattern(matches),
        location.key,
        router.createHref(location),
        errors != null,
      )
    }
  }, [router, tracking, rendered])

  return createElement(
    RouteTrackingContext.Provider,
    { value: tracking },
    createElement(RouterProvider, props),
  )
}
