import type { Tracker } from '@actiontrail/core'
import type { InjectionKey } from 'vue'

/** Where the plugin provides the tracker to the app's components. */
export const trackerKey: InjectionKey<Tracker> = Symbol('actiontrail')
