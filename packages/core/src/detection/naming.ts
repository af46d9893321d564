import { truncate } from '../truncate'
import { composedParent } from './dom'
import {
  collectLabelledBy,
  collectText,
  isButtonInput,
  isRendered,
  normalize,
  svgTitle,
  TextCollector,
} from './visibleText'

/** Which naming rule produced an action's name (`name_source`). */
export type NameSource =
  | 'attribute'
  | 'masked'
  | 'aria_labelledby'
  | 'aria_label'
  | 'label'
  | 'alt'
  | 'value'
  | 'content'
  | 'title'
  | 'placeholder'
  | 'name'
  | 'text'

export interface ElementName {
  name: string
  /** Which rule produced the name; see `name_source` in the README. */
  source: NameSource
}

export interface NamingOptions {
  /** An attribute that names elements, read before `data-action-name` (`actionNameAttribute`). */
  nameAttribute?: string
  /** `masked`: the element's privacy level is 'mask' (decided by the caller). */
  masked: boolean
}

const MAX_LENGTH = 100
/** The walk looks at the element itself and at most this many ancestors. */
const MAX_ANCESTORS = 10
const ACTION_NAME_ATTRIBUTE = 'data-action-name'
const MASKED_NAME = 'Masked element'

/** Widget roles whose name comes from their content (WAI-ARIA "name from: contents"). */
const CONTENT_ROLES = new Set([
  'button',
  'checkbox',
  'gridcell',
  'link',
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'option',
  'radio',
  'switch',
  'tab',
  'treeitem',
])

/** HTML elements named by their content. */
const CONTENT_TAGS = new Set(['button', 'summary', 'option'])

/** Attributes read after the content, in this order. */
const FALLBACK_ATTRIBUTES = ['title', 'placeholder', 'name'] as const

/**
 * The name a person would call an element — its accessible name — and the rule that gave it.
 * First non-empty wins:
 *
 * 1. the `nameAttribute` (then `data-action-name`) of the element or its nearest ancestor that
 *    has a non-empty one, out through shadow roots;
 * 2. `Masked element` when `masked`;
 * 3. for the element and up to 10 ancestors (stopping after a `<form>`, and at `<body>`), in
 *    the order of the accessible-name computation: `aria-labelledby`, `aria-label`, the native
 *    label (`<label>`, `alt`, a button input's `value`, an SVG `<title>`), the content of a
 *    button, link, `summary`, `option` or widget, then `title`, `placeholder`, `name`;
 * 4. the element's own visible text.
 *
 * A field's value never becomes a name. Never throws on well-formed DOM; the caller guards.
 */
export function nameElement(element: Element, options: NamingOptions): ElementName {
  for (const attribute of [options.nameAttribute, ACTION_NAME_ATTRIBUTE]) {
    const name = attribute && closestAttribute(element, attribute)
    if (name) return named(name, 'attribute')
  }

  if (options.masked) return { name: MASKED_NAME, source: 'masked' }

  let current: Element | null = element
  for (let depth = 0; current && depth <= MAX_ANCESTORS; depth++) {
    const document = current.ownerDocument
    if (current === document.body || current === document.documentElement) break
    const found = ownName(current)
    if (found) return found
    if (current.localName === 'form') break
    current = flatParent(current)
  }

  const out = new TextCollector()
  collectText(element, out)
  return named(out.text, 'text')
}

/**
 * Names longer than 100 characters are cut and end in ` [...]`. A cut that falls just after a
 * space does not leave a double space before the marker.
 */
export function truncateName(text: string): string {
  const cut = truncate(text, MAX_LENGTH)
  return cut === text ? text : cut.replace(/\s+ \[\.\.\.\]$/, ' [...]')
}

function named(text: string, source: NameSource): ElementName {
  return { name: truncateName(normalize(text)), source }
}

