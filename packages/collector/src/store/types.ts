/**
 * One stored event: the wire event of `@actiontrail/core` flattened into columns, so that
 * analytical queries read plain columns instead of parsing JSON. Optional columns are `null`.
 * Contexts keep their JSON (keys with dots already turned into underscores at ingest).
 */
export interface EventRow {
  /** The event id: the key duplicates are dropped on. */
  id: string
  type: 'action' | 'error'
  /** Epoch ms. */
  time: number
  application_id: string
  session_id: string
  user_id: string | null
  view_url: string
  view_path: string
  view_route: string | null
  view_referrer: string
  /** Browser, OS and device type parsed from the sender's user agent at ingest. */
  browser: string | null
  os: string | null
  device: string | null

  // Actions (null on error events)
  action_id: string | null
  action_type: string | null
  action_name: string | null
  name_source: string | null
  /** Epoch ms. */
  action_start: number | null
  duration: number | null
  complete_reason: string | null
  interrupted_by: string | null
  target_tag: string | null
  target_selector: string | null
  requests: number | null
  resources: number | null
  mutations: number | null
  errors: number | null
  long_tasks: number | null
  /** Frustration signals, also as flags so that rates are sums. */
  rage: boolean
  dead: boolean
  error_signal: boolean
  abandon: boolean
  nav_from: string | null
  nav_to: string | null
  nav_method: string | null
  nav_trigger: string | null
  /** Why a router gave the navigation up: aborted, cancelled or error. */
  nav_failure: string | null
  form_name: string | null
  form_interaction: string | null

  // Errors (null on action events)
  error_message: string | null
  error_type: string | null
  error_stack: string | null
  error_source: string | null
  /** Id of the action an error happened in. */
  error_action_id: string | null

  /** JSON text of the global context, the action context and the user; null when absent. */
  context: string | null
  action_context: string | null
  user: string | null
  /** Epoch ms when the collector accepted it. */
  received_at: number
}

/** A time range and the application it is about; every query takes one. */
export interface Scope {
  applicationId: string
  /** Epoch ms, inclusive. */
  from: number
  /** Epoch ms, exclusive. */
  to: number
}

/** A funnel step or flow node: an action by name, or a page by route (or path without one). */
export interface Step {
  kind: 'action' | 'route'
  value: string
}

export interface TopAction {
  name: string
  type: string
  count: number
  p50: number | null
  p75: number | null
  p95: number | null
  /** Share of the actions with at least one error, 0–1. */
  errorRate: number
  /** Share of the actions with at least one frustration signal, 0–1. */
  frustrationRate: number
}

export interface FunnelStep {
  step: Step
  /** Sessions that reached this step (and every step before it, in order, within the window). */
  sessions: number
  /** Share of the first step's sessions, 0–1. */
  conversion: number
  /** Sessions lost since the previous step. */
  dropOff: number
}

/**
 * What `funnelBySegment` splits sessions by: the browser, OS or device type, or a key of the
 * global context (`context.plan`) or of the user (`user.plan`), nested keys with dots. The value
 * is read from the session's first step-1 event in scope.
 */
export type FunnelSegmentBy = 'browser' | 'os' | 'device' | `${'context' | 'user'}.${string}`

/** The funnel of the sessions of one segment. */
export interface FunnelSegment {
  /** The value (as text, like a distribution's); `null` when the first step-1 event had none. */
  segment: string | null
  steps: FunnelStep[]
}

export interface FlowEdge {
  from: string
  to: string
  count: number
}

/** One time bucket of the overview. */
export interface OverviewBucket {
  /** Epoch ms where the bucket starts: `scope.from + k · bucketMs`. */
  time: number
  /** Action events in the bucket. */
  actions: number
  /** Error events in the bucket. */
  errors: number
  /** Sessions with at least one event (action or error) in the bucket. */
  sessions: number
  /** Actions with at least one frustration signal (rage, dead, error, abandon). */
  frustrated: number
}

/**
 * What `distribution` counts actions by: the action type, the page (route, or path without one),
 * the browser, OS or device type, or a key of the global context (`context.plan`), the action's
 * context (`action_context.sku`) or the user (`user.plan`), nested keys with dots
 * (`context.cart.size`).
 */
export type DistributionBy =
  | 'type'
  | 'route'
  | 'browser'
  | 'os'
  | 'device'
  | `${MetadataColumn}.${string}`

export type MetadataColumn = 'context' | 'action_context' | 'user'

export interface DistributionEntry {
  /** The value (as text; JSON booleans `true`/`false`); `null` when absent. */
  value: string | null
  /** Actions with this value. */
  count: number
  /** Sessions with at least one such action. */
  sessions: number
}

