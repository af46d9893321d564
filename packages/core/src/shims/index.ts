/**
 * `@actiontrail/core/shims`: the APIs of Datadog RUM / Flashcat RUM, Dynatrace RUM and Moesif
 * over one Actiontrail tracker, so code written for them keeps working after an import change.
 */
export { type DatadogInitConfiguration, type DatadogUser, datadogRum, flashcatRum } from './datadog'
export {
  type EventProperties,
  type UserActionEndEvent,
  type UserActionStartOptions,
  type UserActions,
  type UserActionTracker,
  userActions,
} from './dynatrace'
export * as promiseUserActions from './dynatracePromises'
export * as safeUserActions from './dynatraceSafe'
export { type MoesifInitOptions, moesif } from './moesif'
export {
  DEFAULT_TIMEOUT,
  getTracker,
  TrackerTimeoutError,
  useTracker,
  whenTracker,
} from './registry'
