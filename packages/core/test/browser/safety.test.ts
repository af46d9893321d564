import { afterEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import type { Context, TrackerOptions } from '../../src'
import { createTracker } from '../../src'
import { button, sleep, track } from './harness'

afterEach(() => {
  vi.restoreAllMocks()
})

// Deliberately wrong input, as plain JavaScript callers or bad data can produce it.
// biome-ignore lint/suspicious/noExplicitAny: the point is to bypass the types
const loose = (value: unknown) => value as any

describe('bad API input never throws into the app', () => {
  it('wrong types, cycles, functions, DOM nodes and huge strings are cleaned', async () => {
    const { tracker, eventFor } = track()
    const cyclic: Record<string, unknown> = { name: 'cart' }
    cyclic.self = cyclic
    const context = {
      cyclic,
      callback: () => 1,
      id: 10n,
      element: document.body,
      when: new Date(0),
      failure: new Error('boom'),
      huge: 'x'.repeat(100_000),
    }
    expect(() => tracker.startAction(loose(123), loose('options'))).not.toThrow()
    const action = tracker.startAction('Messy', { context: loose(context), autoClose: false })
    action.name = loose({ not: 'a string' })
    action.subscribe(loose(null))
    action.finish()
    const event = await eventFor('Messy')
    const clean = event.action.context as Context
    expect(clean.cyclic).toEqual({ name: 'cart', self: '[Circular]' })
    expect(clean).not.toHaveProperty('callback')
    expect(clean.id).toBe('10')
    expect(clean.element).toBe('[body]')
    expect(clean.when).toBe('1970-01-01T00:00:00.000Z')
    expect(clean.failure).toEqual({ name: 'Error', message: 'boom' })
    expect((clean.huge as string).length).toBeLessThanOrEqual(1000)
    expect(clean.huge).toMatch(/ \[\.\.\.\]$/)
    expect(JSON.parse(JSON.stringify(event))).toEqual(event)
  })

  it('every method survives nonsense arguments', async () => {
    const { tracker, events } = track()
    const calls = [
      () => tracker.addAction(loose(undefined), loose(42), loose('type')),
      () => tracker.startAction(loose(null), { type: loose(7), startTime: loose('soon') }),
      () => tracker.subscribe(loose('not a function')),
      () => tracker.addEventModifier(loose(undefined)),
      () => tracker.setTrackingConsent(loose('yes please')),
      () => tracker.setUser(loose('bob')),
      () => tracker.setGlobalContext(loose([1, 2, 3])),
      () => tracker.setAutomaticDetection(loose('off')),
      () => tracker.beginActivity()(),
      () => tracker.notifyActivity(),
    ]
    for (const call of calls) expect(call).not.toThrow()
    await tracker.flush()
    tracker.current?.finish()
    await expect.poll(() => events.length).toBeGreaterThanOrEqual(2)
  })

  it('a startTime in the future is replaced by now', async () => {
    const { tracker, eventFor } = track()
    const before = Date.now()
    tracker.startAction('Time travel', { startTime: Date.now() + 3_600_000 }).finish()
    const event = await eventFor('Time travel')
    expect(event.action.start).toBeGreaterThanOrEqual(before)
    expect(event.action.start).toBeLessThanOrEqual(Date.now())
  })

  it('a context getter that throws drops that context, not the action', async () => {
    const { tracker, eventFor } = track()
    const hostile = {
      get price() {
        throw new Error('getter bug')
      },
    }
    tracker.startAction('Hostile', { context: loose(hostile) }).finish()
    expect((await eventFor('Hostile')).action).not.toHaveProperty('context')
  })

  it('an excludedActivityUrls function that throws counts the request as activity', async () => {
    const { tracker, eventFor } = track({
      excludedActivityUrls: [
        () => {
          throw new Error('predicate bug')
        },
      ],
    })
    tracker.startAction('Guarded')
    await fetch('/slow?ms=150')
    expect((await eventFor('Guarded')).action.counts.requests).toBe(1)
  })

  it('debug mode prints one warning per kind of misuse; without debug, none', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const quiet = track().tracker
    quiet.subscribe(loose(1))
    expect(warn).not.toHaveBeenCalled()

    const { tracker } = track({ debug: true })
    tracker.subscribe(loose(1))
    tracker.subscribe(loose(2))
    tracker.startAction('Future', { startTime: Date.now() + 10_000 }).finish()
    expect(warn).toHaveBeenCalledTimes(2)
    expect(String(warn.mock.calls[0]?.[0])).toContain('subscribe() needs a function')
    expect(String(warn.mock.calls[1]?.[0])).toContain('startTime')
  })
})

describe('options', () => {
  it('an invalid option gets one console error naming it, and its default is used', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const { tracker, eventFor } = track({ idleTimeout: loose('fast'), trackForms: loose(1) })
    const messages = error.mock.calls.map((call) => String(call[0]))
    expect(messages).toHaveLength(2)
    expect(messages.find((m) => m.includes('"idleTimeout"'))).toContain('positive number')
    expect(messages.find((m) => m.includes('"trackForms"'))).toContain('boolean')
    const started = performance.now()
    tracker.startAction('Default idle')
    await eventFor('Default idle')
    // The default idleTimeout (100 ms) was used, so it did not complete at once.
    expect(performance.now() - started).toBeGreaterThanOrEqual(95)
  })

  it('without an applicationId the tracker is inert and says why', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const tracker = createTracker(loose({}) as TrackerOptions)
    expect(String(error.mock.calls[0]?.[0])).toContain('applicationId')
    const seen = vi.fn()
    tracker.addEventModifier(seen)
    tracker.addAction('Nothing')
    await userEvent.click(button('Nothing either'))
    await sleep(200)
    expect(seen).not.toHaveBeenCalled()
    expect(tracker.current).toBeUndefined()
    expect(() => createTracker(loose(undefined))).not.toThrow()
  })
})
