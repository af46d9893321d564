import {
  Link,
  Navigate,
  Outlet,
  type RouteObject,
  redirect,
  useBlocker,
  useParams,
} from 'react-router'
import { useTrackedNavigate } from '../../src/router'
import { later } from './harness'

/** How long the `/slow/:id` loader takes. */
export const LOADER_MS = 300

function Layout() {
  const navigate = useTrackedNavigate()
  // A guard: the router refuses every move to /blocked.
  useBlocker(({ nextLocation }) => nextLocation.pathname === '/blocked')
  return (
    <>
      <nav>
        <Link to="/products/7">Shoes</Link>
        <Link to="/cart">Cart</Link>
        <Link to="/files/docs/a.txt">Files</Link>
        <Link to="/checkout">Checkout</Link>
        <Link to="/old-cart">Old cart</Link>
        <Link to="/slow/2">Slow</Link>
        <Link to="/gate">Gate</Link>
        <button type="button" onClick={() => navigate('/products/9')}>
          Go to product 9
        </button>
        <button type="button" onClick={() => navigate('/slow/1')}>
          Go slow
        </button>
        <button type="button" onClick={() => navigate('/blocked')}>
          Go to blocked
        </button>
        <button type="button" onClick={() => navigate('/broken')}>
          Go to broken
        </button>
        <button type="button" onClick={() => navigate('/checkout')}>
          Go to checkout
        </button>
      </nav>
      <main>
        <Outlet />
      </main>
    </>
  )
}

/** Whether `/gate` sends its visitors to the cart, as a checkout with an empty cart does. */
export const gate = { closed: false }

function Gate() {
  return gate.closed ? <Navigate replace to="/cart" /> : <h1>Gate</h1>
}

function Product() {
  return <h1>Product {useParams().id}</h1>
}

/** The shop's routes as a data router takes them: nested, a splat, two kinds of redirect. */
export const routes: RouteObject[] = [
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <h1>Products</h1> },
      { path: 'products', children: [{ path: ':id', element: <Product /> }] },
      { path: 'cart', element: <h1>Cart</h1> },
      { path: 'files/*', element: <h1>Files</h1> },
      { path: 'checkout', element: <Navigate replace to="/cart" /> },
      { path: 'gate', element: <Gate /> },
      { path: 'old-cart', loader: () => redirect('/cart') },
      { path: 'blocked', element: <h1>Blocked</h1> },
      {
        path: 'broken',
        loader: () => Promise.reject(new Error('the shop is closed')),
        element: <h1>Broken</h1>,
        errorElement: <h1>Something went wrong</h1>,
      },
      { path: 'slow/:id', loader: () => later(LOADER_MS, null), element: <h1>Slow</h1> },
    ],
  },
]
