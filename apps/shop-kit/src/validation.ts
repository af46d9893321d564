/** The fields of the checkout form, as typed. */
export interface CheckoutFields {
  name: string
  email: string
  card: string
}

/** One message per invalid field; an empty object means the form can be sent. */
export type CheckoutErrors = Partial<Record<keyof CheckoutFields, string>>

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Luhn checksum: catches a mistyped digit, as a real payment form would. */
function passesLuhn(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return sum % 10 === 0
}

/** Checks the checkout form. Spaces and dashes in the card number are allowed. */
export function validateCheckout(fields: CheckoutFields): CheckoutErrors {
  const errors: CheckoutErrors = {}
  const name = fields.name.trim()
  const email = fields.email.trim()
  const card = fields.card.replace(/[\s-]/g, '')

  if (!name) errors.name = 'Enter your name.'
  if (!email) errors.email = 'Enter your email.'
  else if (!EMAIL.test(email)) errors.email = 'Enter a valid email address.'
  if (!card) errors.card = 'Enter your card number.'
  else if (!/^\d{12,19}$/.test(card) || !passesLuhn(card))
    errors.card = 'Enter a valid card number.'
  return errors
}
