import { createTracker, type Tracker, type TrackerOptions } from '@actiontrail/core'
import type { Plugin } from 'vue'
import { actionNameDirective } from './actionNameDirective'
import { trackerKey } from './trackerKey'
import { type RouterLike, trackRouter } from './trackRouter'

/** Options of {@link createActiontrail}: a tracker, or the options to create one. */
export type ActiontrailPluginOptions = (
  | { tracker: Tracker; options?: undefined }
  | { options: TrackerOptions; tracker?: undefined }
) & {
  /** A vue-router router: its navigations are named after their route patterns. */
  router?: RouterLike
}

const DEFAULT_ACTION_NAME_ATTRIBUTE = 'data-action-name'

/**
 * The Vue plugin: `app.use(createActiontrail({ tracker, router }))`. Provides the tracker to
 * `useTracker()` and `useUserAction()`, registers `v-action-name` and connects the router. A
 * tracker it created from `options` is stopped when the app unmounts.
 */
export function createActiontrail(config: ActiontrailPluginOptions): Plugin {
  return {
    install(app) {
      const given = config?.tracker
      const tracker = given ?? createTracker(config?.options as TrackerOptions)
      app.provide(trackerKey, tracker)
      app.directive(
        'action-name',
        actionNameDirective(config?.options?.actionNameAttribute || DEFAULT_ACTION_NAME_ATTRIBUTE),
      )
      // On a server (SSR) there are no navigations to measure.
      const untrackRouter =
        config?.router && typeof window !== 'undefined' && trackRouter(tracker, config.router)
      const cleanup = () => {
        if (untrackRouter) untrackRouter()
        if (!given) tracker.stop()
      }
      if (app.onUnmount) app.onUnmount(cleanup)
      else {
        // Before Vue 3.5 an app tells no plugin that it unmounts: its unmount() has to.
        const unmount = app.unmount
        app.unmount = function (this: typeof app) {
          cleanup()
          unmount.call(this)
        }
      }
    },
  }
}
