import type { ObjectDirective } from 'vue'
import type { ActionNameValue } from './actionNameDirective'

export type { ActionNameValue } from './actionNameDirective'
export { type ActiontrailPluginOptions, createActiontrail } from './plugin'
export type { RouteLocationLike, RouterLike } from './trackRouter'
export { useTracker } from './useTracker'
export { type UserActionHandle, type UserActionOptions, useUserAction } from './useUserAction'

declare module 'vue' {
  /** `v-action-name`, registered by the plugin, typed in templates. */
  interface GlobalDirectives {
    vActionName: ObjectDirective<Element, ActionNameValue>
  }
}
