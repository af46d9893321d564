import { StrictMode } from 'react'
import { createBrowserRouter, createMemoryRouter } from 'react-router'
import { describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { ActiontrailProvider } from '../../src'
import { TrackedRouterProvider } from '../../src/router'
import { heading, onCleanup, render, sleep, type Tracker, track } from './harness'
import { gate, LOADER_MS, routes } from './routes'

function app(tracker: Tracker, router = createBrowserRouter(routes), strict = false) {
  const tree = (
    <ActiontrailProvider tracker={tracker}>
      <TrackedRouterProvider router={router} />
    </ActiontrailProvider>
  )
  render(strict ? <StrictMode>{tree}</StrictMode> : tree)
  onCleanup(() => router.dispose())
  return router
}

/** Clicks the link or button with this text, once it is on the page. */
const link = async (text: string) => {
  const withText = () =>
    [...document.querySelectorAll<HTMLElement>('a, button')].find((e) => e.textContent === text)
  await expect.poll(withText).toBeDefined()
  await userEvent.click(withText() as HTMLElement)
}

describe('TrackedRouterProvider (data router)', () => {
  it('names the page load after its route pattern', async () => {
    const { tracker, eventWhere } = track('/products/3')
    app(tracker)
    await heading('Product 3')
    const load = await eventWhere((e) => e.action.navigation?.method === 'load')
    expect(load.action.name).toBe('/products/:id')
    expect(load.view.route).toBe('/products/:id')
  })

  it('names a link navigation after the joined pattern, triggered by the click', async () => {
    const { tracker, eventFor } = track()
    app(tracker)
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

  it('keeps the * of a splat route', async () => {
    const { tracker, eventFor } = track()
    app(tracker)
    await link('Files')
    await heading('Files')
    expect((await eventFor('/files/*')).view.path).toBe('/files/docs/a.txt')
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
    expect(back.action.navigation).not.toHaveProperty('trigger')
    history.forward()
    await heading('Cart')
    const forward = await eventWhere(
      (e) => e.action.navigation?.method === 'popstate' && e.action.id !== back.action.id,
    )
    expect(forward.action.name).toBe('/cart')
  })

  it.each([
    ['before', false],
    ['after', true],
  ])(
    'names a back move to a route that redirects after where it lands, as one navigation (tracker created %s the router)',
    async (_, routerFirst) => {
      // A router created first hears the popstate first, and React 19 renders its update (and the
      // <Navigate> redirect) before the tracker's listener runs: the tracker must catch up.
      history.replaceState(null, '', '/')
      const early = routerFirst ? createBrowserRouter(routes) : undefined
      const { tracker, eventFor, navigations } = track()
      app(tracker, early ?? createBrowserRouter(routes))
      await link('Gate')
      await heading('Gate')
      await link('Shoes')
      await heading('Product 7')
      await eventFor('/products/:id')
      gate.closed = true
      onCleanup(() => {
        gate.closed = false
      })
      history.back()
      await heading('Cart')
      await eventFor('/cart')
      await sleep(300)
      expect(navigations().map((e) => [e.action.name, e.action.navigation?.method])).toEqual([
        ['/', 'load'],
        ['/gate', 'push'],
        ['/products/:id', 'push'],
        ['/cart', 'popstate'],
      ])
    },
  )

  it('starts a navigation that loads data before the URL changes, and ends it after render', async () => {
    const { tracker, eventFor } = track()
    const router = app(tracker)
    await heading('Products')
    const urls: string[] = []
    router.subscribe((state) => {
      if (state.navigation.state === 'loading') urls.push(location.pathname)
    })
    await link('Slow')
    await heading('Slow')
    expect(urls[0]).toBe('/') // the router was loading while the URL had not changed yet
    const navigation = await eventFor('/slow/:id')
    expect(navigation.action.navigation?.to).toMatch(/\/slow\/2$/)
    expect(navigation.action.navigation?.trigger).toBe((await eventFor('Slow')).action.id)
    expect(navigation.action.duration).toBeGreaterThanOrEqual(LOADER_MS - 20)
  })

  it('names a loader redirect after the route it lands on, as one navigation', async () => {
    const { tracker, eventFor, navigations } = track()
    app(tracker)
    await heading('Products')
    await link('Old cart')
    await heading('Cart')
    await eventFor('/cart')
    await sleep(300)
    expect(navigations().map((e) => e.action.name)).toEqual(['/', '/cart'])
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

  it('useTrackedNavigate starts the navigation named after the target route', async () => {
    const { tracker, eventFor } = track()
    app(tracker)
    await link('Go to product 9')
    await heading('Product 9')
    const navigation = await eventFor('/products/:id')
    expect(navigation.action.navigation?.trigger).toBe(
      (await eventFor('Go to product 9')).action.id,
    )
    expect(navigation.action.complete_reason).toBe('completed')
    expect(navigation.action.navigation?.to).toMatch(/\/products\/9$/)
  })

  it('useTrackedNavigate keeps its navigation open until the loaded route rendered', async () => {
    const { tracker, eventFor } = track()
    app(tracker)
    await link('Go slow')
    await heading('Slow')
    const navigation = await eventFor('/slow/:id')
    expect(navigation.action.complete_reason).toBe('completed')
    expect(navigation.action.duration).toBeGreaterThanOrEqual(LOADER_MS - 20)
  })

  it('useTrackedNavigate to a redirecting route gives one navigation, named where it lands', async () => {
    const { tracker, eventFor, navigations } = track()
    app(tracker)
    await heading('Products')
    await link('Go to checkout')
    await heading('Cart')
    await eventFor('/cart')
    await sleep(300)
    expect(navigations().map((e) => e.action.name)).toEqual(['/', '/cart'])
  })

  it('records a navigation whose loader failed as an error', async () => {
    const { tracker, eventFor } = track()
    app(tracker)
    await link('Go to broken')
    await heading('Something went wrong')
    const navigation = await eventFor('/broken')
    expect(navigation.action.navigation?.failure).toBe('error')
    expect(navigation.action.navigation?.to).toMatch(/\/broken$/)
  })

  it('records a navigation a blocker refused as aborted, and stays on the page', async () => {
    const { tracker, eventFor } = track()
    app(tracker)
    await heading('Products')
    await link('Go to blocked')
    const navigation = await eventFor('/blocked')
    expect(navigation.action.navigation?.failure).toBe('aborted')
    expect(location.pathname).toBe('/')
    expect(document.querySelector('h1')?.textContent).toBe('Products')
  })

  it('tracks a memory router, which never touches the URL', async () => {
    const { tracker, eventFor, navigations } = track()
    const page = location.href
    app(tracker, createMemoryRouter(routes))
    await link('Shoes')
    await heading('Product 7')
    await link('Go slow')
    await heading('Slow')
    expect(location.href).toBe(page)
    expect((await eventFor('/products/:id')).action.navigation?.to).toMatch(/\/products\/7$/)
    expect((await eventFor('/slow/:id')).action.duration).toBeGreaterThanOrEqual(LOADER_MS - 20)
    expect(navigations().map((e) => e.action.name)).toEqual(['/', '/products/:id', '/slow/:id'])
  })

  it('under StrictMode, every navigation is recorded once', async () => {
    const { tracker, eventFor, navigations } = track()
    app(tracker, createBrowserRouter(routes), true)
    await link('Shoes')
    await heading('Product 7')
    await link('Go slow')
    await heading('Slow')
    await eventFor('/slow/:id')
    await sleep(300)
    expect(navigations().map((e) => e.action.name)).toEqual(['/', '/products/:id', '/slow/:id'])
  })
})
