import type { Context, UserAction } from '@actiontrail/core'
import {
  getCurrentScope,
  type MaybeRefOrGetter,
  onScopeDispose,
  shallowRef,
  toValue,
  triggerRef,
} from 'vue'
import { useTracker } from './useTracker'

/** Options of {@link useUserAction}. */
export interface UserActionOptions {
  /**
   * `false` (the default): a flow that runs beside clicks and navigations until `finish()`.
   * `true`: an ordinary action that completes once the page is idle.
   */
  autoClose?: boolean
  /** Context of the action; `start(context)` adds to it. */
  context?: Context
}

/** What {@link useUserAction} returns. */
export interface UserActionHandle {
  /**
   * Starts the action and returns it. While the action this handle started is still open, it
   * returns that one and starts nothing, so a double click opens one flow. `undefined` without
   * the plugin.
   */
  start(context?: Context): UserAction | undefined
  /** Ends the open action (`completed_by_api`). Does nothing when none is open. */
  finish(): void
  /**
   * The action last started, open or ended; `undefined` before the first `start()`. Reactive:
   * a template, `computed` or `watch` that reads it follows its start and its end.
   */
  readonly action: UserAction | undefined
}

/**
 * A named action bound to the component (or effect scope) that calls it, such as a checkout:
 * `start()` it when the flow begins, `finish()` it when it succeeds. An action still open when
 * the scope is disposed (the component unmounts) is finished.
 */
export function useUserAction(
  name: MaybeRefOrGetter<string>,
  { autoClose = false, context }: UserActionOptions = {},
): UserActionHandle {
  const tracker = useTracker()
  const latest = shallowRef<UserAction>()
  const finish = () => latest.value?.finish()
  if (getCurrentScope()) onScopeDispose(finish)
  return {
    start(extra) {
      if (latest.value?.state === 'active') return latest.value
      const started = tracker?.startAction(toValue(name), {
        autoClose,
        context: { ...context, ...extra },
      })
      started?.subscribe(({ closed }) => {
        if (closed && latest.value === started) triggerRef(latest)
      })
      latest.value = started
      return started
    },
    finish,
    get action() {
      return latest.value
    },
  }
}
