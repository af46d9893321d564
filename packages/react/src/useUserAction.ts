import {
  createUserActionHandle,
  type UserActionHandle,
  type UserActionOptions,
} from '@actiontrail/core'
import { useReducer, useRef, useState } from 'react'
import { useRealUnmount } from './useRealUnmount'
import { useTracker } from './useTracker'

export type { UserActionHandle, UserActionOptions }

/**
 * A named action that spans renders and pages, such as a checkout: `start()` it when the flow
 * begins, `finish()` it when it succeeds. Returns the same handle on every render; the component
 * re-renders when the action starts and ends; an action still open when the component unmounts
 * is finished.
 */
export function useUserAction(name: string, options: UserActionOptions = {}): UserActionHandle {
  const tracker = useTracker()
  const [, rerender] = useReducer((n: number) => n + 1, 0)
  // What `start()` reads: the latest render's values, without changing the handle.
  const latest = useRef({ tracker, name, options })
  latest.current = { tracker, name, options }
  const [handle] = useState(() => createUserActionHandle(() => latest.current, rerender))
  useRealUnmount(() => handle.finish())
  return handle
}
