import {
  type Context,
  createUserActionHandle,
  type UserAction,
  type UserActionOptions,
} from '@actiontrail/core'
import { DestroyRef, inject, NgZone, type Signal, signal } from '@angular/core'
import { ActionTracker } from './actionTracker'

export type { UserActionOptions }

/** A named action you start and finish yourself, such as a checkout spanning several pages. */
export interface UserActionHandle {
  /**
   * Starts the action and returns it. While the action this handle started is still open, it
   * returns that one and starts nothing, so a double click opens one flow.
   */
  start(context?: Context): UserAction
  /** Finishes the open action (`completed_by_api`); does nothing when none is open. */
  finish(): void
  /** The latest action started here, open or ended; it notifies again when that action ends. */
  readonly action: Signal<UserAction | undefined>
}

/**
 * A handle on a user action named `name`. Call it in an injection context (a field initializer,
 * a constructor); the open action is finished when that injector is destroyed: the component
 * for a component, the application for a root service.
 */
export function injectUserAction(name: string, options: UserActionOptions = {}): UserActionHandle {
  const tracker = inject(ActionTracker)
  const zone = inject(NgZone)
  // Never equal: setting the same action again tells readers that its `state` changed.
  const action = signal<UserAction | undefined>(undefined, { equal: () => false })
  const handle = createUserActionHandle(
    () => ({ tracker, name, options }),
    () => action.set(handle.action),
  )
  const finish = () => zone.runOutsideAngular(() => handle.finish())
  inject(DestroyRef).onDestroy(finish)
  return {
    // The service always holds a tracker, so there is always an action to return.
    start: (context) => handle.start(context) as UserAction,
    finish,
    action: action.asReadonly(),
  }
}
