import type { Tracker } from '@actiontrail/core'
import { useContext } from 'react'
import { TrackerContext } from './context'

/**
 * The tracker of the nearest `<ActiontrailProvider>`, for the whole core API (`addAction`,
 * `setUser`, ...). `undefined` outside a provider, so a component rendered without one (a test,
 * a storybook) keeps working: write `useTracker()?.addAction(...)`.
 */
export function useTracker(): Tracker | undefined {
  return useContext(TrackerContext)
}
