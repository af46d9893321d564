import { type ActionHost, type ActionInit, TrackedAction } from './action'
import type { NavigationFailure, NavigationInfo, RouterNavigation } from './types'

const FAILURES: readonly NavigationFailure[] = ['aborted', 'cancelled', 'error']

/**
 * A `navigation` action. Detected from the History API it lives like any action; a router
 * adapter may take charge of it (`claim`), holding it open until the router reports the route
 * rendered or failed. A claimed navigation started before its URL changed takes the next
 * History API change instead of another action starting.
 */
export class NavigationAction extends TrackedAction implements RouterNavigation {
  declare readonly navigation: NavigationInfo
  /** Claimed before the URL changed, and no History API change has happened since. */
  awaitingUrl = false
  /** An adapter named it after its route pattern. */
  routeReported = false
  private release: (() => void) | undefined
  private routeWait: (() => void) | undefined

  constructor(
    host: ActionHost,
    init: ActionInit & { navigation: NavigationInfo },
    /** Tells the tracker the route of the page, for the actions that follow. */
    private readonly reportRoute: (route: string) => void,
  ) {
    super(host, init)
  }

  /** Whether a router has taken charge of it. */
  get claimed(): boolean {
    return this.release !== undefined
  }

  /** A router takes charge: it is named after `route` and held open until `rendered`/`fail`. */
  claim(route: string, awaitingUrl: boolean): void {
    if (this.state !== 'active') return
    this.release ??= this.hold()
    this.awaitingUrl = awaitingUrl
    this.name = route
    this.view.route = route
  }

  /**
   * Detected while a router adapter reports routes: held open, without counting as activity,
   * until the adapter names it or `limit` ms pass. A router may render the new route long after
   * the URL changed (a lazy page, a busy main thread); the quiet page meanwhile must not
   * complete the navigation before it has its route.
   */
  awaitRoute(limit: number): void {
    const release = this.hold(true)
    const timer = setTimeout(release, limit)
    this.routeWait = () => {
      clearTimeout(timer)
      release()
    }
  }

  /** Names it after the route pattern an adapter reported. */
  routed(route: string): void {
    this.routeWait?.()
    this.routeReported = true
    this.name = route
    this.view.route = route
  }

  rendered(route?: string): void {
    if (this.state !== 'active') return
    this.awaitingUrl = false
    if (typeof route === 'string' && route) {
      this.routed(route)
      this.reportRoute(route)
    } else {
      this.routeReported = true
      this.routeWait?.()
    }
    this.release?.()
  }

  fail(failure: NavigationFailure, route?: string): void {
    if (this.state !== 'active') return
    this.routeWait?.()
    if (typeof route === 'string' && route) this.routed(route)
    this.navigation.failure = FAILURES.includes(failure) ? failure : 'error'
    const reason = failure === 'cancelled' ? 'interrupted_by_navigation' : 'completed'
    this.end(reason, undefined, performance.now())
  }
}
