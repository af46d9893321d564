import type { RouterNavigation, Tracker } from '@actiontrail/core'

/**
 * The navigations of one router, shared by its integration component and `useTrackedNavigate`:
 * the one begun before its URL changed, until its route has rendered.
 */
export interface RouterNavigations {
  /** Starts a navigation action for `route`, before the router moves to `url`. */
  begin(route: string, url: string): void
  /** Whether a navigation begun here is still waiting for its route to render. */
  readonly waiting: boolean
  /**
   * The route of the location with this key and URL has rendered. The waiting navigation
   * completes once the page is idle (as a failure with `error`); when none waits, the one the
   * tracker detected from the URL is named after `route`, and a router that leaves the URL alone
   * (a memory router) gets its navigation started now. A key already reported is ignored: a
   * descendant `<Routes>` (its effects run first) wins and StrictMode's second run does nothing.
   */
  rendered(route: string, key: string, url: string, error?: boolean): void
  /** The router gave the waiting navigation up (a blocker refused it). */
  aborted(): void
}

export function createRouterNavigations(tracker: Tracker): RouterNavigations {
  let open: RouterNavigation | undefined
  let reported: string | undefined
  const waiting = () => (open?.state === 'active' ? open : undefined)
  return {
    begin(route, url) {
      open = tracker.startNavigation(route, url)
    },
    get waiting() {
      return waiting() !== undefined
    },
    rendered(route, key, url, error) {
      if (key === reported) return
      // The first route rendered is the page the app started on, not a navigation.
      const first = reported === undefined
      reported = key
      let navigation = waiting()
      open = undefined
      if (!navigation && !first && new URL(url, location.href).href !== location.href) {
        navigation = tracker.startNavigation(route, url)
      }
      if (navigation && !error) return navigation.rendered(route)
      navigation?.fail('error')
      tracker.setRoute(route)
    },
    aborted() {
      waiting()?.fail('aborted')
      open = undefined
    },
  }
}
