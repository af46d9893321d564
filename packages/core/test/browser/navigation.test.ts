import { describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import type { ActionEvent } from '../../src'
import { button, load, sleep, track } from './harness'

/** Renders something, as a router does after the URL changed. */
const render = (text: string) => {
  const view = document.createElement('main')
  view.textContent = text
  document.body.append(view)
}

describe('navigation actions', () => {
  it('the page load: from the navigation start until the page settled', async () => {
    const { events } = track({ trackNavigation: true })
    await expect.poll(() => events.length).toBe(1)
    const [event] = events
    const timing = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
    expect(event?.action).toMatchObject({
      type: 'navigation',
      name: location.pathname,
      start: Math.round(performance.timeOrigin),
      complete_reason: 'completed',
      navigation: { from: document.referrer, to: location.href, method: 'load' },
    })
    expect(event?.action.navigation).not.toHaveProperty('trigger')
    expect(event?.action.duration).toBeGreaterThanOrEqual(Math.floor(timing.loadEventEnd))
    expect(event?.action.counts.resources).toBeGreaterThan(0)
  })

  it('pushState starts a navigation named after the new path, with from and to', async () => {
    const { eventFor } = track({ trackNavigation: true })
    await eventFor(location.pathname) // the page load
    const from = location.href
    history.pushState({}, '', '/products/7')
    render('Blue shoes')
    const event = await eventFor('/products/7')
    expect(event.action).toMatchObject({
      type: 'navigation',
      complete_reason: 'completed',
      navigation: { from, to: `${location.origin}/products/7`, method: 'push' },
      counts: { mutations: 1 },
    })
    expect(event.view).toMatchObject({ path: '/products/7', referrer: from })
  })

  it('replaceState to a new URL is a navigation; to the same URL it is not', async () => {
    const { events, eventFor } = track({ trackNavigation: true })
    await eventFor(location.pathname)
    history.replaceState({ scroll: 1 }, '')
    history.replaceState({}, '', '?tab=reviews')
    await expect.poll(() => events.length).toBe(2)
    await sleep(200)
    expect(events).toHaveLength(2)
    const event = events[1] as ActionEvent
    expect(event.action.navigation?.method).toBe('replace')
    expect(event.action.navigation?.to).toContain('?tab=reviews')
    // Nothing rendered: the navigation had no activity at all.
    expect(event.action.complete_reason).toBe('no_activity')
  })

  it('back and forward are popstate navigations without a trigger', async () => {
    const { events } = track({ trackNavigation: true })
    history.pushState({}, '', '/step-1')
    history.pushState({}, '', '/step-2')
    history.back()
    await expect
      .poll(() => events.find((e) => e.action.navigation?.method === 'popstate'))
      .toBeDefined()
    const back = events.find((e) => e.action.navigation?.method === 'popstate')
    expect(back?.action.name).toBe('/step-1')
    expect(back?.action.navigation).not.toHaveProperty('trigger')
  })

  it('a fragment change is one hashchange navigation', async () => {
    const { events } = track({ trackNavigation: true })
    await expect.poll(() => events.length).toBe(1) // the page load
    location.hash = 'reviews'
    await expect.poll(() => events.length).toBe(2)
    await sleep(200)
    expect(events).toHaveLength(2)
    expect(events[1]?.action.navigation).toMatchObject({ method: 'hashchange' })
    expect(events[1]?.action.navigation?.to).toMatch(/#reviews$/)
  })

  it('a click that navigates is the trigger, and the navigation interrupts it', async () => {
    const { eventFor } = track({ trackNavigation: true })
    await eventFor(location.pathname)
    await userEvent.click(
      button('Open cart', () => {
        history.pushState({}, '', '/cart')
        render('Your cart')
      }),
    )
    const navigation = await eventFor('/cart')
    const click = await eventFor('Open cart')
    expect(navigation.action.navigation?.trigger).toBe(click.action.id)
    expect(click.action.complete_reason).toBe('interrupted_by_navigation')
    expect(click.action.interrupted_by).toBe(navigation.action.id)
    // Something happened: a click that navigates is not dead.
    expect(click.action.frustration).toEqual([])
  })

  it('a form submit that navigates is the trigger', async () => {
    const { eventFor } = track({ trackNavigation: true })
    await eventFor(location.pathname)
    const form = document.createElement('form')
    form.id = 'search'
    form.innerHTML = '<input name="q" aria-label="Search"><button>Search</button>'
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      history.pushState({}, '', '/results')
    })
    document.body.append(form)
    form.requestSubmit(form.querySelector('button'))
    const navigation = await eventFor('/results')
    const submit = await eventFor('Search')
    expect(submit.action.type).toBe('form')
    expect(navigation.action.navigation?.trigger).toBe(submit.action.id)
  })

  it('setRoute names the open navigation after the route pattern and fills view.route', async () => {
    const { tracker, events, eventFor } = track({ trackNavigation: true })
    await eventFor(location.pathname)
    history.pushState({}, '', '/products/42')
    tracker.setRoute('/products/:id')
    render('Product 42')
    const navigation = await eventFor('/products/:id')
    expect(navigation.view.route).toBe('/products/:id')
    tracker.startAction('Zoom image').finish()
    expect((await eventFor('Zoom image')).view.route).toBe('/products/:id')
    history.pushState({}, '', '/about')
    tracker.current?.finish()
    await expect.poll(() => events.length).toBe(4)
    expect(events[3]?.action.name).toBe('/about')
    expect(events[3]?.view).not.toHaveProperty('route')
  })

  it('trackNavigation: false and setAutomaticDetection(false) start no navigation actions', async () => {
    const off = track({ trackNavigation: false })
    const paused = track({ trackNavigation: true })
    await expect.poll(() => paused.events.length).toBe(1)
    paused.tracker.setAutomaticDetection(false)
    history.pushState({}, '', '/quiet')
    await load(50)
    await sleep(200)
    expect(off.events).toHaveLength(0)
    expect(paused.events).toHaveLength(1)
    // The view still follows the URL: the next action knows where it happened.
    off.tracker.addAction('Here')
    expect((await off.eventFor('Here')).view.path).toBe('/quiet')
  })
})
