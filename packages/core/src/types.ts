/** JSON-safe value carried in contexts. Anything else is sanitised before it is stored. */
export type ContextValue =
  | string
  | number
  | boolean
  | null
  | ContextValue[]
  | { [key: string]: ContextValue }

/** Free-form JSON object attached to an action, the user or the whole application. */
export type Context = { [key: string]: ContextValue }

/** What started an action: one of the built-in kinds or any string the API is given. */
export type ActionType = 'click' | 'navigation' | 'form' | 'custom' | (string & {})

/** The lifecycle state of an action. */
export type ActionState = 'active' | 'complete'

/** Why an action ended. */
export type CompleteReason =
  /** The page was idle for `idleTimeout` after the last activity. */
  | 'completed'
  /** `finish()` was called. */
  | 'completed_by_api'
  /** `startAction()` started another action, or `stop()` ended the tracker. */
  | 'interrupted_by_api'
  /** A navigation action started. */
  | 'interrupted_by_navigation'
  /** A click or form interaction started a new action. */
  | 'interrupted_by_interaction'
  /** A navigation action saw no activity within `idleTimeout`. */
  | 'no_activity'
  /** The page was hidden or unloaded. */
  | 'page_hide'
  /** `maxDuration` was reached. */
  | 'timeout'

/** How much the page did while an action was active. */
export interface ActionCounts {
  /** fetch/XHR requests started during the action (own endpoint and excluded URLs left out). */
  requests: number
  /** Resource timing entries that started during the action. */
  resources: number
  /** DOM mutation records outside `data-actiontrail-ignore-mutations` subtrees. */
  mutations: number
  /** JavaScript errors and unhandled rejections. */
  errors: number
  /** Long tasks (main thread blocked for 50 ms or more). */
  long_tasks: number
}

/** Frustration signal attached to an action. */
export type FrustrationType = 'rage' | 'dead' | 'error' | 'abandon'

/** The element an interaction action happened on. */
export interface ActionTarget {
  /** Lower-case tag name. */
  tag: string
  /** A CSS selector that finds the element again. */
  selector: string
  /** Pointer position relative to the element's top-left corner, for pointer clicks. */
  position?: { x: number; y: number }
}

/** Where the user was when an action started. */
export interface ViewContext {
  url: string
  path: string
  /** Route pattern such as `/products/:id`, filled by a framework adapter's router integration. */
  route?: string
  referrer: string
}

/** How a navigation happened: the first page load, the History API, back/forward, a fragment change. */
export type NavigationMethod = 'load' | 'push' | 'replace' | 'popstate' | 'hashchange'

/** What a `navigation` action records about the move. */
export interface NavigationInfo {
  /** URL before the navigation (the referrer for a page load). */
  from: string
  /** URL after it. */
  to: string
  method: NavigationMethod
  /** Id of the click or form submit that caused it; absent for back/forward and direct loads. */
  trigger?: string
  /** Set when a router gave the navigation up (see {@link RouterNavigation.fail}). */
  failure?: NavigationFailure
}

/**
 * Why a router gave a navigation up: a guard refused it (`aborted`), a newer navigation replaced
 * it (`cancelled`), or a guard, resolver or lazy route threw (`error`).
 */
export type NavigationFailure = 'aborted' | 'cancelled' | 'error'

/** What happened to a form: submitted, a choice changed, a text field edited, or left unsent. */
export type FormInteraction = 'submit' | 'change' | 'input' | 'abandon'

/** What a `form` action records. Never a field's value. */
export interface FormInfo {
  /** The form's `aria-label`, `name` or `id`; empty when it has none. */
  name: string
  interaction: FormInteraction
}

/** The `action` part of an action event, field names as sent on the wire. */
export interface ActionPayload {
  id: string
  type: ActionType
  name: string
  name_source?: string
  /** Epoch milliseconds. */
  start: number
  /** Last activity − start, in ms. Absent when the page showed no activity. */
  duration?: number
  complete_reason: CompleteReason
  /** Id of the action that ended this one. */
  interrupted_by?: string
  target?: ActionTarget
  counts: ActionCounts
  frustration: FrustrationType[]
  context?: Context
  /** Navigation actions only. */
  navigation?: NavigationInfo
  /** Form actions only. */
  form?: FormInfo
}

/** Fields every event carries. */
export interface EventBase {
  id: string
  /** Epoch milliseconds. */
  time: number
  application: { id: string }
  session: { id: string }
  view: ViewContext
  user?: User
  context?: Context
}

/** One completed action, as sent to the collector. */
export interface ActionEvent extends EventBase {
  type: 'action'
  action: ActionPayload
}

