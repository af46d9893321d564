import { lazy, type ReactNode, StrictMode } from 'react'
import { Link, Navigate, Outlet, Route, useParams } from 'react-router'
import { ActiontrailProvider } from '../../src'
import { TrackedRoutes, useTrackedNavigate } from '../../src/router'
import { later, render, type Tracker } from './harness'

/** A button that moves on through useTrackedNavigate. */
export function Go({ to, children }: { to: string; children: string }) {
  const navigate = useTrackedNavigate()
  return (
    <button type="button" onClick={() => navigate(to)}>
      {children}
    </button>
  )
}

/** The shop's frame: the nav every router style has, then `children` (more nav), then the page. */
export function Layout({ children }: { children?: ReactNode }) {
  return (
    <>
      <nav>
        <Link to="/products/7">Shoes</Link>
        <Link to="/cart">Cart</Link>
        <Link to="/files/docs/a.txt">Files</Link>
        <Link to="/checkout">Checkout</Link>
        <Link to="/account/orders/12">Order</Link>
        <Link to="/products/7/reviews">Reviews</Link>
        <Go to="/products/9">Go to product 9</Go>
        <Go to="/checkout">Go to checkout</Go>
        {children}
      </nav>
      <main>
        <Outlet />
      </main>
    </>
  )
}

function Product() {
  return <h1>Product {useParams().id}</h1>
}

/** How long the reviews page takes to load its code. */
export const REVIEWS_LOAD_MS = 400

/**
 * A page whose code loads on first visit: the router renders it that long after the URL changed,
 * while the page shows no activity at all.
 */
const Reviews = lazy(() => later(REVIEWS_LOAD_MS, { default: () => <h1>Reviews</h1> }))

function Order() {
  return <h1>Order {useParams().orderId}</h1>
}

/** An account section that declares its own routes, below `/account/*`. */
function Account() {
  return (
    <TrackedRoutes>
      <Route index element={<h1>Account</h1>} />
      <Route path="orders/:orderId" element={<Order />} />
    </TrackedRoutes>
  )
}

/**
 * The pages every router style has, to place below the layout route: nested paths, a splat, a
 * `<Navigate>` redirect and a section with descendant routes. JSX, which both styles take.
 */
export const pages = (
  <>
    <Route index element={<h1>Products</h1>} />
    <Route path="products">
      <Route path=":id" element={<Product />} />
      <Route path=":id/reviews" element={<Reviews />} />
    </Route>
    <Route path="cart" element={<h1>Cart</h1>} />
    <Route path="files/*" element={<h1>Files</h1>} />
    <Route path="checkout" element={<Navigate replace to="/cart" />} />
    <Route path="account/*" element={<Account />} />
  </>
)

/** Renders `router` (the shop in some router) below a provider of `tracker`. */
export function renderShop(tracker: Tracker, router: ReactNode, strict = false) {
  const tree = <ActiontrailProvider tracker={tracker}>{router}</ActiontrailProvider>
  render(strict ? <StrictMode>{tree}</StrictMode> : tree)
}
