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

export interface FlowEdge {
  from: string
  to: string
  count: number
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
  /** What follows what: consecutive actions (or pages) in each session, counted, busiest first. */
  flows(scope: Scope, kind: Step['kind'], limit: number): Promise<FlowEdge[]>
  /** Every event of one session, in time order. */
  sessionTimeline(applicationId: string, sessionId: string): Promise<EventRow[]>
  /** Deletes events received before `time` (retention); returns how many. */
  deleteBefore(time: number): Promise<number>
  close(): Promise<void>
}
