import { describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { button, sleep, slowUrl, track } from './harness'

// Margins: lower bounds are what the page really waited; upper bounds leave a second of slack
// for a loaded 2-core machine.
const SLACK = 1000

describe('how an action ends', () => {
  it('completed: idleTimeout after the last activity, duration up to that activity', async () => {
    const { tracker, eventFor } = track()
    const action = tracker.startAction('Load products')
    await fetch(slowUrl(250))
    const event = await eventFor('Load products')
    expect(event.action.complete_reason).toBe('completed')
    expect(event.action.duration).toBeGreaterThanOrEqual(250)
    expect(event.action.duration).toBeLessThan(250 + SLACK)
    expect(event.action.counts.requests).toBe(1)
    expect(action.state).toBe('complete')
    expect(tracker.current).toBeUndefined()
  })

  it('completed_by_api: finish() ends it, duration runs to the call', async () => {
    const { tracker, eventFor } = track()
    const action = tracker.startAction('Checkout', { autoClose: false })
    await sleep(300)
    action.finish()
    const event = await eventFor('Checkout')
    expect(event.action.complete_reason).toBe('completed_by_api')
    expect(event.action.duration).toBeGreaterThanOrEqual(300)
    expect(event.action.duration).toBeLessThan(300 + SLACK)
  })

  it('interrupted_by_api: startAction() ends the active action', async () => {
    const { tracker, eventFor } = track()
    tracker.startAction('First', { autoClose: false })
    const second = tracker.startAction('Second', { autoClose: false })
    const event = await eventFor('First')
    expect(event.action.complete_reason).toBe('interrupted_by_api')
    expect(event.action.interrupted_by).toBe(second.id)
    expect(tracker.current).toBe(second)
  })

  it('interrupted_by_navigation: a navigation action ends the active action', async () => {
    const { tracker, eventFor } = track()
    tracker.startAction('Open menu')
    const navigation = tracker.startAction('/products/:id', { type: 'navigation' })
    const event = await eventFor('Open menu')
    expect(event.action.complete_reason).toBe('interrupted_by_navigation')
    expect(event.action.interrupted_by).toBe(navigation.id)
  })

  it('interrupted_by_interaction: a click ends the active action', async () => {
    const { tracker, eventFor } = track()
    tracker.startAction('Fill in address')
    tracker.beginActivity() // still busy when the click comes
    await userEvent.click(button('Add to cart'))
    const interrupted = await eventFor('Fill in address')
    const click = await eventFor('Add to cart')
    expect(interrupted.action.complete_reason).toBe('interrupted_by_interaction')
    expect(interrupted.action.interrupted_by).toBe(click.action.id)
    expect(click.action.type).toBe('click')
  })

  it('no_activity: a navigation with nothing happening completes without a duration', async () => {
    const { tracker, eventFor } = track()
    tracker.startAction('/about', { type: 'navigation' })
    const event = await eventFor('/about')
    expect(event.action.complete_reason).toBe('no_activity')
    expect(event.action).not.toHaveProperty('duration')
  })

  it('a custom action with no activity completes without a duration', async () => {
    const { tracker, eventFor } = track()
    tracker.startAction('Nothing happens')
    const event = await eventFor('Nothing happens')
    expect(event.action.complete_reason).toBe('completed')
    expect(event.action).not.toHaveProperty('duration')
  })

  it('page_hide: hiding the page ends the active action', async () => {
    const { tracker, eventFor } = track()
    tracker.startAction('Reading', { autoClose: false })
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }))
    const event = await eventFor('Reading')
    expect(event.action.complete_reason).toBe('page_hide')
  })

  it('page_hide: so does the page becoming hidden (a tab switch, a phone locking)', async () => {
    const { tracker, eventFor } = track()
    tracker.startAction('Comparing', { autoClose: false })
    // Headless Chromium never hides its page; present the state a hidden page reports.
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true })
    try {
      document.dispatchEvent(new Event('visibilitychange'))
    } finally {
      Reflect.deleteProperty(document, 'visibilityState')
    }
    const event = await eventFor('Comparing')
    expect(event.action.complete_reason).toBe('page_hide')
    expect(document.visibilityState).toBe('visible')
  })

  it('timeout: maxDuration ends an action that never goes idle', async () => {
    const { tracker, eventFor } = track({ maxDuration: 400 })
    tracker.startAction('Upload')
    tracker.beginActivity() // never released
    const started = performance.now()
    const event = await eventFor('Upload')
    expect(event.action.complete_reason).toBe('timeout')
    expect(performance.now() - started).toBeGreaterThanOrEqual(390)
  })
})
