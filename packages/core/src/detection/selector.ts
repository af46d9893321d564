const MAX_DEPTH = 5

/**
 * A CSS selector that finds the element again: a path of tag names, anchored at the nearest
 * ancestor with an id, with `:nth-of-type` where siblings share a tag.
 */
export function selectorOf(element: Element): string {
  const parts: string[] = []
  let node: Element | null = element
  while (node && parts.length < MAX_DEPTH && node !== document.body) {
    if (node.id) {
      parts.unshift(`#${CSS.escape(node.id)}`)
      break
    }
    parts.unshift(node.localName + nthOfType(node))
    node = node.parentElement
  }
  return parts.join(' > ')
}

function nthOfType(element: Element): string {
  const siblings = element.parentElement?.children
  if (!siblings) return ''
  let index = 0
  let count = 0
  for (const sibling of siblings) {
    if (sibling.localName !== element.localName) continue
    count++
    if (sibling === element) index = count
  }
  return count > 1 ? `:nth-of-type(${index})` : ''
}
