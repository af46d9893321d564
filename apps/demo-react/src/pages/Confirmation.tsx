import { useEffect } from 'react'
import { Link, useParams } from 'react-router'
import { useCheckoutFlow } from '../checkoutFlow'

export function Confirmation() {
  const { orderId } = useParams()
  const checkout = useCheckoutFlow()
  // The order is placed: the Checkout flow, if it is open, has succeeded.
  useEffect(() => {
    checkout.finish()
  }, [checkout])
  return (
    <>
      <h1>Thank you</h1>
      <p>Order {orderId} is on its way.</p>
      <Link to="/">Continue shopping</Link>
    </>
  )
}