/** A JavaScript error or unhandled rejection, as sent to the collector. */
export interface ErrorPayload {
  message: string
  /** The error's name (`TypeError`), or `UnhandledRejection` for a rejection with a non-error reason. */
  type: string
  /** Cut to 3000 characters. */
  stack?: string
  source: 'error' | 'unhandledrejection'
}

/** One uncaught error, linked to the action that was active when it happened. */
export interface TrackerErrorEvent extends EventBase {
  type: 'error'
  error: ErrorPayload
  /** The active action, if there was one. */
  action?: { id: string }
}

/** Every kind of event the tracker produces. */
export type TrackerEvent = ActionEvent | TrackerErrorEvent

/**
 * Inspects or changes an event before it is queued. Return `false` to drop it; any other
 * return value keeps it (mutate the event in place to change it).
 */
export type EventModifier = (event: TrackerEvent) => unknown

/**
 * Delivers a batch of events. `leaving` is true when the page is going away: only requests that
 * outlive the page (`keepalive`, `sendBeacon`) will make it. A rejected promise is reported in
 * debug mode; retrying is the transport's own business.
 */
export type Transport = ((
  events: TrackerEvent[],
  context: { leaving: boolean },
) => void | Promise<void>) & {
  /** Called when consent is withdrawn: forget whatever waits for delivery. */
  clear?(): void
}

/** The signed-in user, attached to every event. */
export interface User {
  id?: string
  [key: string]: ContextValue | undefined
}

/** Consent as the site's consent banner reports it. */
export type TrackingConsent = 'granted' | 'pending' | 'not-granted'

/** Privacy level applied to names taken from page text. */
export type PrivacyLevel = 'allow' | 'mask-user-input' | 'mask'

/** A URL rule: a prefix, a regular expression or a predicate. */
export type UrlMatcher = string | RegExp | ((url: string) => boolean)

/** Options for {@link createTracker}. */
export interface TrackerOptions {
  /** Identifies the application in the collector. Required. */
  applicationId: string
  /** Collector URL that receives batches. Without it, events are produced but not sent. */
  endpoint?: string
  /** Client token sent with each batch. */
  clientToken?: string
  /** Detect clicks and keyboard activation. Default `true`. */
  trackUserInteractions?: boolean
  /** Detect page loads and History API navigations. Default `true`. */
  trackNavigation?: boolean
  /** Detect form submits and field interactions. Default `true`. */
  trackForms?: boolean
  /** Extra attribute that names an element, read before `data-action-name`. */
  actionNameAttribute?: string
  /** How names taken from page text are masked. Default `'mask-user-input'`. */
  defaultPrivacyLevel?: PrivacyLevel
  /** Initial consent. Default `'granted'`. */
  trackingConsent?: TrackingConsent
  /** Percentage of sessions that are tracked, 0–100. Default `100`. */
  sessionSampleRate?: number
  /** Quiet time after the last activity that completes an action, in ms. Default `100`. */
  idleTimeout?: number
  /** Longest an action may stay open, in ms. Default `50000`. */
  maxDuration?: number
  /** Requests to these URLs are not page activity (own endpoint is always excluded). */
  excludedActivityUrls?: UrlMatcher[]
  /** Called with every event before it is queued; return `false` to drop it. */
  beforeSend?: EventModifier
  /** A batch is sent once it holds this many events. Default `50`. */
  batchMaxEvents?: number
  /** A batch is sent once its JSON reaches this many bytes. Default `16384`. */
  batchMaxBytes?: number
  /** A batch is sent at the latest this many ms after its first event. Default `5000`. */
  flushInterval?: number
  /**
   * How batches to `endpoint` are encoded. `'gzip'` (default) compresses them when the browser
   * has `CompressionStream`; the body stays `text/plain`, without `Content-Encoding`, and an
   * Actiontrail collector recognises it. `'none'` sends JSON, for endpoints that expect it.
   */
  compression?: 'gzip' | 'none'
  /**
   * Receives each batch instead of the built-in delivery to `endpoint`. Give one to route
   * events somewhere of your own (a test, a worker, the OTLP exporter of `@actiontrail/core/otlp`).
   */
  transport?: Transport
  /** Print one warning for each kind of bad API input. Default `false`. */
  debug?: boolean
}

/** What an action's `subscribe` callbacks are told. */
export interface ActionEndEvent {
  /** The action concerned. */
  action: UserAction
  /**
   * `true` when the action has ended. `false` when an action with `autoClose: false` reached
   * the point where it would have completed automatically; it stays open.
   */
  closed: boolean
  /** Why it ended, or (when not closed) why it would have ended. */
  reason: CompleteReason
  /** Epoch ms of the last activity, absent when there was none. */
  lastActivity?: number
}