/** Frustration signal counts of a group of actions. */
export interface FrustrationCounts {
  /** Every action of the group in scope. */
  actions: number
  /** Actions with at least one signal. */
  frustrated: number
  rage: number
  dead: number
  error: number
  abandon: number
}

export interface FrustrationReport {
  /** By element: selector and action name, groups with at least one signal, most frustrated first. */
  byElement: (FrustrationCounts & { selector: string | null; name: string })[]
  /** By page: route (or path without one), pages with at least one signal, most frustrated first. */
  byPage: (FrustrationCounts & { page: string })[]
}

/** How many intervals were measured and their median and 75th percentile, in ms. */
export interface TimingStat {
  count: number
  p50: number | null
  p75: number | null
}

export interface TimingReport {
  /** Between each action and the next one of the same session (navigations included). */
  betweenActions: TimingStat
  /** From a navigation to the next navigation of the same session (the last page has none). */
  timeOnPage: TimingStat
  /** From a navigation to the first click or form action after it, before the next navigation. */
  timeToFirstInteraction: TimingStat
}

export interface SessionSummary {
  sessionId: string
  /** A user id the session carried, if any. */
  userId: string | null
  /** Epoch ms of its first and last event in scope. */
  firstTime: number
  lastTime: number
  actions: number
  errors: number
}

/** Which actions an alert rule looks at; absent fields match every action. */
export interface ActionFilter {
  /** The action's name (exact). */
  actionName?: string
  /** The page: the action's route, or its path when it has none (exact). */
  route?: string
  /** The action type (`click`, `navigation`, `form`, …). */
  type?: string
}

/** Counts over the actions matching a filter in a scope (alert metrics are made from them). */
export interface ActionCounts {
  actions: number
  /** Actions with at least one error. */
  erred: number
  /** Actions with at least one frustration signal. */
  frustrated: number
  rage: number
  dead: number
}

/**
 * Where events are kept and how they are asked about. The embedded store implements it today; a
 * distributed store (ClickHouse) implements the same methods.
 */
export interface EventStore {
  /** Stores what is new; an id seen before is a duplicate. Durable once the promise resolves. */
  insert(rows: EventRow[]): Promise<{ inserted: number; duplicates: number }>
  /** Actions by name: count, duration percentiles, error and frustration rates. */
  topActions(scope: Scope, limit: number): Promise<TopAction[]>
  /**
   * Sessions that went through `steps` in order, each step within `windowMs` of the first.
   * The first step counts every session that reached it.
   */
  funnel(scope: Scope, steps: Step[], windowMs: number): Promise<FunnelStep[]>
  /**
   * The same funnel, once per segment: sessions are put in the segment of the value `segmentBy`
   * has on their first step-1 event in scope. Segments with the most step-1 sessions first (then
   * by value, `null` last), at most `limit`. Conversion is measured within each segment.
   */
  funnelBySegment(
    scope: Scope,
    steps: Step[],
    windowMs: number,
    segmentBy: FunnelSegmentBy,
    limit: number,
  ): Promise<FunnelSegment[]>
  /** What follows what: consecutive actions (or pages) in each session, counted, busiest first. */
  flows(scope: Scope, kind: Step['kind'], limit: number): Promise<FlowEdge[]>
  /**
   * Actions, errors, sessions and frustrated actions per time bucket of `bucketMs`, from
   * `scope.from` to `scope.to`; empty buckets are included (zeros).
   */
  overview(scope: Scope, bucketMs: number): Promise<OverviewBucket[]>
  /**
   * Actions counted by a dimension's value, largest first (then by value), at most `limit`. With
   * `actionName`, only the actions of that name.
   */
  distribution(
    scope: Scope,
    by: DistributionBy,
    limit: number,
    actionName?: string,
  ): Promise<DistributionEntry[]>
  /** Frustration signals by element and by page. */
  frustration(scope: Scope, limit: number): Promise<FrustrationReport>
  /** Time between actions, time on page and time to first interaction. */
  timing(scope: Scope): Promise<TimingReport>
  /** The sessions with events in scope, the most recently active first, at most `limit`. */
  sessions(scope: Scope, limit: number): Promise<SessionSummary[]>
  /** Actions matching `filter` in scope, with their error and frustration counts. */
  actionCounts(scope: Scope, filter: ActionFilter): Promise<ActionCounts>
  /** Every event of one session, in time order. */
  sessionTimeline(applicationId: string, sessionId: string): Promise<EventRow[]>
  /** Deletes events received before `time` (retention); returns how many. */
  deleteBefore(time: number): Promise<number>
  close(): Promise<void>
}
