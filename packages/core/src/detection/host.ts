import type { ActionInit, TrackedAction } from '../action'
import type { ResolvedOptions } from '../options'
import type { CompleteReason } from '../types'

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
   * Records an action that is over already, beside the active one; `prepare` may flag it before
   * it is emitted.
   */
  record(
    init: DetectedAction,
    reason: CompleteReason,
    prepare?: (action: TrackedAction) => void,
  ): void
  /** The URL changed: `from` becomes the referrer and the route pattern is cleared. */
  viewChanged(from: string): void
}
