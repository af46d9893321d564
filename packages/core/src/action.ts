import type {
  ActionCounts,
  ActionEndEvent,
  ActionState,
  ActionTarget,
  ActionType,
  CompleteReason,
  Context,
  FormInfo,
  FrustrationType,
  NavigationInfo,
  UserAction,
  ViewContext,
} from './types'
import { uuid } from './uuid'

/** What an action needs from the tracker that owns it. */
export interface ActionHost {
  readonly idleTimeout: number
  readonly maxDuration: number
  /** Cleans a context given through the API. */
  sanitize(context: unknown): Context
  /** Reports bad API input (debug mode only). */
  warn(kind: string, message: string, detail?: unknown): void
  /** Called once, when the action has ended. */
  ended(action: TrackedAction): void
}

/** Who started an action, which decides how it ends the one before it. */
export type ActionSource = 'api' | 'interaction' | 'navigation'

export interface ActionInit {
  type: ActionType
  name: string
  nameSource?: string
  autoClose: boolean
  context: Context
  /** Epoch ms; defaults to now. */
  startTime?: number
  view: ViewContext
  target?: ActionTarget
  /** The element interacted with; kept for the frustration rules, never sent. */
  element?: Element
  source: ActionSource
  navigation?: NavigationInfo
  form?: FormInfo
}

/**
 * One user action and its lifecycle: open while the page is busy, complete `idleTimeout` after
 * the last activity once no tracked request is pending, or ended by the API, a new action, page
 * hide or `maxDuration`. Times are kept on the monotonic `performance.now()` clock.
 */
export class TrackedAction implements UserAction {
  readonly id = uuid()
  /** Changes from `click` to `form` when the click turns out to be a form choice. */
  type: ActionType
  readonly startTime: number
  readonly view: ViewContext
  readonly target: ActionTarget | undefined
  readonly element: Element | undefined
  readonly source: ActionSource
  readonly navigation: NavigationInfo | undefined
  form: FormInfo | undefined
  nameSource: string | undefined
  /**
   * Set by a detector that needs to look past the end before the event goes out (a click
   * waits for its rage-click window); it receives the function that emits the event.
   */
  deferEmit: ((emit: () => void) => void) | undefined
  readonly counts: ActionCounts = {
    requests: 0,
    resources: 0,
    mutations: 0,
    errors: 0,
    long_tasks: 0,
  }
  readonly frustration: FrustrationType[] = []
  /** Set when the action ends. */
  completeReason: CompleteReason | undefined
  interruptedBy: string | undefined
  duration: number | undefined

  /** `performance.now()` at the start; earlier than creation when `startTime` is in the past. */
  readonly startedAt: number
  private readonly createdAt = performance.now()
  private lastActivity: number | undefined
  private pending = 0
  private idleTimer: ReturnType<typeof setTimeout> | undefined
  private maxTimer: ReturnType<typeof setTimeout> | undefined
  /** Set once an `autoClose: false` action has told its subscribers it went quiet. */
  private idleReported = false
  private readonly listeners = new Set<(event: ActionEndEvent) => void>()
  private _name: string
  private _context: Context
  private _autoClose: boolean
  private _state: ActionState = 'active'

  constructor(
    private readonly host: ActionHost,
    init: ActionInit,
  ) {
    this.type = init.type
    this._name = init.name
    this.nameSource = init.nameSource
    this._autoClose = init.autoClose
    this._context = init.context
    this.view = init.view
    this.target = init.target
    this.element = init.element
    this.source = init.source
    this.navigation = init.navigation
    this.form = init.form
    const now = Date.now()
    this.startTime = init.startTime ?? now
    this.startedAt = this.createdAt - (now - this.startTime)
  }

  get name(): string {
    return this._name
  }
  set name(value: string) {
    if (typeof value === 'string' && this._state === 'active') this._name = value
    else
      this.host.warn(
        'action.name',
        'An action name must be a string set while the action is active.',
      )
  }

  get context(): Context {
    return this._context
  }
  set context(value: Context) {
    if (this._state === 'active') this._context = this.host.sanitize(value)
  }

