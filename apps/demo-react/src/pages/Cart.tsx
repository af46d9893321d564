import { useTrackedNavigate } from '@actiontrail/react/router'
import { cart, formatPrice } from '@actiontrail/shop-kit'
import { useCheckoutFlow } from '../checkoutFlow'
import { useCartLines } from '../useCart'

export function Cart() {
  const lines = useCartLines()
  const checkout = useCheckoutFlow()
  const navigate = useTrackedNavigate()
  if (lines.length === 0) {
    return (
      <>
        <h1>Cart</h1>
        <p>Your cart is empty.</p>
      </>
    )
  }
  return (
    <>
      <h1>Cart</h1>
      <ul>
        {lines.map((line) => (
          <li key={line.id}>
            {line.name} × {line.quantity}
          </li>
        ))}
      </ul>
      <p>Total: {formatPrice(cart.total())}</p>
      <button
        type="button"
        onClick={() => {
          // The flow first, so it is open before the navigation it leads to.
          checkout.start({ items: cart.count() })
          navigate('/checkout')
        }}
      >
        Checkout
      </button>
    </>
  )
}