/** Options of {@link Tracker.startAction}. */
export interface StartActionOptions {
  /**
   * Complete when the page becomes idle. Default `true`. With `false` the action is a flow: it
   * runs beside the clicks, forms and navigations detected meanwhile and ends only by `finish()`,
   * a newer flow, page hide or `maxDuration`.
   */
  autoClose?: boolean
  /** Action type; default `'custom'`. */
  type?: ActionType
  /** Epoch ms when the action really began (not in the future). Default: now. */
  startTime?: number
  /** Context attached to this action only. */
  context?: Context
}

/** A user action, active or complete. */
export interface UserAction {
  /** Unique id (UUID). */
  readonly id: string
  /** Action type. */
  readonly type: ActionType
  /** Name shown in the dashboard; can be changed while the action is active. */
  name: string
  /** Context of this action; can be replaced while the action is active. */
  context: Context
  /** Epoch ms when the action started. */
  readonly startTime: number
  /** Whether the action completes on idle; can be changed while it is active. */
  autoClose: boolean
  /** `'active'` until the action ends. */
  readonly state: ActionState
  /** Ends the action now with reason `completed_by_api`. Does nothing once it has ended. */
  finish(): void
  /** Calls `callback` when the action ends or, with `autoClose: false`, would have. Returns an unsubscribe function. */
  subscribe(callback: (event: ActionEndEvent) => void): () => void
}

/**
 * A `navigation` action started by a router adapter ({@link Tracker.startNavigation}). It stays
 * open until the router says the new route has rendered, then completes when the page is idle.
 */
export interface RouterNavigation extends UserAction {
  /**
   * The router finished and the new route has rendered. `route` is the pattern finally matched
   * (after redirects): it names the action and fills `view.route` of the actions that follow.
   */
  rendered(route?: string): void
  /**
   * The router gave up: ends the action now and records `navigation.failure`. `route` is the
   * pattern the router had matched by then, when it knows one.
   */
  fail(failure: NavigationFailure, route?: string): void
}

/** The tracker created by {@link createTracker}. */
export interface Tracker {
  /** Records an instant action that does not end the active one. */
  addAction(name: string, context?: Context, options?: { type?: ActionType }): void
  /**
   * Starts an action. An auto-closing one ends the active auto-closing action; a flow
   * (`autoClose: false`) ends the open flow and runs beside everything else.
   */
  startAction(name?: string, options?: StartActionOptions): UserAction
  /** The open action started last, or `undefined`. */
  readonly current: UserAction | undefined
  /** Marks the start of work the browser cannot see; call the returned function when it is done. */
  beginActivity(): () => void
  /** Reports activity the browser cannot see; it extends the active action's idle window. */
  notifyActivity(): void
  /** Calls `callback` with every new action before it runs. Returns an unsubscribe function. */
  subscribe(callback: (action: UserAction) => void): () => void
  /**
   * Sets the route pattern of the current page (`/products/:id`), for framework adapters: it
   * fills `view.route` of the actions that follow, and names the navigation action to this page
   * after the pattern instead of the raw path. A new URL clears it.
   */
  setRoute(route: string): void
  /**
   * For router adapters: a navigation to `url` (matched by the pattern `route`) begins, before
   * the URL changes. Starts a `navigation` action named after the pattern and ends the active
   * action (`interrupted_by_navigation`, recorded as the `trigger` when it was a click or form).
   * The next History API change belongs to this action instead of starting another; when it is
   * the router's answer to a back/forward move already detected, that action is reused. A router
   * navigation still waiting for its URL when another begins is failed as `cancelled`.
   */
  startNavigation(route: string, url: string): RouterNavigation
  /** Turns automatic detection of clicks, navigations and forms on or off. */
  setAutomaticDetection(enabled: boolean): void
  /** Changes consent: `pending` buffers, `granted` sends, `not-granted` collects nothing. */
  setTrackingConsent(consent: TrackingConsent): void
  /** Sets the user attached to every event; `undefined` clears it. */
  setUser(user: User | undefined): void
  /** Replaces the context attached to every event. */
  setGlobalContext(context: Context): void
  /** Sets one key of the global context; `undefined` removes it. */
  setGlobalContextProperty(key: string, value: unknown): void
  /** Adds a function that sees every event; returning `false` drops it. Returns a remover. */
  addEventModifier(modifier: EventModifier): () => void
  /** Hands every queued event to the transport. */
  flush(): Promise<void>
  /** Ends the active action, flushes and removes every listener. The tracker is inert afterwards. */
  stop(): void
}
