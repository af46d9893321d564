import type { Context, UserAction } from '@actiontrail/core'
import { DestroyRef, inject, NgZone, type Signal, signal } from '@angular/core'
import { ActionTracker } from './actionTracker'

/** Options of {@link injectUserAction}. */
export interface UserActionOptions {
  /** Complete on its own once the page is idle. Default `false`: only `finish()` ends it. */
  autoClose?: boolean
  /** Context of every action this handle starts; `start(context)` adds to it. */
  context?: Context
}

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
  const finish = () => zone.runOutsideAngular(() => action()?.finish())
  inject(DestroyRef).onDestroy(finish)
  return {
    start(context) {
      const open = action()
      if (open?.state === 'active') return open
      const started = tracker.startAction(name, {
        autoClose: options.autoClose ?? false,
        context: { ...options.context, ...context },
      })
      action.set(started)
      started.subscribe(({ closed }) => {
        if (closed && action() === started) action.set(started)
      })
      return started
    },
    finish,
    action: action.asReadonly(),
  }
}
