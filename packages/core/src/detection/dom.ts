/** The parent element, crossing out of a shadow root to its host. */
export function composedParent(element: Element): Element | null {
  if (element.parentElement) return element.parentElement
  const root = element.parentNode
  return root instanceof ShadowRoot ? root.host : null
}

/** `element.closest(selector)` that keeps looking past shadow roots, through their hosts. */
export function composedClosest(element: Element, selector: string): Element | null {
  let node: Element | null = element
  while (node) {
    const found = node.closest(selector)
    if (found) return found
    const root = node.getRootNode()
    node = root instanceof ShadowRoot ? root.host : null
  }
  return null
}

/** The innermost element an event happened on, inside shadow roots too (`composedPath()`). */
export function eventElement(event: Event): Element | undefined {
  const target = event.composedPath()[0] ?? event.target
  if (!(target instanceof Node)) return undefined
  return target.nodeType === Node.ELEMENT_NODE
    ? (target as Element)
    : (target.parentElement ?? undefined)
}

/**
 * Adds listeners to `target` (the document by default), passive capture ones unless `options`
 * say otherwise, and returns the function that removes them all.
 */
export function listen(
  listeners: { [type: string]: (event: never) => void },
  target: EventTarget = document,
  options: AddEventListenerOptions = { capture: true, passive: true },
): () => void {
  const entries = Object.entries(listeners) as [string, EventListener][]
  for (const [type, listener] of entries) target.addEventListener(type, listener, options)
  return () => {
    for (const [type, listener] of entries) target.removeEventListener(type, listener, options)
  }
}
