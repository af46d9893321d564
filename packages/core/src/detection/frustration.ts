import type { TrackedAction } from '../action'
import type { FrustrationType } from '../types'
import { composedClosest } from './dom'

const OPT_OUT = '[data-actiontrail-no-frustration]'

/**
 * Elements where a click without visible effect is normal: typing and choosing happen in them,
 * a canvas draws without DOM changes, and a link may open elsewhere.
 */
const NEVER_DEAD =
  'input:not([type=button]):not([type=submit]):not([type=reset]):not([type=image]),textarea,select,[contenteditable]:not([contenteditable=false]),canvas,a[href]'

/** Flags `type` on the action unless its element (or an ancestor) opted out. */
export function frustrate(action: TrackedAction, type: FrustrationType): void {
  if (action.element && composedClosest(action.element, OPT_OUT)) return
  action.frustrate(type)
}

/**
 * Whether a click on `element` may be a dead click. A label counts as the field it labels, so
 * clicking a text field's label (which only moves the focus) is not dead.
 */
export function mayBeDead(element: Element): boolean {
  const control = element.closest('label')?.control
  return !composedClosest(element, NEVER_DEAD) && !control?.matches(NEVER_DEAD)
}
