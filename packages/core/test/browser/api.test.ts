import { describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import type { ActionEndEvent, UserAction } from '../../src'
import { button, hidePage, sleep, slowUrl, track } from './harness'

describe('autoClose: false', () => {
  it('tells subscribers when the action would have completed, and stays open until finish()', async () => {
    const { tracker, events, eventFor } = track()
    const action = tracker.startAction('Checkout', { autoClose: false, context: { step: 1 } })
    const told: ActionEndEvent[] = []
    action.subscribe((event) => told.push(event))
    await fetch(slowUrl(150))
    await expect.poll(() => told.length).toBe(1)
    expect(told[0]).toMatchObject({ closed: false, reason: 'completed' })
    expect(told[0]?.lastActivity).toBeGreaterThanOrEqual(action.startTime + 150)
    expect(action.state).toBe('active')
    expect(tracker.current).toBe(action)
    expect(events).toHaveLength(0)

    await sleep(200)
    action.finish()
    const event = await eventFor('Checkout')
    expect(told[1]).toMatchObject({ closed: true, reason: 'completed_by_api' })
    expect(event.action.complete_reason).toBe('completed_by_api')
    expect(event.action.duration).toBeGreaterThanOrEqual(350)
    expect(event.action.context).toEqual({ step: 1 })
  })

  it('switching autoClose back on completes an action that already went quiet', async () => {
    const { tracker, eventFor } = track()
    const action = tracker.startAction('Wizard', { autoClose: false })
    await sleep(250)
    expect(action.state).toBe('active')
    action.autoClose = true
    const event = await eventFor('Wizard')
    expect(event.action.complete_reason).toBe('completed')
  })
})

describe('flows: autoClose: false beside detected actions', () => {
  it('clicks and navigations run beside a flow; finish() ends it with completed_by_api', async () => {
    const { tracker, eventFor } = track({ trackNavigation: true })
    await eventFor(location.pathname) // the page load
    const checkout = tracker.startAction('Checkout', { autoClose: false })
    await userEvent.click(
      button('Continue', () => {
        history.pushState({}, '', '/checkout/address')
        void fetch(slowUrl(100))
      }),
    )
    const click = await eventFor('Continue')
    const navigation = await eventFor('/checkout/address')
    expect(click.action.complete_reason).toBe('interrupted_by_navigation')
    expect(navigation.action.complete_reason).toBe('completed')
    expect(checkout.state).toBe('active')
    checkout.finish()
    const flow = await eventFor('Checkout')
    expect(flow.action.complete_reason).toBe('completed_by_api')
    // Page activity during the flow counts for it too.
    expect(flow.action.counts.requests).toBe(1)
    expect(flow.action.duration).toBeGreaterThanOrEqual(100)
  })

  it('a flow started from a click handler leaves the click running', async () => {
    const { tracker, eventFor } = track()
    let flow: UserAction | undefined
    await userEvent.click(
      button('Start checkout', () => {
        flow = tracker.startAction('Checkout', { autoClose: false })
        void fetch(slowUrl(100))
      }),
    )
    expect(tracker.current).toBe(flow)
    const click = await eventFor('Start checkout')
    expect(click.action.complete_reason).toBe('completed')
    expect(click.action.counts.requests).toBe(1)
    expect(flow?.state).toBe('active')
    expect(tracker.current).toBe(flow) // the click is over: the flow is what is open
    flow?.finish()
    expect(tracker.current).toBeUndefined()
  })

  it('an auto-closing API action ends the active click but not the flow', async () => {
    const { tracker, eventFor } = track()
    const flow = tracker.startAction('Onboarding', { autoClose: false })
    let step: UserAction | undefined
    await userEvent.click(button('Next', () => (step = tracker.startAction('Load step 2'))))
    const click = await eventFor('Next')
    expect(click.action).toMatchObject({
      complete_reason: 'interrupted_by_api',
      interrupted_by: step?.id,
    })
    await eventFor('Load step 2')
    expect(flow.state).toBe('active')
  })

  it('page hide ends a flow and the action beside it', async () => {
    const { tracker, eventFor } = track()
    tracker.startAction('Checkout', { autoClose: false })
    tracker.startAction('Pay')
    tracker.beginActivity()
    hidePage()
    expect((await eventFor('Checkout')).action.complete_reason).toBe('page_hide')
    expect((await eventFor('Pay')).action.complete_reason).toBe('page_hide')
  })
})

describe('subscriptions', () => {
  it('tracker.subscribe sees every new action before it runs and can change it', async () => {
    const { tracker, eventFor } = track()
    const seen: string[] = []
    const unsubscribe = tracker.subscribe((action) => {
      seen.push(`${action.type}:${action.name}`)
      expect(action.state).toBe('active')
      action.name = `${action.name} (renamed)`
      if (action.type === 'custom') action.autoClose = false
    })
    const first = tracker.startAction('Export')
    await sleep(250)
    expect(first.state).toBe('active') // autoClose was turned off before the idle clock ran
    await userEvent.click(button('Download'))
    unsubscribe()
    tracker.addAction('Instant')
    expect(seen).toEqual(['custom:Export', 'click:Download'])
    expect((await eventFor('Download (renamed)')).action.complete_reason).toBe('completed')
    expect(first.state).toBe('active') // now a flow: the click ran beside it
    first.finish()
    const exported = await eventFor('Export (renamed)')
    expect(exported.action.complete_reason).toBe('completed_by_api')
    expect((await eventFor('Instant')).action.name).toBe('Instant')
  })

  it("an action's subscribers are told once when it closes, with the reason", async () => {
    const { tracker } = track()
    const action = tracker.startAction('Filter')
    const callback = vi.fn()
    action.subscribe(callback)
    const unsubscribed = vi.fn()
    action.subscribe(unsubscribed)()
    await expect.poll(() => callback.mock.calls.length).toBe(1)
    expect(callback.mock.calls[0]?.[0]).toMatchObject({ closed: true, reason: 'completed', action })
    expect(unsubscribed).not.toHaveBeenCalled()
  })

  it('a throwing subscriber does not stop the tracker or the other subscribers', async () => {
    const { tracker, eventFor } = track()
    const after = vi.fn()
    tracker.subscribe(() => {
      throw new Error('subscriber bug')
    })
    tracker.subscribe(after)
    const action = tracker.startAction('Robust')
    action.subscribe(() => {
      throw new Error('action subscriber bug')
    })
    expect(after).toHaveBeenCalledWith(action)
    expect((await eventFor('Robust')).action.complete_reason).toBe('completed')
  })
})

describe('the active action', () => {
  it('current is the active action, and there is exactly one', async () => {
    const { tracker, eventFor } = track()
    expect(tracker.current).toBeUndefined()
    const a = tracker.startAction('A', { autoClose: false })
    expect(tracker.current).toBe(a)
    const b = tracker.startAction('B', { autoClose: false })
    expect(tracker.current).toBe(b)
    expect(a.state).toBe('complete')
    b.finish()
    expect(tracker.current).toBeUndefined()
    await eventFor('B')
  })

  it('records an interruption chain A → B → C', async () => {
    const { tracker, eventFor } = track()
    tracker.startAction('A')
    const b = tracker.startAction('B')
    const c = tracker.startAction('/next', { type: 'navigation' })
    const [ea, eb] = [await eventFor('A'), await eventFor('B')]
    expect(ea.action).toMatchObject({ complete_reason: 'interrupted_by_api', interrupted_by: b.id })
    expect(eb.action).toMatchObject({
      complete_reason: 'interrupted_by_navigation',
      interrupted_by: c.id,
    })
    await eventFor('/next')
  })

  it('addAction records an instant action without ending the active one', async () => {
    const { tracker, eventFor } = track()
    const active = tracker.startAction('Browse', { autoClose: false })
    tracker.addAction('Coupon applied', { code: 'SPRING' }, { type: 'flow_step' })
    const instant = await eventFor('Coupon applied')
    expect(instant.action).toMatchObject({
      type: 'flow_step',
      complete_reason: 'completed_by_api',
      context: { code: 'SPRING' },
    })
    expect(instant.action).not.toHaveProperty('duration')
    expect(tracker.current).toBe(active)
    active.finish()
  })

  it('startTime in the past counts from then', async () => {
    const { tracker, eventFor } = track()
    const startTime = Date.now() - 500
    const action = tracker.startAction('Cold start', { startTime, autoClose: false })
    expect(action.startTime).toBe(startTime)
    action.finish()
    const event = await eventFor('Cold start')
    expect(event.action.start).toBe(startTime)
    expect(event.action.duration).toBeGreaterThanOrEqual(500)
  })
})

describe('automatic detection', () => {
  it('a primary click starts a click action named after the element, with its target', async () => {
    const { eventFor } = track()
    const section = document.createElement('section')
    section.id = 'product-7'
    document.body.append(section)
    const add = button('  Add to\n cart ')
    section.append(add)
    await userEvent.click(add)
    const event = await eventFor('Add to cart')
    expect(event.action).toMatchObject({
      type: 'click',
      name_source: 'content',
      target: { tag: 'button', selector: '#product-7 > button' },
    })
    const { x, y } = event.action.target?.position ?? { x: -1, y: -1 }
    const box = add.getBoundingClientRect()
    expect(x).toBeGreaterThanOrEqual(0)
    expect(x).toBeLessThanOrEqual(box.width)
    expect(y).toBeGreaterThanOrEqual(0)
    expect(y).toBeLessThanOrEqual(box.height)
    expect(document.querySelector(event.action.target?.selector ?? '')).toBe(add)
  })

  it('data-action-name names the element, also from an ancestor', async () => {
    const { eventFor } = track()
    const card = document.createElement('div')
    card.setAttribute('data-action-name', 'Open product card')
    const inner = document.createElement('span')
    inner.textContent = 'Blue shoes'
    card.append(inner)
    document.body.append(card)
    await userEvent.click(inner)
    expect((await eventFor('Open product card')).action.name_source).toBe('attribute')
  })

  it('a click inside a shadow root is named and located inside it', async () => {
    const { eventFor } = track()
    const host = document.createElement('shop-product')
    host.id = 'product-9'
    document.body.append(host)
    const root = host.attachShadow({ mode: 'open' })
    root.innerHTML = '<p>Lamp</p><button class="buy"><span>Buy now</span></button>'
    const label = root.querySelector('span') as HTMLElement
    await userEvent.click(label)
    const event = await eventFor('Buy now')
    expect(event.action.target).toMatchObject({ tag: 'button' })
    const selector = event.action.target?.selector ?? ''
    expect(root.querySelector(selector)).toBe(root.querySelector('button'))
  })

  it('a secondary-button click starts nothing', async () => {
    const { events } = track()
    await userEvent.click(button('Context menu'), { button: 'right' })
    await sleep(250)
    expect(events).toHaveLength(0)
  })

  it('setAutomaticDetection(false) stops click actions; API actions still work', async () => {
    const { tracker, events, eventFor } = track()
    tracker.setAutomaticDetection(false)
    const save = button('Save')
    await userEvent.click(save)
    tracker.startAction('Manual')
    await eventFor('Manual')
    expect(events.map((e) => e.action.name)).toEqual(['Manual'])
    tracker.setAutomaticDetection(true)
    await userEvent.click(save)
    await eventFor('Save')
  })

  it('trackUserInteractions: false never listens to clicks', async () => {
    const { events } = track({ trackUserInteractions: false })
    await userEvent.click(button('Ignored'))
    await sleep(250)
    expect(events).toHaveLength(0)
  })
})

describe('stop()', () => {
  it('ends the active action, then detects and records nothing', async () => {
    const { tracker, events, eventFor } = track()
    tracker.startAction('Last', { autoClose: false })
    tracker.stop()
    expect((await eventFor('Last')).action.complete_reason).toBe('interrupted_by_api')
    await userEvent.click(button('After stop'))
    const late: UserAction = tracker.startAction('Too late')
    tracker.addAction('Also too late')
    late.finish()
    await sleep(200)
    expect(events).toHaveLength(1)
    expect(tracker.current).toBeUndefined()
  })
})
