import type { ActionEvent } from '@actiontrail/core'
import { describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { createApp, defineComponent, h, onMounted, ref } from 'vue'
import {
  createMemoryHistory,
  createRouter,
  createWebHashHistory,
  createWebHistory,
  onBeforeRouteLeave,
  type RouteRecordRaw,
  type RouterHistory,
  RouterView,
} from 'vue-router'
import { eventFor, find, load, mountApp, sleep, track, waitFor } from './harness'

/** A page that shows `title` at once. */
const page = (title: string) => defineComponent({ render: () => h('h1', title) })

/** A product page that loads its data (300 ms) before it shows it, as the shop does. */
const ProductPage = defineComponent({
  setup() {
    const loaded = ref(false)
    onMounted(() => load(300).then(() => (loaded.value = true)))
    return () => h('h1', loaded.value ? 'Blue shoes' : 'Loading…')
  },
})

const App = defineComponent({
  template: `
    <nav>
      <RouterLink to="/products/7">Blue shoes</RouterLink>
      <RouterLink to="/checkout">Checkout</RouterLink>
    </nav>
    <main><RouterView /></main>
    <button type="button">Something else</button>`,
})

const shopRoutes: RouteRecordRaw[] = [
  { path: '/', component: page('Products') },
  {
    path: '/products',
    component: { render: () => h('section', [h(RouterView)]) },
    children: [
      { path: '', component: page('All products') },
      { path: ':id(\\d+)', component: ProductPage },
    ],
  },
  { path: '/cart', component: page('Cart') },
  { path: '/old-cart', redirect: '/cart' },
  { path: '/checkout', component: page('Checkout') },
  { path: '/:pathMatch(.*)*', component: page('Not found') },
]

/**
 * The app at `start` with navigation tracking on and the router connected, once the router has
 * finished its first navigation. `prepare` adds guards and routes before the plugin is installed.
 */
async function shop({
  start = '/',
  routes = shopRoutes,
  history = createWebHistory,
  prepare,
}: {
  start?: string
  routes?: RouteRecordRaw[]
  /** Created after the tracker; a RouterHistory made earlier listens to popstate first. */
  history?: RouterHistory | (() => RouterHistory)
  prepare?: (router: ReturnType<typeof createRouter>) => void
} = {}) {
  window.history.replaceState(null, '', start)
  const tracked = track({ trackNavigation: true })
  const routerHistory = typeof history === 'function' ? history() : history
  routerHistory.replace(start)
  const router = createRouter({ history: routerHistory, routes })
  prepare?.(router)
  const app = mountApp(App, { tracker: tracked.tracker, router }, (created) => created.use(router))
  await router.isReady()
  // The page load: the tracker detected it on its own.
  await waitFor(tracked.events, (e) => e.action.navigation?.method === 'load')
  const navigations = () =>
    tracked.events.filter(
      (e) => e.action.type === 'navigation' && e.action.navigation?.method !== 'load',
    )
  return { ...tracked, app, router, navigations }
}

const failureOf = (event: ActionEvent) => event.action.navigation?.failure

describe('vue-router integration', () => {
  it('a link click: one navigation named after the pattern, triggered by the click, open until the page settled', async () => {
    const { events, navigations } = await shop()
    await userEvent.click(find('a[href="/products/7"]'))
    const navigation = await eventFor(events, '/products/:id')
    const click = await eventFor(events, 'Blue shoes')
    expect(navigation.action).toMatchObject({
      type: 'navigation',
      complete_reason: 'completed',
      navigation: { method: 'push', to: `${location.origin}/products/7`, trigger: click.action.id },
    })
    expect(click.action.complete_reason).toBe('interrupted_by_navigation')
    // The product's data request happened inside the navigation, which waited for it.
    expect(navigation.action.counts.requests).toBe(1)
    expect(navigation.action.duration).toBeGreaterThanOrEqual(300)
    expect(navigations()).toHaveLength(1)

    await userEvent.click(find('button'))
    const next = await eventFor(events, 'Something else')
    expect(next.view).toMatchObject({ path: '/products/7', route: '/products/:id' })
  })

  it('names nested, catch-all and record-redirected routes by their patterns', async () => {
    const { router, navigations } = await shop()
    await router.push('/products')
    await router.push('/no/such/page')
    await router.push('/old-cart')
    await expect
      .poll(() => navigations().map((e) => e.action.name))
      .toEqual(['/products', '/*', '/cart'])
    expect(navigations()[2]?.action.navigation?.to).toBe(`${location.origin}/cart`)
  })

  it('reports the route of the first page to the page-load action and what follows', async () => {
    const { events, navigations } = await shop({ start: '/products/7' })
    const pageLoad = await waitFor(events, (e) => e.action.navigation?.method === 'load')
    expect(pageLoad.action.name).toBe('/products/:id')
    await userEvent.click(find('button'))
    const click = await eventFor(events, 'Something else')
    expect(click.view.route).toBe('/products/:id')
    expect(navigations()).toEqual([])
  })

  it('a guard that aborts: the navigation ends with failure aborted and the URL stays', async () => {
    const { events, router } = await shop({
      prepare: (r) => r.beforeEach((to) => to.path !== '/checkout'),
    })
    await router.push('/checkout')
    const navigation = await eventFor(events, '/checkout')
    expect(failureOf(navigation)).toBe('aborted')
    expect(location.pathname).toBe('/')
  })

  it('a guard that redirects: one navigation, named after the final route', async () => {
    const { events, router, navigations } = await shop({
      routes: [
        ...shopRoutes.filter((r) => r.path !== '/checkout'),
        { path: '/checkout', component: page('Checkout'), beforeEnter: () => '/cart' },
      ],
    })
    await userEvent.click(find('a[href="/checkout"]'))
    const navigation = await eventFor(events, '/cart')
    expect(location.pathname).toBe('/cart')
    expect(navigation.action.navigation).toMatchObject({ to: `${location.origin}/cart` })
    expect(failureOf(navigation)).toBeUndefined()
    await sleep(200)
    expect(navigations().map((e) => e.action.name)).toEqual(['/cart'])
    expect(router.currentRoute.value.path).toBe('/cart')
  })

  it('a guard that throws: failure error', async () => {
    const { events, router } = await shop({
      prepare: (r) =>
        r.beforeEach((to) => {
          if (to.path === '/cart') throw new Error('cart service down')
        }),
    })
    await expect(router.push('/cart')).rejects.toThrow('cart service down')
    const navigation = await eventFor(events, '/cart')
    expect(failureOf(navigation)).toBe('error')
  })

  it('a newer navigation cancels one still in its guards', async () => {
    const { events, router } = await shop({
      routes: [
        ...shopRoutes.filter((r) => r.path !== '/checkout'),
        {
          path: '/checkout',
          component: page('Checkout'),
          beforeEnter: async () => {
            await sleep(300)
          },
        },
      ],
    })
    const slow = router.push('/checkout')
    await sleep(50)
    await router.push('/cart')
    await slow
    const cancelled = await eventFor(events, '/checkout')
    const cart = await eventFor(events, '/cart')
    expect(failureOf(cancelled)).toBe('cancelled')
    expect(cart.action.complete_reason).toBe('completed')
    expect(failureOf(cart)).toBeUndefined()
    expect(location.pathname).toBe('/cart')
  })

  it('a navigation cancelled before our guard saw it leaves the newer one alone', async () => {
    // Leave guards run before global guards: here the first navigation waits in one and is
    // cancelled there, unseen by the integration.
    const Form = defineComponent({
      setup() {
        onBeforeRouteLeave(() => sleep(300).then(() => true))
        return () => h('form', 'Unsaved changes')
      },
    })
    const { events, router, navigations } = await shop({
      start: '/form',
      routes: [...shopRoutes, { path: '/form', component: Form }],
    })
    const first = router.push('/cart')
    await sleep(50)
    await router.push('/products/7')
    await first
    const product = await eventFor(events, '/products/:id')
    expect(product.action.complete_reason).toBe('completed')
    await sleep(200)
    expect(navigations().map((e) => e.action.name)).toEqual(['/products/:id'])
  })

  it('a lazy route: the navigation stays open while its component loads', async () => {
    const { events, router } = await shop({
      routes: [
        ...shopRoutes,
        { path: '/lazy', component: () => sleep(400).then(() => page('Loaded late')) },
        { path: '/broken', component: () => Promise.reject(new Error('chunk failed')) },
      ],
    })
    await router.push('/lazy')
    const lazy = await eventFor(events, '/lazy')
    expect(lazy.action.complete_reason).toBe('completed')
    expect(lazy.action.duration).toBeGreaterThanOrEqual(400)

    await expect(router.push('/broken')).rejects.toThrow('chunk failed')
    expect(failureOf(await eventFor(events, '/broken'))).toBe('error')
  })

  it.each(['created after the tracker', 'created before the tracker, so it hears popstate first'])(
    'back and forward, router history %s: one popstate navigation each, named after the pattern',
    async (order) => {
      const early = order.includes('before') ? createWebHistory() : undefined
      const { router, navigations } = await shop({ history: early ?? createWebHistory })
      await router.push('/cart')
      await router.push('/products/7')
      await expect.poll(() => navigations().length).toBe(2)
      router.back()
      await expect.poll(() => navigations().length).toBe(3)
      router.forward()
      await expect.poll(() => navigations().length).toBe(4)
      await sleep(200)
      expect(navigations().map((e) => [e.action.name, e.action.navigation?.method])).toEqual([
        ['/cart', 'push'],
        ['/products/:id', 'push'],
        ['/cart', 'popstate'],
        ['/products/:id', 'popstate'],
      ])
    },
  )

  it.each([
    ['replacing', true],
    ['pushing', false],
  ])(
    'back to a page whose guard redirects (%s): one popstate navigation, named after the final route',
    async (_, replace) => {
      let open = true
      const { router, navigations } = await shop({
        routes: [
          ...shopRoutes.filter((r) => r.path !== '/checkout'),
          {
            path: '/checkout',
            component: page('Checkout'),
            beforeEnter: () => open || { path: '/cart', replace },
          },
        ],
      })
      await router.push('/checkout')
      await router.push('/products/7')
      await expect.poll(() => navigations().length).toBe(2)
      open = false
      router.back()
      await expect.poll(() => location.pathname).toBe('/cart')
      await sleep(500)
      expect(navigations().map((e) => [e.action.name, e.action.navigation?.method])).toEqual([
        ['/checkout', 'push'],
        ['/products/:id', 'push'],
        ['/cart', 'popstate'],
      ])
    },
  )

  it('a first page that redirects: the page-load action, named after the final route', async () => {
    const { events, navigations } = await shop({
      start: '/checkout',
      routes: [
        ...shopRoutes.filter((r) => r.path !== '/checkout'),
        { path: '/checkout', component: page('Checkout'), beforeEnter: () => '/cart' },
      ],
    })
    const load = await waitFor(events, (e) => e.action.navigation?.method === 'load')
    expect(load.action.name).toBe('/cart')
    expect(load.view).toMatchObject({ path: '/cart', route: '/cart' })
    expect(load.action.navigation?.to).toBe(`${location.origin}/cart`)
    await sleep(300)
    expect(navigations()).toHaveLength(0)
  })

  it('a navigation to where the app already is starts nothing', async () => {
    const { router, navigations } = await shop()
    await router.push('/cart')
    await expect.poll(() => navigations().length).toBe(1)
    await router.push('/cart')
    await sleep(200)
    expect(navigations()).toHaveLength(1)
  })

  it('with hash history, navigations are named after the pattern too', async () => {
    const { events, router, navigations } = await shop({ history: createWebHashHistory })
    await router.push('/products/7')
    // (The router's first navigation rewrote / to /#/ before it was ready: that replaceState is
    // the tracker's to judge, not this integration's.)
    const product = await eventFor(events, '/products/:id')
    expect(product.action.navigation).toMatchObject({
      method: 'push',
      to: `${location.origin}/#/products/7`,
    })
    expect(navigations().at(-1)).toBe(product)
  })

  it('with memory history, where the URL never changes, navigations still complete', async () => {
    const { router, navigations } = await shop({ history: createMemoryHistory })
    await router.push('/cart')
    await router.push('/products/7')
    await expect
      .poll(() => navigations().map((e) => e.action.name))
      .toEqual(['/cart', '/products/:id'])
    expect(navigations().map((e) => failureOf(e))).toEqual([undefined, undefined])
  })

  it('unmounting the app disconnects the router', async () => {
    const { app, events, router, navigations } = await shop()
    // A second app keeps the router running once the tracked one is gone.
    const other = createApp(page('Other app')).use(router)
    other.mount(document.body.appendChild(document.createElement('div')))
    app.unmount()
    await router.push('/products/7')
    const raw = await eventFor(events, '/products/7')
    expect(raw.action.navigation?.method).toBe('push')
    expect(navigations().map((e) => e.action.name)).toEqual(['/products/7'])
    other.unmount()
  })
})