  get autoClose(): boolean {
    return this._autoClose
  }
  set autoClose(value: boolean) {
    if (this._state !== 'active') return
    this._autoClose = value !== false
    // Switching back on lets an action that already went quiet complete.
    if (this._autoClose && this.idleReported) this.checkIdle()
  }

  get state(): ActionState {
    return this._state
  }

  /** Whether the page showed any activity while the action was active. */
  get hadActivity(): boolean {
    return this.lastActivity !== undefined
  }

  /** Adds a frustration signal once. */
  frustrate(type: FrustrationType): void {
    if (!this.frustration.includes(type)) this.frustration.push(type)
  }

  /** Starts the idle and `maxDuration` clocks; called once the tracker's subscribers saw the action. */
  run(): void {
    const sinceStart = this.createdAt - this.startedAt
    this.maxTimer = setTimeout(
      () => this.end('timeout'),
      Math.max(0, this.host.maxDuration - sinceStart),
    )
    this.scheduleIdleCheck()
  }

  finish(): void {
    this.end('completed_by_api', undefined, performance.now())
  }

  subscribe(callback: (event: ActionEndEvent) => void): () => void {
    if (typeof callback !== 'function') {
      this.host.warn('action.subscribe', 'action.subscribe() needs a function.')
      return () => {}
    }
    this.listeners.add(callback)
    return () => {
      this.listeners.delete(callback)
    }
  }

  /** Page activity at `at` (a `performance.now()` time) keeps the action open. */
  activity(at: number = performance.now()): void {
    if (this._state !== 'active') return
    if (this.lastActivity === undefined || at > this.lastActivity) this.lastActivity = at
    this.scheduleIdleCheck()
  }

  /**
   * Holds the action open until the returned function is called (once). Holding and releasing
   * count as activity, unless `quiet`: waiting for something that may not come must not stretch
   * the duration.
   */
  hold(quiet = false): () => void {
    this.pending++
    if (!quiet) this.activity()
    let released = false
    return () => {
      if (released) return
      released = true
      this.pending--
      if (quiet) this.scheduleIdleCheck()
      else this.activity()
    }
  }

  /**
   * Ends the action. Without `endedAt`, the duration runs to the last activity and is absent
   * when there was none; `finish()` passes the time it was called.
   */
  end(reason: CompleteReason, interruptedBy?: string, endedAt?: number): void {
    if (this._state !== 'active') return
    this._state = 'complete'
    clearTimeout(this.idleTimer)
    clearTimeout(this.maxTimer)
    const last = endedAt ?? this.lastActivity
    this.duration = last === undefined ? undefined : Math.max(0, Math.round(last - this.startedAt))
    this.completeReason = reason
    this.interruptedBy = interruptedBy
    this.notify(true, reason)
    this.host.ended(this)
  }

  private scheduleIdleCheck(): void {
    if (this.idleTimer !== undefined) return
    const due = (this.lastActivity ?? this.createdAt) + this.host.idleTimeout
    this.idleTimer = setTimeout(() => this.checkIdle(), Math.max(0, due - performance.now()))
  }

  /** Runs when the idle window may have passed; activity since then moves the window on. */
  private checkIdle(): void {
    this.idleTimer = undefined
    if (this._state !== 'active' || this.pending > 0) return
    const due = (this.lastActivity ?? this.createdAt) + this.host.idleTimeout
    // Timers may fire a fraction of a millisecond before the monotonic clock reaches `due`.
    if (performance.now() < due - 1) {
      this.scheduleIdleCheck()
      return
    }
    const reason =
      this.lastActivity === undefined && this.type === 'navigation' ? 'no_activity' : 'completed'
    if (this._autoClose) {
      this.end(reason)
    } else if (!this.idleReported) {
      // Told once: a subscriber that updates the page would otherwise restart the idle clock
      // and be told again, forever.
      this.idleReported = true
      this.notify(false, reason)
    }
  }

  private notify(closed: boolean, reason: CompleteReason): void {
    const event: ActionEndEvent = { action: this, closed, reason }
    if (this.lastActivity !== undefined)
      event.lastActivity = Math.round(this.startTime + (this.lastActivity - this.startedAt))
    for (const listener of [...this.listeners]) {
      try {
        listener(event)
      } catch (error) {
        this.host.warn('action.subscriber', 'An action subscriber threw.', error)
      }
    }
  }
}
