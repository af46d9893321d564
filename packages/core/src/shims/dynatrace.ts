import { inertAction } from '../inert'
import type { ActionEndEvent, CompleteReason, Context, Tracker, UserAction } from '../types'
import { noop, read, safe } from './guard'
import { copyOptions } from './options'
import { getTracker } from './registry'

const PREFIX = 'event_properties.'

/** Dynatrace's event properties: keys prefixed `event_properties.`, primitive values. */
export type EventProperties = Record<`event_properties.${string}`, string | number | boolean>

/** Options of `create`, in Dynatrace's older and newer names. */
export interface UserActionStartOptions {
  /** Older name: complete on idle, timeout, page hide or a new action. Default `true`. */
  autoClose?: boolean
  /** Older name of `customName`. */
  name?: string
  /** Newer name of `name`. */
  customName?: string
  /** Newer name of `autoClose`, with another default: `false`. */
  completeAutomatically?: boolean
  /** Epoch ms when the action really began; not in the future. Default: now. */
  startTime?: number
}

/** What a user action's `subscribe` callbacks are given. */
export interface UserActionEndEvent {
  /** The user action concerned. */
  userAction: UserActionTracker
  /** Why it completed, or (when not `closed`) why it would have. */
  completeReason: CompleteReason
  /**
   * `true` when it completed. `false` when it does not complete automatically and the page went
   * quiet: it stays open until `complete()` (or `finish()`).
   */
  closed: boolean
  /** Epoch ms it ended at: the `complete()` call, else its last activity, else its start. */
  end: number
  /** Whether the page showed any activity while it was open. */
  hadActivity: boolean
}

/** A Dynatrace `UserActionTracker` over an Actiontrail action, old and new member names. */
export interface UserActionTracker {
  /** The action's name. */
  name: string
  /** Newer name of `name`. */
  customName: string
  /** Whether it completes automatically. */
  autoClose: boolean
  /** Newer name of `autoClose`. */
  completeAutomatically: boolean
  /** The action's context, each key prefixed `event_properties.`; assign an object to replace it. */
  event_properties: EventProperties
  /** Epoch ms when it started. Set it through `create({ startTime })`: assigning it later does nothing. */
  startTime: number
  readonly state: 'active' | 'complete'
  /** Ends it now (`completed_by_api`). */
  finish(): void
  /** Newer name of `finish`. */
  complete(): void
  /** Calls `subscriber` when it ends, or would have; returns an unsubscribe function. */
  subscribe(subscriber: (event: UserActionEndEvent) => void): () => void
}

/** Dynatrace's `dynatrace.userActions`. */
export interface UserActions {
  /** Starts a user action, ending the active one. */
  create(options?: UserActionStartOptions): UserActionTracker
  /** The active user action, or `undefined`. */
  readonly current: UserActionTracker | undefined
  /** Calls `subscriber` with every new user action, before it runs; returns an unsubscribe function. */
  subscribe(subscriber: (userAction: UserActionTracker) => void): () => void
  /** Turns automatic detection of clicks, navigations and forms off (`false`) or on. */
  setAutomaticDetection(automaticDetection: boolean): void
}

const isProperty = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value))

/** `{ 'event_properties.plan': 'pro' }` → `{ plan: 'pro' }`; other keys and values are ignored. */
function toContext(properties: unknown): Context | undefined {
  if (typeof properties !== 'object' || properties === null) return undefined
  const context: Context = {}
  for (const [key, value] of Object.entries(copyOptions(properties))) {
    if (key.startsWith(PREFIX) && key.length > PREFIX.length && isProperty(value))
      context[key.slice(PREFIX.length)] = value
  }
  return context
}

function toProperties(context: unknown): EventProperties {
  const properties: EventProperties = {}
  for (const [key, value] of Object.entries(copyOptions(context)))
    if (isProperty(value)) properties[`${PREFIX}${key}`] = value
  return properties
}

const wrappers = new WeakMap<object, UserActionTracker>()

