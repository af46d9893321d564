import { describe, expect, it } from 'vitest'
import { validateCheckout } from '../src/validation'

const valid = { name: 'Ada Lovelace', email: 'ada@example.com', card: '4242 4242 4242 4242' }

describe('validateCheckout', () => {
  it('accepts a complete form', () => {
    expect(validateCheckout(valid)).toEqual({})
  })

  it('asks for every field of an empty form', () => {
    expect(validateCheckout({ name: '', email: '', card: '' })).toEqual({
      name: 'Enter your name.',
      email: 'Enter your email.',
      card: 'Enter your card number.',
    })
  })

  it('treats whitespace as empty', () => {
    expect(validateCheckout({ ...valid, name: '   ' })).toEqual({ name: 'Enter your name.' })
  })

  it.each(['ada', 'ada@', '@example.com', 'ada@example', 'ada lovelace@example.com'])(
    'refuses the email %s',
    (email) => {
      expect(validateCheckout({ ...valid, email })).toEqual({
        email: 'Enter a valid email address.',
      })
    },
  )

  it('accepts card numbers written with spaces or dashes', () => {
    expect(validateCheckout({ ...valid, card: '4242-4242-4242-4242' })).toEqual({})
    expect(validateCheckout({ ...valid, card: '4242424242424242' })).toEqual({})
  })

  it.each([
    ['a mistyped digit', '4242 4242 4242 4243'],
    ['letters', '4242 4242 4242 424x'],
    ['too few digits', '42424'],
    ['too many digits', '4'.repeat(20)],
  ])('refuses a card number with %s', (_, card) => {
    expect(validateCheckout({ ...valid, card })).toEqual({ card: 'Enter a valid card number.' })
  })
})
