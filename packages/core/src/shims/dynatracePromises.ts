/**
 * Promise wrappers, like Dynatrace's `@dynatrace/rum-javascript-sdk/api/promises/user-actions`:
 * each waits until a tracker is registered, at most `timeout` ms (default 10 s), then rejects
 * with a `TrackerTimeoutError` that says what to do. Nothing else makes them reject.
 */
import {
  createOn,
  currentOn,
  setAutomaticDetectionOn,
  subscribeOn,
  type UserActionStartOptions,
  type UserActionTracker,
} from './dynatrace'
import { DEFAULT_TIMEOUT, whenTracker } from './registry'

/** Starts a user action once there is a tracker. */
export async function create(
  options?: UserActionStartOptions,
  timeout: number = DEFAULT_TIMEOUT,
): Promise<UserActionTracker> {
  return createOn(await whenTracker(timeout), options)
}

/** Calls `subscriber` with every new user action once there is a tracker; resolves to the unsubscriber. */
export async function subscribe(
  subscriber: (userAction: UserActionTracker) => void,
  timeout: number = DEFAULT_TIMEOUT,
): Promise<() => void> {
  return subscribeOn(await whenTracker(timeout), subscriber)
}

/** Turns automatic detection off (`false`) or on once there is a tracker. */
export async function setAutomaticDetection(
  automaticDetection: boolean,
  timeout: number = DEFAULT_TIMEOUT,
): Promise<void> {
  setAutomaticDetectionOn(await whenTracker(timeout), automaticDetection)
}

/** The active user action (or `undefined`) once there is a tracker. */
export async function getCurrent(
  timeout: number = DEFAULT_TIMEOUT,
): Promise<UserActionTracker | undefined> {
  return currentOn(await whenTracker(timeout))
}
