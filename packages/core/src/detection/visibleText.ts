/**
 * The text a person sees in an element (and what assistive technology reads there), collected
 * cheaply enough to run on every click: no `innerText` (it forces layout), one computed style per
 * element visited, and the walk stops as soon as the name is known to be cut anyway.
 *
 * - `aria-hidden="true"` subtrees, `display: none` (which includes the `hidden` attribute),
 *   the text of `visibility: hidden` elements, `content-visibility: hidden` contents, the closed
 *   part of a `<details>`, `<script>`, `<style>`, `<template>` and other never-rendered elements
 *   are skipped.
 * - Text that is only visually hidden (the clip-based "sr-only" pattern) is kept: it is there to
 *   name the element.
 * - Block-level boxes and `<br>` separate words; whitespace (including no-break spaces) collapses.
 * - Embedded content contributes its name, as in the accessible-name computation: an `<img>` its
 *   `alt`, an `<svg>` its `<title>`, a nested element its `aria-labelledby` or `aria-label`
 *   instead of its content, an otherwise empty element its `title`.
 * - Fields contribute nothing: the value of a text input, a textarea, a select's chosen option
 *   or contenteditable content is what the user typed or chose, never a name. Button-like inputs
 *   contribute their caption (`value`, or `alt` for `type=image`).
 * - Shadow DOM is read as it renders: an element with an open shadow root contributes its shadow
 *   tree, where each `<slot>` contributes the nodes assigned to it (or its fallback content).
 *   Closed shadow roots cannot be read; their host's light children are read instead.
 * - CSS generated content (`::before`/`::after`) is not read: for icon fonts it is a private-use
 *   glyph, not a word.
 */

/** Collection stops once the text is longer than this: the name will be cut anyway. */
const TEXT_LIMIT = 110
/** At most this many elements are visited for one text, however little text they hold. */
const VISIT_LIMIT = 500
/** Long text nodes are read in slices of this size. */
const CHUNK = 256

/** Never rendered, or rendered from something else than their children. */
const SKIPPED = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'head',
  'title',
  'meta',
  'link',
  'datalist',
  'textarea',
  'select',
  'iframe',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'picture',
  'source',
  'track',
  'param',
  'map',
])

/** SVG elements whose descendants can render text (or HTML, for `foreignObject`). */
const SVG_CONTAINERS = new Set([
  'svg',
  'g',
  'a',
  'switch',
  'text',
  'tspan',
  'textPath',
  'foreignObject',
])
/** SVG elements whose own text nodes render. */
const SVG_TEXT = new Set(['text', 'tspan', 'textPath', 'a'])

/** `type`s of `<input>` that are buttons: their `value` is their caption. */
const BUTTON_INPUT_TYPES = new Set(['button', 'submit', 'reset'])

/** Accumulates words with collapsed whitespace, and knows when it has enough. */
export class TextCollector {
  text = ''
  visits = 0
  private space = false

  get full(): boolean {
    return this.text.length > TEXT_LIMIT || this.visits > VISIT_LIMIT
  }

  /** A word boundary: the next words are separated from the previous ones. */
  gap(): void {
    this.space = true
  }

  add(raw: string): void {
    for (let i = 0; i < raw.length && !this.full; i += CHUNK) {
      const words = raw.slice(i, i + CHUNK).replace(/\s+/g, ' ')
      if (words.startsWith(' ')) this.space = true
      const core = words.trim()
      if (core) {
        if (this.space && this.text) this.text += ' '
        this.text += core
        this.space = false
      }
      if (words.endsWith(' ')) this.space = true
    }
  }
}

export interface TextOptions {
  /**
   * Read hidden content too: the element was referenced by `aria-labelledby` (or is a `<label>`)
   * while hidden, and the author meant its text as a name.
   */
  hidden?: boolean
  /** Nested elements contribute their `aria-labelledby` text (not while already following one). */
  followLabelledBy?: boolean
  /** An element whose contribution is skipped: the control a `<label>` names. */
  skip?: Element
}

/** Collapses whitespace and trims. */
export function normalize(text: string | null | undefined): string {
  return text ? text.replace(/\s+/g, ' ').trim() : ''
}

/** Whether the user can type in this element (its text is theirs, not the page's). */
function isEditable(element: Element): boolean {
  return (element as HTMLElement).isContentEditable === true
}

/** A field: what it holds is the user's input. */
function isField(element: Element): boolean {
  const tag = element.localName
  if (tag === 'textarea' || tag === 'select') return true
  return tag === 'input' && !isButtonInput(element) && inputType(element) !== 'image'
}

function inputType(element: Element): string {
  return (element as HTMLInputElement).type ?? ''
}

export function isButtonInput(element: Element): boolean {
  return element.localName === 'input' && BUTTON_INPUT_TYPES.has(inputType(element))
}

/** The text of an SVG element's `<title>` child, if it has one. */
export function svgTitle(element: Element): string {
  if (!(element instanceof SVGElement)) return ''
  for (const child of element.children) {
    if (child.localName === 'title' && child instanceof SVGElement)
      return normalize(child.textContent)
  }
  return ''
}

/**
 * Whether the element is rendered (has a box, or is `display: contents`, and is not
 * `visibility: hidden`).
 */
export function isRendered(element: Element): boolean {
  if (typeof element.checkVisibility === 'function') {
    if (element.checkVisibility({ visibilityProperty: true })) return true
    // checkVisibility() is false for a box-less `display: contents` element, whose children
    // do render.
    return getComputedStyle(element).display === 'contents'
  }
  return getComputedStyle(element).visibility === 'visible'
}

