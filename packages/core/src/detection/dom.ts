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
