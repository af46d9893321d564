import type { NavigationFailure, RouterNavigation } from '@actiontrail/core'
import { Location } from '@angular/common'
import { afterNextRender, DestroyRef, EnvironmentInjector, inject, NgZone } from '@angular/core'
import {
  type Event,
  NavigationCancel,
  NavigationCancellationCode,
  NavigationEnd,
  NavigationError,
  NavigationStart,
  ROUTES,
  Router,
  RoutesRecognized,
} from '@angular/router'
import { ActionTracker } from './actionTracker'
import { routePattern } from './routePattern'

/**
 * Turns each Router navigation into a `navigation` action named after its route pattern.
 *
 * The pattern is only certain once the Router has recognised the URL (redirects, lazy children
 * and matchers decide it), so the action starts under the path and is renamed at
 * `RoutesRecognized`, before any guard can refuse it. It is reported rendered after the next
 * render that follows `NavigationEnd`, and the tracker completes it once the page is idle.
 */
export function trackRouter(): void {
  // Only apps that configured routes; `Router` itself is injectable everywhere.
  if (!inject(ROUTES, { optional: true })) return
  const router = inject(Router)
  const tracker = inject(ActionTracker)
  const location = inject(Location)
  const injector = inject(EnvironmentInjector)
  const zone = inject(NgZone)
  let navigation: RouterNavigation | undefined
  /** The pattern recognised for the tracked navigation, once the Router knows it. */
  let recognised: string | undefined
  /** The Router's id of the navigation being tracked (a redirect continues under a new id). */
  let id = -1
  let redirecting = false

  const onEvent = (event: Event) => {
    if (event instanceof NavigationStart) {
      const continues = redirecting && navigation
      redirecting = false
      id = event.id
      // The first navigation belongs to the page load, which the tracker measures on its own.
      if (continues || !router.navigated) return
      const path = event.url.split(/[?#]/)[0] || '/'
      navigation = tracker.startNavigation(path, location.prepareExternalUrl(event.url))
      recognised = undefined
      return
    }
    if (!('id' in event) || event.id !== id) return
    if (event instanceof RoutesRecognized) {
      recognised = routePattern(event.state.root)
      if (navigation) navigation.name = recognised
    } else if (event instanceof NavigationEnd) {
      const route = routePattern(router.routerState.snapshot.root)
      const ended = navigation
      navigation = undefined
      if (ended) {
        afterNextRender(() => zone.runOutsideAngular(() => ended.rendered(route)), { injector })
      } else {
        tracker.setRoute(route)
      }
    } else if (event instanceof NavigationCancel || event instanceof NavigationError) {
      // A guard's UrlTree or RedirectCommand: the same action follows the next navigation.
      if (event instanceof NavigationCancel && event.code === NavigationCancellationCode.Redirect) {
        redirecting = true
        return
      }
      navigation?.fail(failureOf(event), recognised)
      navigation = undefined
    }
  }

  const subscription = router.events.subscribe((event) =>
    zone.runOutsideAngular(() => {
      // The Router aborts a navigation when a listener throws: tracking must never do that.
      try {
        onEvent(event)
      } catch {}
    }),
  )
  inject(DestroyRef).onDestroy(() => subscription.unsubscribe())
}

function failureOf(event: NavigationCancel | NavigationError): NavigationFailure {
  if (event instanceof NavigationError) return 'error'
  return event.code === NavigationCancellationCode.SupersededByNewNavigation
    ? 'cancelled'
    : 'aborted'
}
