import { useTrackedNavigate } from '@actiontrail/react/router'
import { type CheckoutErrors, cart, placeOrder, validateCheckout } from '@actiontrail/shop-kit'
import { type FormEvent, useState } from 'react'
import { Navigate } from 'react-router'

export function Checkout() {
  const navigate = useTrackedNavigate()
  const [errors, setErrors] = useState<CheckoutErrors>({})
  // Decided on arrival: placing the order empties the cart, and must not redirect this page.
  const [emptyOnArrival] = useState(() => cart.count() === 0)
  if (emptyOnArrival) return <Navigate replace to="/cart" />

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const data = new FormData(event.currentTarget)
    const field = (name: string) => String(data.get(name) ?? '')
    const found = validateCheckout({
      name: field('name'),
      email: field('email'),
      card: field('card'),
    })
    setErrors(found)
    if (Object.keys(found).length > 0) return
    const { orderId } = await placeOrder(cart.lines())
    cart.clear()
    navigate(`/confirmation/${orderId}`)
  }

  const error = (message?: string) => message && <p role="alert">{message}</p>
  return (
    <>
      <h1>Checkout</h1>
      <form aria-label="Checkout" noValidate onSubmit={submit}>
        <label>
          Name <input name="name" autoComplete="name" />
        </label>
        {error(errors.name)}
        <label>
          Email <input name="email" type="email" autoComplete="email" />
        </label>
        {error(errors.email)}
        <label>
          Card number <input name="card" inputMode="numeric" autoComplete="cc-number" />
        </label>
        {error(errors.card)}
        <button type="button" data-action-name="Apply coupon">
          Apply coupon
        </button>
        <button type="submit">Place order</button>
      </form>
    </>
  )
}
