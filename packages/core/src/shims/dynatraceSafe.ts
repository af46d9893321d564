/**
 * Safe wrappers, like Dynatrace's `@dynatrace/rum-javascript-sdk/api/user-actions`: each
 * returns `undefined` (and does nothing) while no tracker is registered.
 */
import {
  createOn,
  currentOn,
  setAutomaticDetectionOn,
  subscribeOn,
  type UserActionStartOptions,
  type UserActionTracker,
} from './dynatrace'
import { getTracker } from './registry'

/** Starts a user action; `undefined` without a tracker. */
export function create(options?: UserActionStartOptions): UserActionTracker | undefined {
  const tracker = getTracker()
  return tracker ? createOn(tracker, options) : undefined
}

/** Calls `subscriber` with every new user action; the unsubscriber, or `undefined` without a tracker. */
export function subscribe(
  subscriber: (userAction: UserActionTracker) => void,
): (() => void) | undefined {
  const tracker = getTracker()
  return tracker ? subscribeOn(tracker, subscriber) : undefined
}

/** Turns automatic detection off (`false`) or on; does nothing without a tracker. */
export function setAutomaticDetection(automaticDetection: boolean): undefined {
  const tracker = getTracker()
  if (tracker) setAutomaticDetectionOn(tracker, automaticDetection)
  return undefined
}

/** The active user action; `undefined` when there is none or no tracker. */
export function getCurrent(): UserActionTracker | undefined {
  const tracker = getTracker()
  return tracker ? currentOn(tracker) : undefined
}
