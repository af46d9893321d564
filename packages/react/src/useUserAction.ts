import type { Context, UserAction } from '@actiontrail/core'
import { useReducer, useRef, useState } from 'react'
import { useRealUnmount } from './useRealUnmount'
import { useTracker } from './useTracker'

/** Options of {@link useUserAction}. */
export interface UserActionOptions {
  /** Complete the action when the page goes idle. Default `false`: only `finish()` ends it. */
  autoClose?: boolean
  /** Context of the action; `start(context)` adds to it. */
  context?: Context
}

/** What {@link useUserAction} returns: the same object on every render. */
export interface UserActionHandle {
  /**
   * Starts the action and returns it. While the action this handle started is still open, it
   * returns that one and starts nothing, so a double click or a repeated effect opens one flow.
   */
  start(context?: Context): UserAction | undefined
  /** Ends the open action (`completed_by_api`). Does nothing when none is open. */
  finish(): void
  /** The action last started, open or ended; `undefined` before the first `start()`. */
  readonly action: UserAction | undefined
}

/**
 * A named action that spans renders and pages, such as a checkout: `start()` it when the flow
 * begins, `finish()` it when it succeeds. The component re-renders when the action starts and
 * ends; an action still open when the component unmounts is finished.
 */
export function useUserAction(name: string, options: UserActionOptions = {}): UserActionHandle {
  const tracker = useTracker()
  const [, rerender] = useReducer((n: number) => n + 1, 0)
  // What `start()` reads: the latest render's values, without changing the handle.
  const latest = useRef({ tracker, name, options })
  latest.current = { tracker, name, options }
  const [handle] = useState<UserActionHandle>(() => {
    let action: UserAction | undefined
    return {
      start(context) {
        if (action?.state === 'active') return action
        const { tracker, name, options } = latest.current
        action = tracker?.startAction(name, {
          autoClose: options.autoClose ?? false,
          context: { ...options.context, ...context },
        })
        action?.subscribe(({ closed }) => closed && rerender())
        rerender()
        return action
      },
      finish() {
        action?.finish()
      },
      get action() {
        return action
      },
    }
  })
  useRealUnmount(() => handle.finish())
  return handle
}
