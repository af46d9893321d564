import type { Context, Tracker, UserAction } from './types'

/** Options of a user-action handle (`useUserAction`, `injectUserAction` in the adapters). */
export interface UserActionOptions {
  /**
   * `false` (the default): a flow that runs beside clicks and navigations until `finish()`.
   * `true`: an ordinary action that completes once the page is idle.
   */
  autoClose?: boolean
  /** Context of the action; `start(context)` adds to it. */
  context?: Context
}

/** A named action started and finished by hand, such as a checkout spanning several pages. */
export interface UserActionHandle {
  /**
   * Starts the action and returns it. While the action this handle started is still open, it
   * returns that one and starts nothing, so a double click opens one flow. `undefined` without
   * a tracker.
   */
  start(context?: Context): UserAction | undefined
  /** Ends the open action (`completed_by_api`). Does nothing when none is open. */
  finish(): void
  /** The action last started, open or ended; `undefined` before the first `start()`. */
  readonly action: UserAction | undefined
}

/**
 * The handle behind the adapters' `useUserAction` / `injectUserAction`, so that all of them
 * follow one rule. Its inputs are read when `start()` is called (a component's latest props);
 * `changed` is told when the action starts and when it ends, for the framework to re-render.
 */
export function createUserActionHandle(
  read: () => { tracker: Tracker | undefined; name: string; options: UserActionOptions },
  changed: () => void,
): UserActionHandle {
  let action: UserAction | undefined
  return {
    start(context) {
      if (action?.state === 'active') return action
      const { tracker, name, options } = read()
      const started = tracker?.startAction(name, {
        autoClose: options.autoClose ?? false,
        context: { ...options.context, ...context },
      })
      if (!started) return undefined
      action = started
      started.subscribe(({ closed }) => {
        if (closed && action === started) changed()
      })
      changed()
      return started
    },
    finish() {
      action?.finish()
    },
    get action() {
      return action
    },
  }
}
