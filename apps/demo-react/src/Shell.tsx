import { useUserAction } from '@actiontrail/react'
import { Link, Outlet } from 'react-router'
import { RecentActions } from './RecentActions'
import { useCartLines } from './useCart'

/** Header, the page of the current route, and the recent-actions panel. */
export function Shell() {
  const checkout = useUserAction('Checkout')
  const count = useCartLines().reduce((sum, line) => sum + line.quantity, 0)
  return (
    <>
      <header>
        <Link to="/">Actiontrail shop</Link>
        <nav>
          <Link to="/cart" data-action-name="Cart">
            Cart ({count})
          </Link>
        </nav>
      </header>
      <main>
        <Outlet context={checkout} />
      </main>
      <RecentActions />
    </>
  )
}
