import { expect, it } from 'vitest'
import { heading, link, type Tracker, track } from './harness'
import { REVIEWS_LOAD_MS } from './shop'

/** How a router style (data router, declarative routes) shows the shop. */
export interface RouterStyle {
  /** Renders the shop, tracked by `tracker`. */
  render(tracker: Tracker, options?: ShopOptions): void
}

export interface ShopOptions {
  /** In a memory router, which leaves the URL alone, instead of on the browser's history. */
  memory?: boolean
  /** Under `<StrictMode>`. */
  strict?: boolean
}

/** Opens the shop in `style` at `path`, with a tracker whose events the test reads. */
export function openShop(style: RouterStyle, options: ShopOptions = {}, path = '/') {
  const session = track(path)
  style.render(session.tracker, options)
  return session
}

/** Follows the Shoes link, then the button that navigates to /checkout, which redirects. */
async function shoesThenCheckout({ eventFor, navigationNamesUntil }: ReturnType<typeof track>) {
  await link('Shoes')
  await heading('Product 7')
  expect((await eventFor('/products/:id')).action.navigation?.to).toMatch(/\/products\/7$/)
  await link('Go to checkout')
  await heading('Cart')
  expect(await navigationNamesUntil('/cart')).toEqual(['/', '/products/:id', '/cart'])
}

/**
 * The route tracking every router style must do, as tests for the current `describe`: the
 * style-specific files add what only their style has.
 */
export function routeTrackingTests(style: RouterStyle) {
  it('names the page load after its route pattern', async () => {
    const { eventWhere } = openShop(style, {}, '/products/3')
    await heading('Product 3')
    const load = await eventWhere((e) => e.action.navigation?.method === 'load')
    expect(load.action.name).toBe('/products/:id')
    expect(load.view.route).toBe('/products/:id')
  })

  it('names a link navigation after the joined pattern, triggered by the click', async () => {
    const { eventFor } = openShop(style)
    await heading('Products')
    await link('Shoes')
    await heading('Product 7')
    const navigation = await eventFor('/products/:id')
    const click = await eventFor('Shoes')
    expect(navigation.action).toMatchObject({
      type: 'navigation',
      complete_reason: 'completed',
      navigation: { method: 'push', trigger: click.action.id },
    })
    expect(navigation.action.navigation?.to).toMatch(/\/products\/7$/)
    expect(navigation.view.route).toBe('/products/:id')
    // What follows happens on that route.
    await link('Cart')
    expect((await eventFor('Cart')).view.route).toBe('/products/:id')
    expect((await eventFor('/cart')).view.route).toBe('/cart')
  })

  it('names a navigation whose route renders after the page went quiet (a lazy page)', async () => {
    const { eventFor } = openShop(style)
    await heading('Products')
    await link('Reviews')
    await heading('Reviews')
    const navigation = await eventFor('/products/:id/reviews')
    expect(navigation.view.route).toBe('/products/:id/reviews')
    expect(navigation.action.complete_reason).toBe('completed')
    // It lasts until the page rendered, not until the page first went quiet.
    expect(navigation.action.duration).toBeGreaterThanOrEqual(REVIEWS_LOAD_MS - 20)
  })

  it('keeps the * of a splat route', async () => {
    const { eventFor } = openShop(style)
    await link('Files')
    await heading('Files')
    expect((await eventFor('/files/*')).view.path).toBe('/files/docs/a.txt')
  })

  it('joins the patterns of a descendant <TrackedRoutes> to its parent route', async () => {
    const { navigationNamesUntil } = openShop(style)
    await link('Order')
    await heading('Order 12')
    const names = await navigationNamesUntil('/account/orders/:orderId')
    expect(names).toEqual(['/', '/account/orders/:orderId'])
  })

  it('names back and forward moves after the route they return to', async () => {
    const { eventWhere } = openShop(style)
    await link('Shoes')
    await heading('Product 7')
    await link('Cart')
    await heading('Cart')
    history.back()
    await heading('Product 7')
    const back = await eventWhere((e) => e.action.navigation?.method === 'popstate')
    expect(back.action.name).toBe('/products/:id')
    expect(back.action.navigation).not.toHaveProperty('trigger')
    history.forward()
    await heading('Cart')
    const forward = await eventWhere(
      (e) => e.action.navigation?.method === 'popstate' && e.action.id !== back.action.id,
    )
    expect(forward.action.name).toBe('/cart')
  })

  it('names a <Navigate replace> redirect after the route it lands on, as one navigation', async () => {
    const { navigationNamesUntil } = openShop(style)
    await heading('Products')
    await link('Checkout')
    await heading('Cart')
    expect(await navigationNamesUntil('/cart')).toEqual(['/', '/cart'])
  })

  it('useTrackedNavigate starts the navigation named after the target route', async () => {
    const { eventFor } = openShop(style)
    await link('Go to product 9')
    await heading('Product 9')
    const navigation = await eventFor('/products/:id')
    expect(navigation.action.navigation?.trigger).toBe(
      (await eventFor('Go to product 9')).action.id,
    )
    expect(navigation.action.complete_reason).toBe('completed')
    expect(navigation.action.navigation?.to).toMatch(/\/products\/9$/)
  })

  it('useTrackedNavigate to a redirecting route gives one navigation, named where it lands', async () => {
    await shoesThenCheckout(openShop(style))
  })

  it('tracks a memory router, which never touches the URL', async () => {
    const session = openShop(style, { memory: true })
    const page = location.href
    await shoesThenCheckout(session)
    expect(location.href).toBe(page)
  })

  it('under StrictMode, every navigation is recorded once', async () => {
    await shoesThenCheckout(openShop(style, { strict: true }))
  })
}
