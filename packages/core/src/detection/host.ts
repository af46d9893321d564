import type { ActionInit, TrackedAction } from '../action'
import type { ResolvedOptions } from '../options'
import type { CompleteReason, ViewContext } from '../types'

/** What a detector is given to start actions with. */
export type DetectedAction = Omit<ActionInit, 'view' | 'autoClose' | 'context'>

/** The tracker as automatic detectors see it. */
export interface DetectionHost {
  readonly options: ResolvedOptions
  /** Automatic detection is switched on (`setAutomaticDetection`) and the tracker runs. */
  readonly detecting: boolean
  /** The active action. */
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
   * The URL changed: `from` becomes the referrer and the route pattern is cleared. Returns the
   * view that was left.
   */
  viewChanged(from: string): ViewContext
}
