import { describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import type { ActionEvent, RouterNavigation } from '../../src'
import { button, sleep, track } from './harness'

/** Renders the new route's content, as a router does once the URL changed. */
const render = (text: string) => {
  const view = document.createElement('main')
  view.textContent = text
  document.body.append(view)
}

/** A tracker with navigation tracking on, past its page-load action. */
async function routed() {
  const tracked = track({ trackNavigation: true })
  await tracked.eventFor(location.pathname)
  return tracked
}

const navigations = (events: ActionEvent[]) => events.filter((e) => e.action.type === 'navigation')

describe('startNavigation: navigations started by a router adapter', () => {
  it('is named after the pattern, takes the URL change that follows and waits for rendered()', async () => {
    const { tracker, events, eventFor } = await routed()
    const from = location.href
    let navigation: RouterNavigation | undefined
    await userEvent.click(
      button('Blue shoes', () => {
        navigation = tracker.startNavigation('/products/:id', '/products/7')
        history.pushState({}, '', '/products/7')
      }),
    )
    const click = await eventFor('Blue shoes')
    expect(click.action.complete_reason).toBe('interrupted_by_navigation')
    // The route is still loading: the router holds the navigation open.
    await sleep(300)
    expect(navigation?.state).toBe('active')
    render('Blue shoes')
    navigation?.rendered('/products/:id')
    const event = await eventFor('/products/:id')
    expect(navigations(events)).toHaveLength(2) // the page load, then this one
    expect(event.action).toMatchObject({
      complete_reason: 'completed',
      navigation: {
        from,
        to: `${location.origin}/products/7`,
        method: 'push',
        trigger: click.action.id,
      },
    })
    expect(event.view).toMatchObject({ path: '/products/7', route: '/products/:id' })
    expect(event.action.duration).toBeGreaterThanOrEqual(300)
    // What follows happens on that route.
    await userEvent.click(button('Add to cart'))
    expect((await eventFor('Add to cart')).view.route).toBe('/products/:id')
  })

  it('takes over a back/forward navigation detected before the router heard of it', async () => {
    const { tracker, events, eventFor } = await routed()
    history.pushState({}, '', '/products/7')
    history.pushState({}, '', '/cart')
    await expect.poll(() => navigations(events).length).toBe(3)
    history.back()
    await expect.poll(() => location.pathname).toBe('/products/7')
    // The router reacts to the same popstate, after the tracker did.
    const navigation = tracker.startNavigation('/products/:id', location.href)
    navigation.rendered('/products/:id')
    const event = await eventFor('/products/:id')
    expect(event.action.id).toBe(navigation.id)
    expect(event.action.navigation?.method).toBe('popstate')
    await sleep(200)
    expect(navigations(events)).toHaveLength(4)
  })

  it('a router navigation replaced before its URL changed is failed as cancelled', async () => {
    const { tracker, eventFor } = await routed()
    const first = tracker.startNavigation('/products/:id', '/products/7')
    const second = tracker.startNavigation('/cart', '/cart')
    history.pushState({}, '', '/cart')
    second.rendered('/cart')
    const cancelled = await eventFor(first.id)
    expect(cancelled.action).toMatchObject({
      name: '/products/:id',
      complete_reason: 'interrupted_by_navigation',
      navigation: { failure: 'cancelled', to: `${location.origin}/products/7` },
    })
    const done = await eventFor(second.id)
    expect(done.action.navigation).not.toHaveProperty('failure')
    expect(done.action.navigation?.to).toBe(`${location.origin}/cart`)
  })

  it('fail() ends it at once and records why, under the route matched by then', async () => {
    const { tracker, eventFor } = await routed()
    const navigation = tracker.startNavigation('/admin/users', '/admin/users')
    await sleep(50)
    navigation.fail('aborted', '/admin/:section')
    const event = await eventFor('/admin/:section')
    expect(event.view.route).toBe('/admin/:section')
    expect(event.action).toMatchObject({
      complete_reason: 'completed',
      navigation: { failure: 'aborted', method: 'push' },
    })
    expect(event.action.duration).toBeGreaterThanOrEqual(40)
    expect(location.pathname).not.toBe('/admin')
  })

  it('a redirect (replaceState before the route rendered) continues the same navigation', async () => {
    const { tracker, events, eventFor } = await routed()
    const navigation = tracker.startNavigation('/checkout', '/checkout')
    history.pushState({}, '', '/checkout')
    history.replaceState({}, '', '/cart') // a guard sent the user to the cart
    render('Your cart')
    navigation.rendered('/cart')
    const event = await eventFor('/cart')
    expect(event.action.id).toBe(navigation.id)
    expect(event.action.navigation).toMatchObject({ to: `${location.origin}/cart`, method: 'push' })
    await sleep(200)
    expect(navigations(events)).toHaveLength(2)
  })

  it('declarative routers: a redirect before setRoute continues the detected navigation', async () => {
    const { tracker, events, eventFor } = await routed()
    tracker.setRoute('/') // an adapter reports routes
    history.pushState({}, '', '/checkout')
    history.replaceState({}, '', '/cart')
    tracker.setRoute('/cart')
    const event = await eventFor('/cart')
    expect(event.action.navigation).toMatchObject({ to: `${location.origin}/cart`, method: 'push' })
    await sleep(200)
    expect(navigations(events)).toHaveLength(2)
  })

  it('declarative routers: a detected navigation waits for its route, however late it renders', async () => {
    const { tracker, events, eventFor } = await routed()
    tracker.setRoute('/') // an adapter reports routes
    history.pushState({}, '', '/products/7')
    // The route's code is still loading: the page is quiet, yet the navigation is not over.
    await sleep(500)
    expect(navigations(events)).toHaveLength(1)
    render('Blue shoes')
    tracker.setRoute('/products/:id')
    const event = await eventFor('/products/:id')
    expect(event.action).toMatchObject({
      complete_reason: 'completed',
      navigation: { method: 'push' },
    })
    expect(event.action.duration).toBeGreaterThanOrEqual(500)
  })

  it('a URL change the router never renders completes after the wait, no longer than it was', async () => {
    const { tracker, events, eventFor } = await routed()
    tracker.setRoute('/')
    history.pushState({}, '', '/not-a-route') // the app moved the URL behind the router's back
    await sleep(1000)
    expect(navigations(events)).toHaveLength(1)
    const event = await eventFor('/not-a-route')
    // Nothing happened on the page: the wait is not counted as the navigation's activity.
    expect(event.action.complete_reason).toBe('no_activity')
    expect(event.action.duration).toBeUndefined()
  })

  it('a router redirecting a back/forward move with pushState continues the same navigation', async () => {
    const { tracker, events, eventFor } = await routed()
    history.pushState({}, '', '/checkout')
    history.pushState({}, '', '/confirmation/7')
    await expect.poll(() => navigations(events).length).toBe(3)
    history.back()
    await expect.poll(() => location.pathname).toBe('/checkout')
    const navigation = tracker.startNavigation('/checkout', location.href)
    history.pushState({}, '', '/cart') // the guard sends the user to the cart
    navigation.rendered('/cart')
    const event = await eventFor('/cart')
    expect(event.action.id).toBe(navigation.id)
    expect(event.action.navigation).toMatchObject({ method: 'popstate', to: location.href })
    await sleep(200)
    expect(navigations(events)).toHaveLength(4)
  })

  it('sees back/forward before the listeners of a router created earlier', async () => {
    // A router that redirects from its own popstate listener, added before the tracker exists.
    const redirect = () => {
      if (location.pathname === '/checkout') history.replaceState({}, '', '/cart')
    }
    window.addEventListener('popstate', redirect)
    try {
      const { tracker, events, eventFor } = await routed()
      tracker.setRoute('/')
      history.pushState({}, '', '/checkout')
      tracker.setRoute('/checkout')
      history.pushState({}, '', '/confirmation/7')
      tracker.setRoute('/confirmation/:id')
      await expect.poll(() => navigations(events).length).toBe(3)
      history.back()
      await expect.poll(() => location.pathname).toBe('/cart')
      tracker.setRoute('/cart')
      const event = await eventFor('/cart')
      expect(event.action.navigation).toMatchObject({ method: 'popstate', to: location.href })
      await sleep(200)
      expect(navigations(events)).toHaveLength(4)
    } finally {
      window.removeEventListener('popstate', redirect)
    }
  })

  it('a router hearing back/forward first may start its navigation before the tracker saw the move', async () => {
    let navigation: RouterNavigation | undefined
    let tracker: ReturnType<typeof track>['tracker'] | undefined
    const router = () => {
      navigation = tracker?.startNavigation('/products/:id', location.href)
    }
    window.addEventListener('popstate', router)
    try {
      const tracked = await routed()
      tracker = tracked.tracker
      const { events, eventFor } = tracked
      history.pushState({}, '', '/products/7')
      const from = `${location.origin}/products/7`
      history.pushState({}, '', '/cart')
      await expect.poll(() => navigations(events).length).toBe(3)
      history.back()
      await expect.poll(() => navigation).toBeDefined()
      navigation?.rendered('/products/:id')
      const event = await eventFor('/products/:id')
      expect(event.action.navigation).toMatchObject({
        method: 'popstate',
        from: `${location.origin}/cart`,
        to: from,
      })
      await sleep(200)
      expect(navigations(events)).toHaveLength(4)
    } finally {
      window.removeEventListener('popstate', router)
    }
  })

  it('the page load takes a replaceState made while it loads (a router fixing up the URL)', async () => {
    const { events, eventFor } = track({ trackNavigation: true })
    const loaded = location.pathname
    history.replaceState({}, '', `${loaded}#/`)
    const event = await eventFor(loaded)
    expect(event.action.navigation).toMatchObject({ method: 'load', to: location.href })
    await sleep(200)
    expect(navigations(events)).toHaveLength(1)
  })

  it('without an adapter a replaceState stays a navigation of its own', async () => {
    const { events } = await routed()
    history.pushState({}, '', '/checkout')
    history.replaceState({}, '', '/cart')
    await expect.poll(() => navigations(events).length).toBe(3)
    expect(navigations(events)[2]?.action.navigation?.method).toBe('replace')
  })

  it('does nothing when navigation tracking is off', async () => {
    const { tracker, events } = track()
    const navigation = tracker.startNavigation('/cart', '/cart')
    expect(navigation.state).toBe('complete')
    navigation.rendered('/cart')
    navigation.fail('error')
    await sleep(200)
    expect(events).toHaveLength(0)
  })
})
