import type { PrivacyLevel, TrackerOptions, TrackingConsent, User } from '../types'
import { safe } from './guard'
import { addActionAt } from './instant'
import { copyOptions } from './options'
import { getTracker, initTracker, withTracker } from './registry'

/**
 * `datadogRum.init` options: Datadog's names, mapped to the tracker's, plus any tracker option
 * (`endpoint`, `transport`, `idleTimeout`, ...). Other Datadog options are accepted and ignored.
 */
export interface DatadogInitConfiguration
  extends Omit<Partial<TrackerOptions>, 'applicationId' | 'defaultPrivacyLevel'> {
  applicationId: string
  /** Datadog's intake site. Ignored: events go to `endpoint`, and without it nowhere. */
  site?: string
  /** Datadog's intake proxy. Ignored, like `site`. */
  proxy?: unknown
  /** Added to the global context as `service`. */
  service?: string
  /** Added to the global context as `env`. */
  env?: string
  /** Added to the global context as `version`. */
  version?: string
  /** Datadog's older name of `sessionSampleRate`. */
  sampleRate?: number
  /** Datadog's older name of `trackUserInteractions`. */
  trackInteractions?: boolean
  /** `'mask-unless-allowlisted'` becomes `'mask'`. */
  defaultPrivacyLevel?: PrivacyLevel | 'mask-unless-allowlisted'
  [option: string]: unknown
}

/** The user of `setUser`: Datadog's `id`, `name`, `email` and any other attribute. */
export type DatadogUser = User

let initConfiguration: { tracker: unknown; options: DatadogInitConfiguration } | undefined

function toTrackerOptions(given: Record<string, unknown>): TrackerOptions {
  const options: Record<string, unknown> = { ...given }
  options.sessionSampleRate ??= given.sampleRate
  options.trackUserInteractions ??= given.trackInteractions
  if (options.defaultPrivacyLevel === 'mask-unless-allowlisted')
    options.defaultPrivacyLevel = 'mask'
  for (const datadogOnly of ['site', 'proxy', 'service', 'env', 'version', 'sampleRate'])
    delete options[datadogOnly]
  delete options.trackInteractions
  return options as unknown as TrackerOptions
}

/**
 * A Datadog RUM (and Flashcat RUM) style API over one Actiontrail tracker: change the import,
 * keep the calls. Calls made before `init` are queued (the latest 100) and replayed, in order,
 * once a tracker exists; a queued `addAction` keeps the time it was called at.
 */
export const datadogRum = {
  /** Creates the tracker and registers it for every shim. Ignored once a tracker is registered. */
  init: safe((configuration: DatadogInitConfiguration): void => {
    const given = copyOptions(configuration)
    if (
      (given.site !== undefined || given.proxy !== undefined) &&
      !given.endpoint &&
      !given.transport
    )
      console.warn(
        '[actiontrail] datadogRum.init(): `site` and `proxy` point at Datadog and are ignored. ' +
          'Give `endpoint` (your Actiontrail collector), or events are not sent anywhere.',
      )
    const tracker = initTracker(toTrackerOptions(given), 'datadogRum.init', (created) => {
      for (const key of ['service', 'env', 'version'])
        if (typeof given[key] === 'string') created.setGlobalContextProperty(key, given[key])
    })
    if (tracker) initConfiguration = { tracker, options: given as DatadogInitConfiguration }
  }, undefined),

  /**
   * Records an instant action. `addAction(name, context?)` gives type `custom`; the Flashcat form
   * `addAction(type, name, context?)`, told apart by a string second argument, sets the type.
   */
  addAction: safe((nameOrType: string, nameOrContext?: object | string, context?: object) => {
    const flashcat = typeof nameOrContext === 'string'
    const type = flashcat ? nameOrType : undefined
    const name = flashcat ? nameOrContext : nameOrType
    const actionContext = flashcat ? context : nameOrContext
    withTracker((tracker, queuedAt) => addActionAt(tracker, queuedAt, name, actionContext, type))
  }, undefined) as {
    (name: string, context?: object): void
    (type: string, name: string, context?: object): void
  },

  /** `'granted'` or `'not-granted'` (Actiontrail's `'pending'` works too). */
  setTrackingConsent: safe((consent: TrackingConsent): void => {
    withTracker((tracker) => tracker.setTrackingConsent(consent))
  }, undefined),

  /** Sets the user attached to every event. */
  setUser: safe((user: DatadogUser): void => {
    withTracker((tracker) => tracker.setUser(user))
  }, undefined),

  /** Removes the user. */
  clearUser: safe((): void => {
    withTracker((tracker) => tracker.setUser(undefined))
  }, undefined),

  /** Sets one key of the context attached to every event. */
  setGlobalContextProperty: safe((key: string, value: unknown): void => {
    withTracker((tracker) => tracker.setGlobalContextProperty(key, value))
  }, undefined),

  /** Removes one key of the global context. */
  removeGlobalContextProperty: safe((key: string): void => {
    withTracker((tracker) => tracker.setGlobalContextProperty(key, undefined))
  }, undefined),

  /** The options given to the `init` that created the registered tracker, or `undefined`. */
  getInitConfiguration: safe((): DatadogInitConfiguration | undefined => {
    if (!initConfiguration || initConfiguration.tracker !== getTracker()) return undefined
    return { ...initConfiguration.options }
  }, undefined),
}

/** Flashcat RUM's name for the same object. */
export const flashcatRum = datadogRum
