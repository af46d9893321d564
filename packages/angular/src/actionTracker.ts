import type {
  ActionType,
  Context,
  EventModifier,
  RouterNavigation,
  StartActionOptions,
  Tracker,
  TrackingConsent,
  User,
  UserAction,
} from '@actiontrail/core'
import type { NgZone } from '@angular/core'
import { Observable } from 'rxjs'

/**
 * The tracker as an Angular service: `inject(ActionTracker)` or a constructor parameter.
 *
 * Every call runs outside `NgZone`, so the tracker's timers (idle windows, `maxDuration`,
 * batching) never trigger change detection nor keep a zone.js app from becoming stable.
 */
export class ActionTracker implements Tracker {
  /** Every new action as it starts, before its clocks run (the Observable form of `subscribe`). */
  readonly actions$: Observable<UserAction>

  constructor(
    private readonly tracker: Tracker,
    private readonly zone: NgZone,
  ) {
    this.actions$ = new Observable((subscriber) =>
      this.subscribe((action) => subscriber.next(action)),
    )
  }

  private outside<T>(call: (tracker: Tracker) => T): T {
    return this.zone.runOutsideAngular(() => call(this.tracker))
  }

  get current(): UserAction | undefined {
    return this.tracker.current
  }

  addAction(name: string, context?: Context, options?: { type?: ActionType }): void {
    this.outside((t) => t.addAction(name, context, options))
  }

  startAction(name?: string, options?: StartActionOptions): UserAction {
    return this.outside((t) => t.startAction(name, options))
  }

  beginActivity(): () => void {
    const done = this.outside((t) => t.beginActivity())
    return () => this.outside(done)
  }

  notifyActivity(): void {
    this.outside((t) => t.notifyActivity())
  }

  subscribe(callback: (action: UserAction) => void): () => void {
    return this.tracker.subscribe(callback)
  }

  setRoute(route: string): void {
    this.outside((t) => t.setRoute(route))
  }

  startNavigation(route: string, url: string): RouterNavigation {
    return this.outside((t) => t.startNavigation(route, url))
  }

  setAutomaticDetection(enabled: boolean): void {
    this.outside((t) => t.setAutomaticDetection(enabled))
  }

  setTrackingConsent(consent: TrackingConsent): void {
    this.outside((t) => t.setTrackingConsent(consent))
  }

  setUser(user: User | undefined): void {
    this.tracker.setUser(user)
  }

  setGlobalContext(context: Context): void {
    this.tracker.setGlobalContext(context)
  }

  setGlobalContextProperty(key: string, value: unknown): void {
    this.tracker.setGlobalContextProperty(key, value)
  }

  addEventModifier(modifier: EventModifier): () => void {
    return this.tracker.addEventModifier(modifier)
  }

  flush(): Promise<void> {
    return this.outside((t) => t.flush())
  }

  stop(): void {
    this.outside((t) => t.stop())
  }
}
