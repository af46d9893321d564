import type { Click } from './clickActions'
import { eventElement as elementOf, listen } from './dom'

/** Elements that Enter or Space activate like a click. */
const ACTIVATABLE =
  'a[href],button,summary,input[type=button],input[type=submit],input[type=reset],input[type=image],input[type=checkbox],input[type=radio],[role=button],[role=link],[role=menuitem],[role=tab],[role=checkbox],[role=radio],[role=switch],[role=option]'
/** Space types a space in these; it activates nothing. */
const TYPING =
  'input:not([type=button]):not([type=submit]):not([type=reset]):not([type=image]):not([type=checkbox]):not([type=radio]),textarea,[contenteditable]:not([contenteditable=false])'

/**
 * Reports each primary pointer click (a primary-button pointerdown followed by its pointerup)
 * and each keyboard activation (Enter on keydown, Space on keyup, as browsers activate). Pointer
 * events rather than `click` see clicks the app swallows, and start the action before the app's
 * own click handlers run. Shadow DOM is followed through `composedPath()`.
 */
export function observeClicks(onClick: (click: Click) => void): () => void {
  let pressed: Element | undefined
  const isPrimary = (event: PointerEvent) => event.isPrimary && event.button === 0
  const modified = (event: MouseEvent | KeyboardEvent) =>
    event.ctrlKey || event.metaKey || event.shiftKey

  const onPointerDown = (event: PointerEvent) => {
    pressed = isPrimary(event) ? elementOf(event) : undefined
  }
  const onPointerUp = (event: PointerEvent) => {
    const element = pressed
    pressed = undefined
    if (element && isPrimary(event))
      onClick({ element, point: { x: event.clientX, y: event.clientY }, modified: modified(event) })
  }
  const onKey = (event: KeyboardEvent) => {
    const enter = event.key === 'Enter' && event.type === 'keydown'
    const space = event.key === ' ' && event.type === 'keyup'
    if ((!enter && !space) || event.repeat) return
    const element = elementOf(event)
    if (!element?.matches(ACTIVATABLE) || element.matches(TYPING)) return
    // Enter does not activate checkboxes and radios; Space does.
    if (enter && element.matches('input[type=checkbox],input[type=radio]')) return
    onClick({ element, modified: modified(event) })
  }

  return listen({
    pointerdown: onPointerDown,
    pointerup: onPointerUp,
    keydown: onKey,
    keyup: onKey,
  })
}