/**
 * The parent in the rendered (flat) tree: a slotted element's slot, a shadow root's host, or the
 * parent element. This is the path `composedPath()` follows.
 */
function flatParent(element: Element): Element | null {
  return element.assignedSlot ?? composedParent(element)
}

/** The non-empty value of `attribute` on the element or its nearest ancestor that has one. */
function closestAttribute(element: Element, attribute: string): string {
  for (let node: Element | null = element; node; node = flatParent(node)) {
    const value = normalize(node.getAttribute(attribute))
    if (value) return value
  }
  return ''
}

/** Rule 3 for one element: its own accessible name, from its attributes, label or content. */
function ownName(element: Element): ElementName | undefined {
  // Hidden from assistive technology (a decorative icon): the name comes from further up.
  if (element.getAttribute('aria-hidden') === 'true') return undefined

  const labelledBy = element.getAttribute('aria-labelledby')
  if (labelledBy) {
    const out = new TextCollector()
    collectLabelledBy(element, labelledBy, out)
    if (out.text) return named(out.text, 'aria_labelledby')
  }

  const ariaLabel = normalize(element.getAttribute('aria-label'))
  if (ariaLabel) return named(ariaLabel, 'aria_label')

  const native = nativeLabel(element)
  if (native) return native

  if (isNamedFromContent(element)) {
    const out = new TextCollector()
    collectText(element, out, { followLabelledBy: true })
    if (out.text) return named(out.text, 'content')
  }

  for (const attribute of FALLBACK_ATTRIBUTES) {
    const value = normalize(element.getAttribute(attribute))
    if (value) return named(value, attribute)
  }
  return undefined
}

/** The host language's own label: `<label>`, `alt`, a button input's value, an SVG `<title>`. */
function nativeLabel(element: Element): ElementName | undefined {
  // `labels` looks through the whole document for a `<label for>`: only an element with an id
  // or inside a `<label>` can have one, so the others skip that search.
  const labels =
    'labels' in element && (element.id || element.closest('label'))
      ? (element as HTMLInputElement).labels
      : undefined
  if (labels && labels.length > 0) {
    const out = new TextCollector()
    for (const label of labels) {
      out.gap()
      collectText(label, out, { skip: element, followLabelledBy: true, hidden: !isRendered(label) })
    }
    if (out.text) return named(out.text, 'label')
  }

  const tag = element.localName
  if (tag === 'label' && element instanceof HTMLLabelElement) {
    // A click on the label itself: the label is the name of what it activates.
    const out = new TextCollector()
    collectText(element, out, { followLabelledBy: true })
    if (out.text) return named(out.text, 'label')
  }

  if (
    element instanceof HTMLElement &&
    (tag === 'img' || tag === 'area' || (tag === 'input' && inputTypeIs(element, 'image')))
  ) {
    const alt = normalize(element.getAttribute('alt'))
    if (alt) return named(alt, 'alt')
  }

  if (isButtonInput(element)) {
    const value = normalize((element as HTMLInputElement).value)
    if (value) return named(value, 'value')
  }

  const title = svgTitle(element)
  if (title) return named(title, 'label')
  return undefined
}

function inputTypeIs(element: Element, type: string): boolean {
  return (element as HTMLInputElement).type === type
}

/** A button, link, `summary`, `option` or an element with a widget role named by its content. */
function isNamedFromContent(element: Element): boolean {
  const tag = element.localName
  if (element instanceof HTMLElement) {
    if (CONTENT_TAGS.has(tag)) return true
    if (tag === 'a' && element.hasAttribute('href')) return true
  } else if (
    element instanceof SVGElement &&
    tag === 'a' &&
    (element.hasAttribute('href') || element.hasAttribute('xlink:href'))
  ) {
    return true
  }
  const role = element.getAttribute('role')
  if (!role) return false
  const first = role.trim().split(/\s+/)[0]
  return first !== undefined && CONTENT_ROLES.has(first.toLowerCase())
}
