const MAX_DEPTH = 8

/**
 * Looks like a class or id a build tool generated: CSS-in-JS and CSS-module hashes
 * (`css-1x2y3z`, `sc-bdVaJa`, `Button_add__3kF9a`, `jsx-123`, `svelte-1abc`), or anything with
 * a long run of digits. Such names change with every build and would split one target in many.
 */
const GENERATED = /^(css|sc|jsx|svelte|emotion|ng-tns|ng-star)-|__[a-zA-Z0-9]{4,}$|\d{3,}/
/** Utility-class frameworks put a dozen classes on an element; two are enough to tell it apart. */
const MAX_CLASSES = 2
const NAME_ATTRIBUTES = ['data-action-name', 'data-testid', 'data-test', 'data-cy']

const stable = (name: string) => name.length > 0 && !GENERATED.test(name)

/**
 * A CSS selector that finds the element again in its document (or shadow root) and stays the
 * same across builds: a path of tag names with stable classes up from the element to the nearest
 * unique stable id or naming attribute, with `:nth-of-type` only where siblings would otherwise
 * be confused.
 */
export function selectorOf(element: Element, nameAttribute?: string): string {
  const root = element.getRootNode() as Document | ShadowRoot
  const attributes = nameAttribute ? [nameAttribute, ...NAME_ATTRIBUTES] : NAME_ATTRIBUTES
  const parts: string[] = []
  const nodes: Element[] = []
  for (
    let node: Element | null = element;
    node && nodes.length < MAX_DEPTH;
    node = node.parentElement
  ) {
    if (node.localName === 'body' || node.localName === 'html') break
    const anchor = anchorOf(node, attributes)
    if (anchor && isUnique(root, [anchor])) {
      parts.unshift(anchor)
      break
    }
    parts.unshift(node.localName + (anchor ?? classesOf(node)))
    nodes.unshift(node)
  }
  // Tell siblings apart from the element outwards, only as far as needed.
  const offset = parts.length - nodes.length
  for (let i = nodes.length - 1; i >= 0 && !isUnique(root, parts); i--) {
    parts[i + offset] += nthOfType(nodes[i] as Element)
  }
  return parts.join(' > ')
}

function anchorOf(element: Element, attributes: string[]): string | undefined {
  if (element.id && stable(element.id)) return `#${CSS.escape(element.id)}`
  for (const attribute of attributes) {
    const value = element.getAttribute(attribute)
    if (value) return `[${attribute}="${CSS.escape(value)}"]`
  }
  return undefined
}

function classesOf(element: Element): string {
  let classes = ''
  let count = 0
  for (const name of element.classList) {
    if (!stable(name)) continue
    classes += `.${CSS.escape(name)}`
    if (++count === MAX_CLASSES) break
  }
  return classes
}

function isUnique(root: Document | ShadowRoot, parts: string[]): boolean {
  try {
    return root.querySelectorAll(parts.join(' > ')).length === 1
  } catch {
    return false
  }
}

function nthOfType(element: Element): string {
  let index = 1
  let others = false
  for (
    let sibling = element.parentElement?.firstElementChild;
    sibling;
    sibling = sibling.nextElementSibling
  ) {
    if (sibling === element || sibling.localName !== element.localName) continue
    others = true
    if (sibling.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) index++
  }
  return others ? `:nth-of-type(${index})` : ''
}