/**
 * The texts of the elements `ids` (an `aria-labelledby` value) references in `element`'s tree
 * (its document or shadow root), space-separated, into `out`.
 */
export function collectLabelledBy(element: Element, ids: string, out: TextCollector): void {
  const root = element.getRootNode() as Partial<DocumentOrShadowRootLike>
  if (typeof root.getElementById !== 'function') return
  for (const id of ids.split(/\s+/)) {
    if (!id || out.full) continue
    const referenced = root.getElementById(id)
    if (!referenced) continue
    out.gap()
    const label = normalize(referenced.getAttribute('aria-label'))
    if (label) out.add(label)
    else if (isField(referenced) || isEditable(referenced)) continue
    else if (referenced.localName === 'img' || referenced.localName === 'area')
      out.add(referenced.getAttribute('alt') ?? '')
    else if (isButtonInput(referenced)) out.add((referenced as HTMLInputElement).value)
    else if (svgTitle(referenced)) out.add(svgTitle(referenced))
    else
      collectText(referenced, out, {
        hidden: referenced.getAttribute('aria-hidden') === 'true' || !isRendered(referenced),
      })
    out.gap()
  }
}

interface DocumentOrShadowRootLike {
  getElementById(id: string): Element | null
}

/**
 * Adds the visible text inside `root` (not `root`'s own `aria-label` or `title`: the caller
 * decides about those) to `out`. Nothing when `root` is a field or editable.
 */
export function collectText(root: Element, out: TextCollector, options: TextOptions = {}): void {
  if (isField(root) || isEditable(root) || SKIPPED.has(root.localName)) return
  visitChildren(root, out, options, options.hidden === true || showsText(getComputedStyle(root)))
}

function showsText(style: CSSStyleDeclaration): boolean {
  return style.visibility === 'visible' && style.getPropertyValue('content-visibility') !== 'hidden'
}

function visitChildren(
  element: Element,
  out: TextCollector,
  options: TextOptions,
  textVisible: boolean,
): void {
  for (const node of childrenOf(element)) {
    if (out.full) return
    if (node.nodeType === Node.TEXT_NODE) {
      if (textVisible && rendersText(node)) out.add((node as Text).data)
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      visitElement(node as Element, out, options)
    }
  }
}

/** The nodes an element renders: its shadow tree, a slot's assigned nodes, or its children. */
function childrenOf(element: Element): Iterable<Node> {
  if (element instanceof HTMLSlotElement) return element.assignedNodes({ flatten: true })
  if (element instanceof HTMLDetailsElement && !element.open) {
    // Only the summary of a closed <details> renders.
    for (const child of element.children) if (child.localName === 'summary') return [child]
    return []
  }
  return element.shadowRoot?.childNodes ?? element.childNodes
}

/** Text directly inside SVG shapes, groups or the `<svg>` itself does not render. */
function rendersText(node: Node): boolean {
  const parent = node.parentNode
  return !(parent instanceof SVGElement) || SVG_TEXT.has(parent.localName)
}

function visitElement(element: Element, out: TextCollector, options: TextOptions): void {
  out.visits++
  const tag = element.localName
  if (element === options.skip || SKIPPED.has(tag)) return
  if (!options.hidden && element.getAttribute('aria-hidden') === 'true') return
  if (element instanceof SVGElement && !SVG_CONTAINERS.has(tag)) return
  if (tag === 'br') {
    out.gap()
    return
  }

  const style = getComputedStyle(element)
  const display = style.display
  if (display === 'none' && !options.hidden) return
  const block = display !== 'contents' && display !== 'none' && !display.startsWith('inline')
  if (block) out.gap()
  const before = out.text.length

  if (isField(element) || (element.hasAttribute('contenteditable') && isEditable(element))) {
    // What the user typed or chose: nothing, not even the field's own aria-label.
  } else {
    const labelledBy = options.followLabelledBy ? element.getAttribute('aria-labelledby') : null
    if (labelledBy) collectLabelledBy(element, labelledBy, out)
    if (out.text.length === before) {
      const embedded = embeddedName(element)
      if (embedded) word(out, embedded)
      else visitChildren(element, out, options, options.hidden === true || showsText(style))
    }
    // An element that showed nothing is named by its tooltip, as in the accessible-name
    // computation.
    if (out.text.length === before) word(out, normalize(element.getAttribute('title')))
  }
  if (block) out.gap()
}

/**
 * The name that stands for an element's content: its `aria-label`, a button input's caption,
 * an image's `alt`, an `<svg>`'s `<title>`.
 */
function embeddedName(element: Element): string {
  const ariaLabel = normalize(element.getAttribute('aria-label'))
  if (ariaLabel) return ariaLabel
  const tag = element.localName
  if (tag === 'input') {
    return normalize(isButtonInput(element) ? (element as HTMLInputElement).value : altOf(element))
  }
  if (tag === 'img' || tag === 'area') return normalize(altOf(element))
  if (tag === 'svg') return svgTitle(element)
  return ''
}

/** Adds a name that stands for a whole element: a word of its own, even inline. */
function word(out: TextCollector, text: string): void {
  if (!text) return
  out.gap()
  out.add(text)
  out.gap()
}

function altOf(element: Element): string {
  return element.getAttribute('alt') ?? ''
}
