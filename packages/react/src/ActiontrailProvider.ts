import { createTracker, type Tracker, type TrackerOptions } from '@actiontrail/core'
import { createElement, type ReactNode, useState } from 'react'
import { TrackerContext } from './context'
import { useRealUnmount } from './useRealUnmount'

/** Props of {@link ActiontrailProvider}: a tracker you created, or the options to create one. */
export type ActiontrailProviderProps = { children?: ReactNode } & (
  | { tracker: Tracker; options?: never }
  | { options: TrackerOptions; tracker?: never }
)

/**
 * Trackers created from options, by options object. StrictMode renders a component twice on
 * mount and React 18 keeps no hook state between the passes; both see the same props, so the
 * second finds the first one's tracker instead of creating another that would watch the page.
 */
const created = new WeakMap<TrackerOptions, Tracker>()

/**
 * Makes a tracker available to `useTracker()`, the hooks and the router integration below it.
 * Given `options`, it creates the tracker on its first render (inert on a server), ignores later
 * changes of `options`, and stops the tracker when it unmounts. A `tracker` you pass stays yours.
 */
export function ActiontrailProvider({ tracker, options, children }: ActiontrailProviderProps) {
  const [first] = useState(options)
  if (first && !created.has(first)) created.set(first, createTracker(first))
  useRealUnmount(() => {
    if (!first) return
    created.get(first)?.stop()
    created.delete(first)
  })
  return createElement(
    TrackerContext.Provider,
    { value: tracker ?? (first && created.get(first)) },
    children,
  )
}
