import type { Tracker } from '@actiontrail/core'
import { hasInjectionContext, inject } from 'vue'
import { trackerKey } from './trackerKey'

/**
 * The tracker the plugin provides, for the whole core API (`addAction`, `setUser`, ...). Call it
 * in `setup()` or inside `app.runWithContext()`. `undefined` without the plugin, so a component
 * mounted without it (a unit test, a story) keeps working: write `useTracker()?.addAction(...)`.
 */
export function useTracker(): Tracker | undefined {
  return hasInjectionContext() ? inject(trackerKey, undefined) : undefined
}
