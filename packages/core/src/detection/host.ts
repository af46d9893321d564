import type { ActionInit, TrackedAction } from '../action'
import type { ResolvedOptions } from '../options'
import type { CompleteReason, NavigationMethod, ViewContext } from '../types'

/** What a detector is given to start actions with. */
export type DetectedAction = Omit<ActionInit, 'view' | 'autoClose' | 'context'>

/** The tracker as automatic detectors see it. */
export interface DetectionHost {
  readonly options: ResolvedOptions
  /** Automatic detection is switched on (`setAutomaticDetection`) and the tracker runs. */
  readonly detecting: boolean
  /** The open auto-closing action (flows run beside it). */
  readonly current: TrackedAction | undefined
  /** The action started last, active or not. */
  readonly latest: TrackedAction | undefined
  /** Starts an action; it ends the active one. */
  start(init: DetectedAction): TrackedAction
  /**
   * Records an action that is over already, beside the active one, on `view`; `prepare` may
   * flag it before it is emitted.
   */
  record(
    init: DetectedAction,
    reason: CompleteReason,
    view: ViewContext,
    prepare?: (action: TrackedAction) => void,
  ): void
  /**
   * The URL changed (`method`): a router navigation waiting for it, or one the router is still
   * redirecting (`replace`), takes it. Returns whether one did.
   */
  followUrl(method: NavigationMethod): boolean
  /**
   * The URL changed: `from` becomes the referrer and the route pattern is cleared. Returns the
   * view that was left.
   */
  viewChanged(from: string): ViewContext
}
