import {
  createBrowserRouter,
  createMemoryRouter,
  createRoutesFromElements,
  Link,
  Navigate,
  Route,
  redirect,
  useBlocker,
} from 'react-router'
import { describe, expect, it } from 'vitest'
import { TrackedRouterProvider } from '../../src/router'
import { heading, later, link, onCleanup, sleep, type Tracker, track } from './harness'
import { openShop, type RouterStyle, routeTrackingTests } from './routeTracking'
import { Go, Layout, pages, renderShop } from './shop'

/** How long the `/slow/:id` loader takes. */
const LOADER_MS = 300

/** Whether `/gate` sends its visitors to the cart, as a checkout with an empty cart does. */
const gate = { closed: false }

function Gate() {
  return gate.closed ? <Navigate replace to="/cart" /> : <h1>Gate</h1>
}

/** The shop's frame with what only a data router has: a blocker, and routes that load data. */
function DataLayout() {
  // A guard: the router refuses every move to /blocked.
  useBlocker(({ nextLocation }) => nextLocation.pathname === '/blocked')
  return (
    <Layout>
      <Link to="/old-cart">Old cart</Link>
      <Link to="/slow/2">Slow</Link>
      <Link to="/gate">Gate</Link>
      <Go to="/slow/1">Go slow</Go>
      <Go to="/blocked">Go to blocked</Go>
      <Go to="/broken">Go to broken</Go>
    </Layout>
  )
}

const routes = createRoutesFromElements(
  <Route path="/" element={<DataLayout />}>
    {pages}
    <Route path="gate" element={<Gate />} />
    <Route path="old-cart" loader={() => redirect('/cart')} />
    <Route path="blocked" element={<h1>Blocked</h1>} />
    <Route
      path="broken"
      loader={() => Promise.reject(new Error('the shop is closed'))}
      element={<h1>Broken</h1>}
      errorElement={<h1>Something went wrong</h1>}
    />
    <Route path="slow/:id" loader={() => later(LOADER_MS, null)} element={<h1>Slow</h1>} />
  </Route>,
)

/** Renders the shop with `router`, disposed after the test. */
function app(tracker: Tracker, router = createBrowserRouter(routes), strict = false) {
  renderShop(tracker, <TrackedRouterProvider router={router} />, strict)
  onCleanup(() => router.dispose())
  return router
}

const dataRouter: RouterStyle = {
  render: (tracker, { memory = false, strict = false } = {}) => {
    app(tracker, memory ? createMemoryRouter(routes) : createBrowserRouter(routes), strict)
  },
}

describe('TrackedRouterProvider (data router)', () => {
  routeTrackingTests(dataRouter)

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
    const { navigationNamesUntil } = openShop(dataRouter)
    await heading('Products')
    await link('Old cart')
    await heading('Cart')
    expect(await navigationNamesUntil('/cart')).toEqual(['/', '/cart'])
  })

  it.each([
    ['on the browser history', {}],
    ['in a memory router', { memory: true }],
    ['under StrictMode', { strict: true }],
  ])(
    'useTrackedNavigate keeps its navigation open until the loaded route rendered, and records it once, %s',
    async (_, options) => {
      const { eventFor, navigationNamesUntil } = openShop(dataRouter, options)
      await link('Go slow')
      await heading('Slow')
      const navigation = await eventFor('/slow/:id')
      expect(navigation.action.complete_reason).toBe('completed')
      expect(navigation.action.duration).toBeGreaterThanOrEqual(LOADER_MS - 20)
      expect(await navigationNamesUntil('/slow/:id')).toEqual(['/', '/slow/:id'])
    },
  )

  it('records a navigation whose loader failed as an error', async () => {
    const { eventFor } = openShop(dataRouter)
    await link('Go to broken')
    await heading('Something went wrong')
    const navigation = await eventFor('/broken')
    expect(navigation.action.navigation?.failure).toBe('error')
    expect(navigation.action.navigation?.to).toMatch(/\/broken$/)
  })

  it('records a navigation a blocker refused as aborted, and stays on the page', async () => {
    const { eventFor } = openShop(dataRouter)
    await heading('Products')
    await link('Go to blocked')
    const navigation = await eventFor('/blocked')
    expect(navigation.action.navigation?.failure).toBe('aborted')
    expect(location.pathname).toBe('/')
    expect(document.querySelector('h1')?.textContent).toBe('Products')
  })
})
