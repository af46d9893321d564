import { StrictMode } from 'react'
import {
  BrowserRouter,
  Link,
  MemoryRouter,
  Navigate,
  Outlet,
  Route,
  useLocation,
  useParams,
} from 'react-router'
import { describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { ActiontrailProvider } from '../../src'
import { TrackedRoutes, useTrackedNavigate } from '../../src/router'
import { heading, render, sleep, type Tracker, track } from './harness'

function Layout() {
  const navigate = useTrackedNavigate()
  return (
    <>
      <nav>
        <Link to="/products/7">Shoes</Link>
        <Link to="/cart">Cart</Link>
        <Link to="/files/docs/a.txt">Files</Link>
        <Link to="/checkout">Checkout</Link>
        <Link to="/account/orders/12">Order</Link>
        <button type="button" onClick={() => navigate('/products/9')}>
          Go to product 9
        </button>
        <button type="button" onClick={() => navigate('/checkout')}>
          Go to checkout
        </button>
      </nav>
      <Outlet />
    </>
  )
}

function Product() {
  return <h1>Product {useParams().id}</h1>
}

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

/** The routes; re-rendered on every navigation (it reads the location), as many app roots are. */
function Shop() {
  useLocation()
  return (
    <TrackedRoutes>
      <Route path="/" element={<Layout />}>
        <Route index element={<h1>Products</h1>} />
        <Route path="products">
          <Route path=":id" element={<Product />} />
        </Route>
        <Route path="cart" element={<h1>Cart</h1>} />
        <Route path="files/*" element={<h1>Files</h1>} />
        <Route path="checkout" element={<Navigate replace to="/cart" />} />
        <Route path="account/*" element={<Account />} />
      </Route>
    </TrackedRoutes>
  )
}

function app(tracker: Tracker, { memory = false, strict = false } = {}) {
  const router = memory ? (
    <MemoryRouter>
      <Shop />
    </MemoryRouter>
  ) : (
    <BrowserRouter>
      <Shop />
    </BrowserRouter>
  )
  const tree = <ActiontrailProvider tracker={tracker}>{router}</ActiontrailProvider>
  render(strict ? <StrictMode>{tree}</StrictMode> : tree)
}

/** Clicks the link or button with this text, once it is on the page. */
const link = async (text: string) => {
  const withText = () =>
    [...document.querySelectorAll<HTMLElement>('a, button')].find((e) => e.textContent === text)
  await expect.poll(withText).toBeDefined()
  await userEvent.click(withText() as HTMLElement)
}

describe('TrackedRoutes (declarative routes)', () => {
  it('names the page load and link navigations after the joined pattern', async () => {
    const { tracker, eventFor, eventWhere } = track('/cart')
    app(tracker)
    await heading('Cart')
    const load = await eventWhere((e) => e.action.navigation?.method === 'load')
    expect(load.action.name).toBe('/cart')
    await link('Shoes')
    await heading('Product 7')
    const navigation = await eventFor('/products/:id')
    expect(navigation.action.navigation?.trigger).toBe((await eventFor('Shoes')).action.id)
    expect(navigation.view.route).toBe('/products/:id')
  })

  it('keeps the * of a splat route', async () => {
    const { tracker, eventFor } = track()
    app(tracker)
    await link('Files')
    await heading('Files')
    expect((await eventFor('/files/*')).view.path).toBe('/files/docs/a.txt')
  })

  it('joins the patterns of a descendant <TrackedRoutes> to its parent route', async () => {
    const { tracker, eventFor, navigations } = track()
    app(tracker)
    await link('Order')
    await heading('Order 12')
    await eventFor('/account/orders/:orderId')
    await sleep(300)
    expect(navigations().map((e) => e.action.name)).toEqual(['/', '/account/orders/:orderId'])
  })

  it('names back and forward moves after the route they return to', async () => {
    const { tracker, eventWhere } = track()
    app(tracker)
    await link('Shoes')
    await heading('Product 7')
    await link('Cart')
    await heading('Cart')
    history.back()
    await heading('Product 7')
    const back = await eventWhere((e) => e.action.navigation?.method === 'popstate')
    expect(back.action.name).toBe('/products/:id')
    history.forward()
    await heading('Cart')
    const forward = await eventWhere(
      (e) => e.action.navigation?.method === 'popstate' && e.action.id !== back.action.id,
    )
    expect(forward.action.name).toBe('/cart')
  })

  it('names a <Navigate replace> redirect after the route it lands on, as one navigation', async () => {
    const { tracker, eventFor, navigations } = track()
    app(tracker)
    await heading('Products')
    await link('Checkout')
    await heading('Cart')
    await eventFor('/cart')
    await sleep(300)
    expect(navigations().map((e) => e.action.name)).toEqual(['/', '/cart'])
  })

  it('useTrackedNavigate names its navigation, also when the target redirects', async () => {
    const { tracker, eventFor, navigations } = track()
    app(tracker)
    await link('Go to product 9')
    await heading('Product 9')
    const navigation = await eventFor('/products/:id')
    expect(navigation.action.navigation?.trigger).toBe(
      (await eventFor('Go to product 9')).action.id,
    )
    expect(navigation.action.complete_reason).toBe('completed')
    await link('Go to checkout')
    await heading('Cart')
    await eventFor('/cart')
    await sleep(300)
    expect(navigations().map((e) => e.action.name)).toEqual(['/', '/products/:id', '/cart'])
  })

  it('tracks a memory router, which never touches the URL', async () => {
    const { tracker, eventFor, navigations } = track()
    const page = location.href
    app(tracker, { memory: true })
    await link('Shoes')
    await heading('Product 7')
    await link('Go to checkout')
    await heading('Cart')
    await eventFor('/cart')
    await sleep(300)
    expect(location.href).toBe(page)
    expect(navigations().map((e) => e.action.name)).toEqual(['/', '/products/:id', '/cart'])
  })

  it('under StrictMode, every navigation is recorded once', async () => {
    const { tracker, eventFor, navigations } = track()
    app(tracker, { strict: true })
    await link('Shoes')
    await heading('Product 7')
    await link('Go to checkout')
    await heading('Cart')
    await eventFor('/cart')
    await sleep(300)
    expect(navigations().map((e) => e.action.name)).toEqual(['/', '/products/:id', '/cart'])
  })
})
