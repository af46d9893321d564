import { Component, computed } from '@angular/core'
import { TestBed } from '@angular/core/testing'
import { describe, expect, it } from 'vitest'
import { injectUserAction, provideActiontrail } from '../src'
import { recorder } from './harness'

@Component({ standalone: true, template: '<button type="button">Place order</button>' })
class CheckoutPage {
  readonly checkout = injectUserAction('Checkout', { context: { flow: 'guest' } })
}

/** The checkout page of an app tracked with options whose events are recorded. */
function checkoutPage() {
  const recorded = recorder({ trackNavigation: false })
  TestBed.configureTestingModule({ providers: [provideActiontrail({ options: recorded.options })] })
  const fixture = TestBed.createComponent(CheckoutPage)
  return { ...recorded, fixture, checkout: fixture.componentInstance.checkout }
}

describe('injectUserAction', () => {
  it('starts a flow that only finish() ends, with the context of both calls', async () => {
    const { checkout, eventFor } = checkoutPage()
    const state = computed(() => checkout.action()?.state)
    expect(state()).toBeUndefined()
    const action = checkout.start({ items: 2 })
    expect(checkout.action()).toBe(action)
    expect(state()).toBe('active')
    expect(action).toMatchObject({ name: 'Checkout', type: 'custom', autoClose: false })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(action.state).toBe('active')
    checkout.finish()
    // The signal tells its readers that the action ended.
    expect(state()).toBe('complete')
    const event = await eventFor('Checkout')
    expect(event.action.complete_reason).toBe('completed_by_api')
    expect(event.action.context).toEqual({ flow: 'guest', items: 2 })
  })

  it('finishes the open action when its component is destroyed', async () => {
    const { fixture, checkout, eventFor } = checkoutPage()
    const action = checkout.start()
    fixture.destroy()
    expect(action.state).toBe('complete')
    expect((await eventFor('Checkout')).action.complete_reason).toBe('completed_by_api')
  })

  it('start() while its action is open returns that one; after it ended, starts anew', async () => {
    const { checkout, eventFor } = checkoutPage()
    const first = checkout.start()
    expect(checkout.start()).toBe(first)
    first.finish()
    expect((await eventFor((e) => e.action.id === first.id)).action.complete_reason).toBe(
      'completed_by_api',
    )
    const second = checkout.start()
    expect(second).not.toBe(first)
    expect(checkout.action()).toBe(second)
  })

  it('with autoClose: true completes once the page is idle', async () => {
    const recorded = recorder({ trackNavigation: false })
    TestBed.configureTestingModule({
      providers: [provideActiontrail({ options: recorded.options })],
    })
    const search = TestBed.runInInjectionContext(() =>
      injectUserAction('Search', { autoClose: true }),
    )
    search.start()
    expect((await recorded.eventFor('Search')).action.complete_reason).toBe('completed')
    expect(search.action()?.state).toBe('complete')
  })
})
