import { createTracker, type Tracker, type UserAction } from '@actiontrail/core'
import { ApplicationRef, VERSION } from '@angular/core'
import { TestBed } from '@angular/core/testing'
import { afterEach, describe, expect, inject, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import { ActionTracker, provideActiontrail } from '../src'
import { recorder } from './harness'

const given: Tracker[] = []
afterEach(() => {
  for (const tracker of given.splice(0)) tracker.stop()
})

/** A tracker of the test's own, given to provideActiontrail({ tracker }). */
function ownTracker() {
  const recorded = recorder({ trackNavigation: false })
  const tracker = createTracker(recorded.options)
  given.push(tracker)
  TestBed.configureTestingModule({ providers: [provideActiontrail({ tracker })] })
  return { ...recorded, tracker, actions: TestBed.inject(ActionTracker) }
}

describe('provideActiontrail', () => {
  it('runs on the Angular of its test project', () => {
    expect(VERSION.major).toBe(inject('angularMajor'))
  })

  it('serves the tracker it is given, and leaves it running when the app is destroyed', async () => {
    const { tracker, actions, eventFor } = ownTracker()
    actions.addAction('Coupon applied', { code: 'SPRING' })
    expect((await eventFor('Coupon applied')).action.context).toEqual({ code: 'SPRING' })
    TestBed.resetTestingModule()
    tracker.addAction('Still tracked')
    await eventFor('Still tracked')
  })

  it('creates a tracker from options at bootstrap and stops it with the application', async () => {
    const { options, eventFor } = recorder({ trackNavigation: false })
    TestBed.configureTestingModule({ providers: [provideActiontrail({ options })] })
    TestBed.inject(ApplicationRef)
    // Nothing injected ActionTracker, yet clicks are tracked.
    const button = document.createElement('button')
    button.textContent = 'Add to cart'
    document.body.append(button)
    await userEvent.click(button)
    await eventFor('Add to cart')
    button.remove()
    const wizard = TestBed.inject(ActionTracker).startAction('Wizard', { autoClose: false })
    TestBed.resetTestingModule()
    expect(wizard.state).toBe('complete')
    expect((await eventFor('Wizard')).action.complete_reason).toBe('interrupted_by_api')
  })

  it('given nothing, serves an inert tracker instead of breaking the app', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    TestBed.configureTestingModule({ providers: [provideActiontrail(undefined as never)] })
    const actions = TestBed.inject(ActionTracker)
    expect(actions.startAction('Step').state).toBe('complete')
    expect(errors).toHaveBeenCalledOnce()
    errors.mockRestore()
  })
})

describe('ActionTracker', () => {
  it('hands every call to the tracker', () => {
    const { tracker, actions } = ownTracker()
    const calls: [Exclude<keyof Tracker, 'current'>, unknown[]][] = [
      ['addAction', ['Saved', { id: 1 }, { type: 'flow_step' }]],
      ['startAction', ['Wizard', { autoClose: false }]],
      ['beginActivity', []],
      ['notifyActivity', []],
      ['setRoute', ['/products/:id']],
      ['startNavigation', ['/cart', '/cart']],
      ['setAutomaticDetection', [false]],
      ['setTrackingConsent', ['pending']],
      ['setUser', [{ id: 'u-42' }]],
      ['setGlobalContext', [{ plan: 'pro' }]],
      ['setGlobalContextProperty', ['plan', 'free']],
      ['addEventModifier', [() => true]],
      ['flush', []],
      ['stop', []],
    ]
    for (const [method, args] of calls) {
      const spy = vi.spyOn(tracker, method)
      ;(actions[method] as (...a: unknown[]) => unknown)(...args)
      expect(spy, method).toHaveBeenCalledWith(...args)
    }
  })

  it('current is the active action', () => {
    const { actions } = ownTracker()
    const step = actions.startAction('Step')
    expect(actions.current).toBe(step)
  })

  it('subscribe(callback) and actions$ see every new action until unsubscribed', () => {
    const { actions } = ownTracker()
    const byCallback: string[] = []
    const byObservable: string[] = []
    const unsubscribe = actions.subscribe((action) => byCallback.push(action.name))
    const subscription = actions.actions$.subscribe((action: UserAction) =>
      byObservable.push(action.name),
    )
    actions.startAction('First')
    unsubscribe()
    subscription.unsubscribe()
    actions.startAction('Second')
    expect(byCallback).toEqual(['First'])
    expect(byObservable).toEqual(['First'])
  })

  it('the work between beginActivity() and done() holds an action open', async () => {
    const { actions, eventFor } = ownTracker()
    actions.startAction('Upload')
    const done = actions.beginActivity()
    await new Promise((resolve) => setTimeout(resolve, 300))
    done()
    const event = await eventFor('Upload')
    expect(event.action.complete_reason).toBe('completed')
    expect(event.action.duration).toBeGreaterThanOrEqual(300)
  })
})
