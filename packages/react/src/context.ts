import type { Tracker } from '@actiontrail/core'
import { createContext } from 'react'

/** The tracker the nearest `<ActiontrailProvider>` hands down; `undefined` outside of one. */
export const TrackerContext = createContext<Tracker | undefined>(undefined)
