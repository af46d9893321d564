import { composedClosest } from './detection/dom'
import type { PrivacyLevel } from './types'

/** Privacy of one element: the option's levels, plus `hidden` (the element produces no action). */
export type ElementPrivacy = PrivacyLevel | 'hidden'

const ATTRIBUTE = 'data-actiontrail-privacy'
/** Only a valid value decides: an empty or misspelt one must not unmask what is above it. */
const MARKED = ['allow', 'mask-user-input', 'mask']
  .map((level) => `[${ATTRIBUTE}="${level}"]`)
  .join()

/** Fields that hold secrets whatever the markup says: passwords, payment cards, one-time codes. */
const SECRET_FIELD =
  'input[type=password],[autocomplete^="cc-"],[autocomplete~="current-password"],[autocomplete~="new-password"],[autocomplete~="one-time-code"]'
/** Names and ids that say "card number", "CVC", "IBAN" and the like, as words. */
const CARD_LIKE = /\b(cc|card|cvc|cvv|csc|iban|pan)\b|card ?number|credit ?card|security ?code/i

/** `cardCvc` → `card Cvc`, `cc_number` → `cc number`: words the pattern can see. */
const words = (identifier: string | null) =>
  (identifier ?? '').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]/g, ' ')

function isSecretField(element: Element): boolean {
  if (element.matches(SECRET_FIELD)) return true
  if (!element.matches('input,textarea')) return false
  return ['name', 'id'].some((attribute) => CARD_LIKE.test(words(element.getAttribute(attribute))))
}

/**
 * The privacy level that applies to an element: `hidden` for secret fields and inside a hidden
 * subtree, else the nearest valid `data-actiontrail-privacy` on it or an ancestor (through
 * shadow roots), else the default.
 */
export function privacyOf(element: Element, defaultLevel: PrivacyLevel): ElementPrivacy {
  // A hidden subtree stays hidden whatever its descendants say.
  if (isSecretField(element) || composedClosest(element, `[${ATTRIBUTE}=hidden]`)) return 'hidden'
  const marked = composedClosest(element, MARKED)
  return (marked?.getAttribute(ATTRIBUTE) as PrivacyLevel | null) ?? defaultLevel
}
