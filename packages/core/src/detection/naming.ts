import { truncate } from '../truncate'

const MAX_LENGTH = 100

export interface ElementName {
  name: string
  /** Which rule produced the name; see `name_source` in the README. */
  source: string
}

/**
 * The name a person would give an element: a naming attribute on it or an ancestor, then its
 * `aria-label`, then its text.
 */
export function nameElement(element: Element, nameAttribute: string | undefined): ElementName {
  for (const attribute of nameAttribute
    ? [nameAttribute, 'data-action-name']
    : ['data-action-name']) {
    const named = element.closest(`[${attribute}]`)
    const value = named?.getAttribute(attribute)?.trim()
    if (value) return { name: truncateName(value), source: 'attribute' }
  }
  const label = element.getAttribute('aria-label')?.trim()
  if (label) return { name: truncateName(label), source: 'aria_label' }
  const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim()
  return { name: truncateName(text), source: 'text' }
}

/** Names longer than 100 characters are cut and end in ` [...]`. */
export function truncateName(text: string): string {
  return truncate(text, MAX_LENGTH)
}
