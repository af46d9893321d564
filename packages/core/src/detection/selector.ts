const MAX_DEPTH = 8

/**
 * Looks like a class or id a build tool generated: CSS-in-JS prefixes (`css-1x2y3z`,
 * `sc-bdVaJa`, `jsx-123`, `svelte-1abc`), a CSS-module hash suffix (`Button_add__3kF9a`, while
 * BEM's `card__title` stays), React's `useId` (`:r1:`) or a run of four digits or more. Such
 * names change with every build and would split one target in many.
 */
const GENERATED = /^(css|sc|jsx|svelte|emotion|ng-tns|ng-star)-|__(?=[\w-]*\d)[\w-]{5,}$|\d{4,}|^:/
/** Utility-class frameworks put a dozen classes on an element; two are enough to tell it apart. */
const MAX_CLASSES = 2
const NAME_ATTRIBUTES = ['data-action-name', 'data-testid', 'data-test', 'data-cy']

const stable = (name: string) => name.length > 0 && !GENERATED.test(name)
const isTop = (element: Element) => element.localName === 'body' || element.localName === 'html'

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
  let node: Element | null = element
  for (; node && !isTop(node) && nodes.length < MAX_DEPTH; node = node.parentElement) {
    const anchor = anchorOf(node, attributes)
    if (anchor && isUnique(root, [anchor])) {
      parts.unshift(anchor)
      return disambiguate(root, parts, nodes)
    }
    parts.unshift(node.localName + (anchor ?? classesOf(node)))
    nodes.unshift(node)
  }
  disambiguate(root, parts, nodes)
  // Deep in markup without ids: keep climbing, with positions, until the path is unique.
  for (; node && !isTop(node) && !isUnique(root, parts); node = node.parentElement) {
    parts.unshift(node.localName + classesOf(node) + nthOfType(node))
  }
  return parts.join(' > ')
}

/** Tells siblings apart, from the element outwards, only as far as needed. */
function disambiguate(root: Document | ShadowRoot, parts: string[], nodes: Element[]): string {
  const offset = parts.length - nodes.length
  for (let i = nodes.length - 1; i >= 0 && !isUnique(root, parts); i--) {
    parts[i + offset] += nthOfType(nodes[i] as Element)
  }
  return parts.join(' > ')
}

function anchorOf(element: Element, attributes: string[]): string | undefined {
  // getAttribute: a form's `id` property is shadowed by a control named "id".
  const id = element.getAttribute('id')
  if (id && stable(id)) return `#${CSS.escape(id)}`
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
  // Sibling pointers rather than the parent's children: they also work under a shadow root and
  // stop as soon as the answer is known.
  const tag = element.localName
  let index = 1
  for (let s = element.previousElementSibling; s; s = s.previousElementSibling)
    if (s.localName === tag) index++
  let others = index > 1
  for (let s = element.nextElementSibling; s && !others; s = s.nextElementSibling)
    others = s.localName === tag
  return others ? `:nth-of-type(${index})` : ''
}
