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

  /** Names it after the route pattern an adapter reported. */
  routed(route: string): void {
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
    } else this.routeReported = true
    this.release?.()
  }

  fail(failure: NavigationFailure, route?: string): void {
    if (this.state !== 'active') return
    if (typeof route === 'string' && route) this.routed(route)
    this.navigation.failure = FAILURES.includes(failure) ? failure : 'error'
    const reason = failure === 'cancelled' ? 'interrupted_by_navigation' : 'completed'
    this.end(reason, undefined, performance.now())
  }
}
