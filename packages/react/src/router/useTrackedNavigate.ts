import { useCallback, useContext } from 'react'
import {
  createPath,
  type NavigateFunction,
  type NavigateOptions,
  resolvePath,
  type To,
  useLocation,
  useNavigate,
} from 'react-router'
import { RouteTrackingContext } from './RouteTrackingContext'

/**
 * react-router's `navigate`, called the same way, that first starts a `navigation` action named
 * after the target's route pattern (`/products/:id`). The action completes once the new route
 * has rendered and the page is idle. A relative `to` is resolved against the current URL to pick
 * the name; the route finally rendered (after redirects) has the last word. `navigate(-1)` is
 * left to the back/forward detection.
 */
export function useTrackedNavigate(): NavigateFunction {
  const navigate = useNavigate()
  const tracking = useContext(RouteTrackingContext)
  const { pathname } = useLocation()
  return useCallback(
    (to: To | number, options?: NavigateOptions) => {
      if (typeof to === 'number') return navigate(to)
      if (tracking) {
        // The router adds its basename; the tracker takes the URL it moves to as it happens.
        const path = createPath(resolvePath(to, pathname))
        tracking.navigations.begin(tracking.patternOf(path), path)
      }
      return navigate(to, options)
    },
    [navigate, tracking, pathname],
  ) as NavigateFunction
}
