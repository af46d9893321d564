import { createTracker, type Tracker, type TrackerOptions } from '@actiontrail/core'
import {
  DestroyRef,
  ENVIRONMENT_INITIALIZER,
  type EnvironmentProviders,
  inject,
  makeEnvironmentProviders,
  NgZone,
} from '@angular/core'
import { ActionTracker } from './actionTracker'
import { trackRouter } from './trackRouter'

/** What {@link provideActiontrail} is given: your tracker, or the options to create one. */
export type ActiontrailConfig = (
  | { tracker: Tracker; options?: never }
  | { options: TrackerOptions; tracker?: never }
) & {
  /** Name navigation actions after the Router's route patterns (when the app has routes). Default `true`. */
  router?: boolean
}

/**
 * Provides {@link ActionTracker} to the whole application and, when the app has routes,
 * turns Router navigations into `navigation` actions named after their route patterns.
 * A tracker created here from `options` is stopped when the application is destroyed.
 */
export function provideActiontrail(config: ActiontrailConfig): EnvironmentProviders {
  return makeEnvironmentProviders([
    {
      provide: ActionTracker,
      useFactory: () => {
        const zone = inject(NgZone)
        // Optional chaining: plain JavaScript may call provideActiontrail() with nothing at all.
        return new ActionTracker(config?.tracker ?? ownTracker(config?.options, zone), zone)
      },
    },
    {
      // ENVIRONMENT_INITIALIZER rather than provideEnvironmentInitializer(): the latter needs Angular 19.
      provide: ENVIRONMENT_INITIALIZER,
      multi: true,
      useValue: () => {
        inject(ActionTracker)
        if (config?.router !== false) trackRouter()
      },
    },
  ])
}

/**
 * Created outside the zone, so that its listeners and timers never run change detection.
 * Without valid options, core reports why on the console and hands out an inert tracker.
 */
function ownTracker(options: TrackerOptions | undefined, zone: NgZone): Tracker {
  const tracker = zone.runOutsideAngular(() => createTracker(options as TrackerOptions))
  inject(DestroyRef).onDestroy(() => tracker.stop())
  return tracker
}
