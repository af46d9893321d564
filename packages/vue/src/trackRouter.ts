import type { NavigationFailure, RouterNavigation, Tracker } from '@actiontrail/core'
import { nextTick } from 'vue'
import { quietly } from './quietly'
import { type MatchedRecord, routePattern } from './routePattern'

/** The parts of a vue-router location the integration reads. */
export interface RouteLocationLike {
  fullPath: string
  path: string
  matched: readonly MatchedRecord[]
  redirectedFrom?: RouteLocationLike | undefined
}

/**
 * The parts of a vue-router `Router` the integration uses, typed by shape so this package never
 * imports vue-router. A vue-router 4 router fits.
 */
export interface RouterLike {
  readonly currentRoute: { readonly value: RouteLocationLike }
  beforeEach(guard: (to: RouteLocationLike, from: RouteLocationLike) => void): () => void
  afterEach(
    hook: (
      to: RouteLocationLike,
      from: RouteLocationLike,
      // biome-ignore lint/suspicious/noConfusingVoidType: vue-router's own signature, which must fit.
      failure?: { type: number } | void,
    ) => void,
  ): () => void
  onError(
    handler: (error: unknown, to: RouteLocationLike, from: RouteLocationLike) => void,
  ): () => void
  isReady(): Promise<unknown>
  resolve(to: string): { href: string }
}

/** vue-router's failure types (`NavigationFailureType`); a duplicated navigation is no failure. */
const FAILURES: Record<number, NavigationFailure> = { 4: 'aborted', 8: 'cancelled' }

const ignore = () => {}

function patternOf(to: RouteLocationLike): string {
  return routePattern(to.matched) ?? to.path
}

/**
 * Connects a router to the tracker: every navigation after the first becomes a `navigation`
 * action named after its route pattern, open from the guards until the new route has rendered;
 * a failed one records why. The first one is the page load, detected by the tracker itself: it
 * only learns its route. Returns a function that disconnects the router.
 */
export function trackRouter(tracker: Tracker, router: RouterLike): () => void {
  // The action of each location under way; a redirect shares the action of the location it came from.
  const navigations = new WeakMap<RouteLocationLike, RouterNavigation>()
  let loaded = false

  const hrefOf = (to: RouteLocationLike) => router.resolve(to.fullPath).href
  const begin = (to: RouteLocationLike) => {
    const navigation = tracker.startNavigation(patternOf(to), hrefOf(to))
    navigations.set(to, navigation)
    return navigation
  }
  // An app guard registered before ours may stop a navigation before our guard sees it.
  const navigationTo = (to: RouteLocationLike) => navigations.get(to) ?? begin(to)

  const removers = [
    router.beforeEach(
      quietly((to) => {
        if (!loaded) return
        const redirected = to.redirectedFrom && navigations.get(to.redirectedFrom)
        // Back or forward: the tracker hands over the move it detected (or catches up with it
        // when this router heard of it first).
        if (redirected) navigations.set(to, redirected)
        else begin(to)
      }),
    ),
    router.afterEach(
      quietly((to, _from, failure) => {
        if (!loaded) return
        if (!failure) {
          const navigation = navigations.get(to)
          // The new route's components render in the flush that follows; nextTick waits for it.
          if (navigation) nextTick().then(() => navigation.rendered(patternOf(to)))
          return
        }
        const reason = FAILURES[failure.type]
        // A navigation cancelled before our guard saw it is no reason to end the newer one.
        if (reason === 'cancelled') navigations.get(to)?.fail(reason)
        else if (reason) navigationTo(to).fail(reason)
      }),
    ),
    router.onError(
      quietly((_error, to) => {
        if (loaded) navigationTo(to).fail('error')
      }),
    ),
  ]
  router
    .isReady()
    .then(
      quietly(() => tracker.setRoute(patternOf(router.currentRoute.value))),
      ignore,
    )
    .then(() => {
      loaded = true
    })
  return () => {
    for (const remove of removers) remove()
  }
}
