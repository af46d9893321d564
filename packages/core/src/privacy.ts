import { composedClosest } from './detection/dom'
import type { PrivacyLevel } from './types'

/** Privacy of one element: the option's levels, plus `hidden` (the element produces no action). */
export type ElementPrivacy = PrivacyLevel | 'hidden'

const ATTRIBUTE = 'data-actiontrail-privacy'
const LEVELS: readonly string[] = ['allow', 'mask-user-input', 'mask', 'hidden']

/** Fields that hold secrets whatever the markup says: passwords, payment cards, one-time codes. */
const SECRET_FIELD =
  'input[type=password],[autocomplete^="cc-"],[autocomplete~="current-password"],[autocomplete~="new-password"],[autocomplete~="one-time-code"]'
/** Names and ids that say "card number", "CVC", "IBAN" and the like. */
const CARD_LIKE =
  /(^|[^a-z])(cc|card|cvc|cvv|csc|iban|pan)([^a-z]|$)|cardnumber|creditcard|securitycode/i

function isSecretField(element: Element): boolean {
  if (element.matches(SECRET_FIELD)) return true
  if (!element.matches('input,textarea')) return false
  return CARD_LIKE.test(element.getAttribute('name') ?? '') || CARD_LIKE.test(element.id)
}

/**
 * The privacy level that applies to an element: `hidden` for secret fields and inside a hidden
 * subtree, else the nearest `data-actiontrail-privacy` on it or an ancestor (through shadow
 * roots), else the default.
 */
export function privacyOf(element: Element, defaultLevel: PrivacyLevel): ElementPrivacy {
  // A hidden subtree stays hidden whatever its descendants say.
  if (isSecretField(element) || composedClosest(element, `[${ATTRIBUTE}=hidden]`)) return 'hidden'
  const marked = composedClosest(element, `[${ATTRIBUTE}]`)
  const level = marked?.getAttribute(ATTRIBUTE)?.trim()
  return level && LEVELS.includes(level) ? (level as ElementPrivacy) : defaultLevel
}