/** The one `UserActionTracker` of an action (the same object every time). */
export function wrap(action: UserAction): UserActionTracker {
  if (typeof action !== 'object' || action === null) return wrap(inertAction())
  const known = wrappers.get(action)
  if (known) return known
  const name = () => {
    const value = read(action, 'name')
    return typeof value === 'string' ? value : ''
  }
  const rename = safe((value: unknown) => {
    if (typeof value === 'string') action.name = value
  }, undefined)
  const automatic = () => read(action, 'autoClose') === true
  const setAutomatic = safe((value: unknown) => {
    if (typeof value === 'boolean') action.autoClose = value
  }, undefined)
  const finish = safe(() => action.finish(), undefined)

  const wrapper: UserActionTracker = {
    get name() {
      return name()
    },
    set name(value) {
      rename(value)
    },
    get customName() {
      return name()
    },
    set customName(value) {
      rename(value)
    },
    get autoClose() {
      return automatic()
    },
    set autoClose(value) {
      setAutomatic(value)
    },
    get completeAutomatically() {
      return automatic()
    },
    set completeAutomatically(value) {
      setAutomatic(value)
    },
    get event_properties() {
      return toProperties(read(action, 'context'))
    },
    set event_properties(value) {
      const context = toContext(value)
      if (context) safe(() => (action.context = context), undefined)()
    },
    get startTime() {
      const value = read(action, 'startTime')
      return typeof value === 'number' ? value : 0
    },
    set startTime(_ignored) {
      // An Actiontrail action's start is fixed once it runs: give it to create().
    },
    get state() {
      return read(action, 'state') === 'active' ? 'active' : 'complete'
    },
    finish,
    complete: finish,
    subscribe: safe((subscriber: (event: UserActionEndEvent) => void) => {
      if (typeof subscriber !== 'function') return noop
      const unsubscribe = action.subscribe((event) => subscriber(toEndEvent(event)))
      return typeof unsubscribe === 'function' ? unsubscribe : noop
    }, noop),
  }
  wrappers.set(action, wrapper)
  return wrapper
}

function toEndEvent(event: ActionEndEvent): UserActionEndEvent {
  const { action, closed, reason, lastActivity } = event
  return {
    userAction: wrap(action),
    completeReason: reason,
    closed,
    end: closed && reason === 'completed_by_api' ? Date.now() : (lastActivity ?? action.startTime),
    hadActivity: lastActivity !== undefined,
  }
}

/** `create` on `tracker`. The options decide the default: `autoClose` true, `completeAutomatically` false. */
export function createOn(tracker: Tracker, options: unknown): UserActionTracker {
  try {
    const given = copyOptions(options)
    const newer = 'customName' in given || 'completeAutomatically' in given
    const complete =
      typeof given.completeAutomatically === 'boolean'
        ? given.completeAutomatically
        : typeof given.autoClose === 'boolean'
          ? given.autoClose
          : !newer
    const name = typeof given.customName === 'string' ? given.customName : given.name
    return wrap(
      tracker.startAction(name as string | undefined, {
        autoClose: complete,
        startTime: given.startTime as number | undefined,
      }),
    )
  } catch {
    return wrap(inertAction())
  }
}

/** `subscribe` on `tracker`. */
export const subscribeOn = safe(
  (tracker: Tracker, subscriber: (userAction: UserActionTracker) => void): (() => void) => {
    if (typeof subscriber !== 'function') return noop
    const unsubscribe = tracker.subscribe((action) => subscriber(wrap(action)))
    return typeof unsubscribe === 'function' ? unsubscribe : noop
  },
  noop,
)

/** `setAutomaticDetection` on `tracker`; anything but a boolean is ignored. */
export const setAutomaticDetectionOn = safe((tracker: Tracker, enabled: boolean): void => {
  if (typeof enabled === 'boolean') tracker.setAutomaticDetection(enabled)
}, undefined)

/** `current` of `tracker`. */
export const currentOn = safe((tracker: Tracker): UserActionTracker | undefined => {
  const action = tracker.current
  return action ? wrap(action) : undefined
}, undefined)

/**
 * A Dynatrace style `userActions` over the registered tracker. Without one, `create` returns an
 * action that is already complete, `current` is `undefined` and the rest does nothing; the safe
 * wrappers return `undefined` instead and the promise wrappers wait for a tracker.
 */
export const userActions: UserActions = {
  create: (options) => {
    const tracker = getTracker()
    return tracker ? createOn(tracker, options) : wrap(inertAction())
  },
  get current() {
    const tracker = getTracker()
    return tracker ? currentOn(tracker) : undefined
  },
  subscribe: (subscriber) => {
    const tracker = getTracker()
    return tracker ? subscribeOn(tracker, subscriber) : noop
  },
  setAutomaticDetection: (automaticDetection) => {
    const tracker = getTracker()
    if (tracker) setAutomaticDetectionOn(tracker, automaticDetection)
  },
}
