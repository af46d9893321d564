/**
 * Reports each primary pointer click: a primary-button pointerdown followed by its pointerup.
 * Listening to pointer events rather than `click` sees clicks the app swallows and lets the
 * action start before the app's own click handlers run.
 */
export function observeClicks(onClick: (target: Element, event: PointerEvent) => void): () => void {
  let pressed: Element | undefined
  const isPrimary = (event: PointerEvent) => event.isPrimary && event.button === 0
  const onDown = (event: PointerEvent) => {
    pressed = isPrimary(event) ? elementOf(event.composedPath()[0] ?? event.target) : undefined
  }
  const onUp = (event: PointerEvent) => {
    const target = pressed
    pressed = undefined
    if (target && isPrimary(event)) onClick(target, event)
  }
  const options = { capture: true, passive: true }
  document.addEventListener('pointerdown', onDown, options)
  document.addEventListener('pointerup', onUp, options)
  return () => {
    document.removeEventListener('pointerdown', onDown, options)
    document.removeEventListener('pointerup', onUp, options)
  }
}

function elementOf(target: EventTarget | null): Element | undefined {
  if (!(target instanceof Node)) return undefined
  return target.nodeType === Node.ELEMENT_NODE
    ? (target as Element)
    : (target.parentElement ?? undefined)
}
