import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type ActionHost, type ActionInit, TrackedAction } from '../../src/action'
import type { ActionEndEvent, Context } from '../../src/types'

const IDLE = 100
const MAX = 1000
const view = { url: 'https://shop.example/cart', path: '/cart', referrer: '' }

/** `performance.now()` when the current test's action was created. */
let t0 = 0

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] })
  t0 = performance.now()
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

/** Moves the fake clock to `ms` after the action was created, running the timers due. */
function at(ms: number): void {
  const ahead = t0 + ms - performance.now()
  if (ahead < 0) throw new Error(`the clock is already past ${ms}`)
  vi.advanceTimersByTime(ahead)
}

function fakeHost() {
  return {
    idleTimeout: IDLE,
    maxDuration: MAX,
    sanitize: vi.fn((context: unknown) => context as Context),
    warn: vi.fn<ActionHost['warn']>(),
    ended: vi.fn<ActionHost['ended']>(),
  } satisfies ActionHost
}

/** Creates an action at `t0` and starts its clocks, as the tracker does; records its events. */
function start(init: Partial<ActionInit> = {}) {
  const host = fakeHost()
  const action = new TrackedAction(host, {
    type: 'custom',
    name: 'Checkout',
    autoClose: true,
    context: {},
    view,
    source: 'api',
    ...init,
  })
  const events: ActionEndEvent[] = []
  action.subscribe((event) => {
    events.push(event)
  })
  action.run()
  return { host, action, events }
}

describe('the fake clock', () => {
  it('drives performance.now() and Date.now() together', () => {
    const date = Date.now()
    vi.advanceTimersByTime(250)
    expect(performance.now() - t0).toBe(250)
    expect(Date.now() - date).toBe(250)
  })
})

describe('completing on idle', () => {
  it('completes idleTimeout after creation when there is no activity, without a duration', () => {
    const { host, action, events } = start()
    at(IDLE - 1)
    expect(action.state).toBe('active')
    expect(host.ended).not.toHaveBeenCalled()

    at(IDLE)
    expect(action.state).toBe('complete')
    expect(action.completeReason).toBe('completed')
    expect(action.duration).toBeUndefined()
    expect(action.interruptedBy).toBeUndefined()
    expect(host.ended).toHaveBeenCalledTimes(1)
    expect(host.ended).toHaveBeenCalledWith(action)
    expect(events).toEqual([{ action, closed: true, reason: 'completed' }])
    expect(events[0]).not.toHaveProperty('lastActivity')
    expect(vi.getTimerCount()).toBe(0)
  })

  it("gives a navigation with no activity the reason 'no_activity'", () => {
    const { action, events } = start({ type: 'navigation' })
    at(IDLE)
    expect(action.state).toBe('complete')
    expect(action.completeReason).toBe('no_activity')
    expect(action.duration).toBeUndefined()
    expect(events.map((e) => e.reason)).toEqual(['no_activity'])
  })

  it("gives a navigation with activity the reason 'completed'", () => {
    const { action } = start({ type: 'navigation' })
    at(30)
    action.activity()
    at(30 + IDLE)
    expect(action.completeReason).toBe('completed')
    expect(action.duration).toBe(30)
  })

  it('completes idleTimeout after the last activity, duration up to that activity', () => {
    const { host, action, events } = start()
    const startTime = action.startTime
    at(50)
    action.activity()
    at(120)
    action.activity()
    at(219)
    expect(action.state).toBe('active')

    at(220)
    expect(action.state).toBe('complete')
    expect(action.completeReason).toBe('completed')
    expect(action.duration).toBe(120)
    expect(host.ended).toHaveBeenCalledTimes(1)
    expect(events).toEqual([
      { action, closed: true, reason: 'completed', lastActivity: startTime + 120 },
    ])
  })

  it('takes the activity time it is given, keeping the latest one', () => {
    const { action } = start()
    at(80)
    action.activity(t0 + 60)
    action.activity(t0 + 40) // an older entry reported late does not move the end back
    at(159)
    expect(action.state).toBe('active')
    at(160)
    expect(action.state).toBe('complete')
    expect(action.duration).toBe(60)
  })

  it('ignores activity once it has ended', () => {
    const { action } = start()
    at(30)
    action.activity()
    at(130)
    expect(action.state).toBe('complete')
    action.activity()
    at(500)
    expect(action.duration).toBe(30)
  })
})

describe('hold()', () => {
  it('keeps the action open past idle until released, then completes idleTimeout later', () => {
    const { host, action } = start()
    at(10)
    const release = action.hold()
    at(500)
    expect(action.state).toBe('active')
    expect(host.ended).not.toHaveBeenCalled()

    release()
    at(599)
    expect(action.state).toBe('active')
    at(600)
    expect(action.state).toBe('complete')
    expect(action.completeReason).toBe('completed')
    expect(action.duration).toBe(500)
  })

  it('waits for every hold to be released', () => {
    const { action } = start()
    const first = action.hold()
    const second = action.hold()
    at(200)
    first()
    at(400)
    expect(action.state).toBe('active')
    second()
    at(500)
    expect(action.state).toBe('complete')
    expect(action.duration).toBe(400)
  })

  it('has an idempotent release function', () => {
    const { action } = start()
    const first = action.hold()
    const second = action.hold()
    at(50)
    first()
    first()
    first()
    // Were the extra calls counted, nothing would hold it any more and it would complete at 150.
    at(400)
    expect(action.state).toBe('active')
    second()
    at(499)
    expect(action.state).toBe('active')
    at(500)
    expect(action.state).toBe('complete')
  })

  it('does not reopen an action when released after it ended', () => {
    const { host, action } = start()
    const release = action.hold()
    action.end('page_hide')
    release()
    at(MAX * 2)
    expect(host.ended).toHaveBeenCalledTimes(1)
    expect(action.completeReason).toBe('page_hide')
  })
})

describe('maxDuration', () => {
  it("ends a busy action with 'timeout' at maxDuration", () => {
    const { host, action, events } = start()
    // Activity every 90 ms: it never goes idle for 100 ms.
    for (let t = 90; t < MAX; t += 90) {
      at(t)
      action.activity()
    }
    at(MAX - 1)
    expect(action.state).toBe('active')
    at(MAX)
    expect(action.state).toBe('complete')
    expect(action.completeReason).toBe('timeout')
    expect(action.duration).toBe(990)
    expect(host.ended).toHaveBeenCalledTimes(1)
    expect(events.map((e) => [e.closed, e.reason])).toEqual([[true, 'timeout']])
    expect(vi.getTimerCount()).toBe(0)
  })

  it("ends an action held open by a request that never finishes with 'timeout'", () => {
    const { action } = start()
    action.hold()
    at(MAX - 1)
    expect(action.state).toBe('active')
    at(MAX)
    expect(action.completeReason).toBe('timeout')
  })
})

describe('autoClose: false', () => {
  it('tells subscribers when it would have completed, stays active, then finish() ends it', () => {
    const { host, action, events } = start({ autoClose: false })
    at(IDLE)
    expect(events).toEqual([{ action, closed: false, reason: 'completed' }])
    expect(action.state).toBe('active')
    expect(host.ended).not.toHaveBeenCalled()

    // It is told once, not again and again while it stays quiet.
    at(300)
    expect(events).toHaveLength(1)
    expect(action.state).toBe('active')

    action.finish()
    expect(action.state).toBe('complete')
    expect(action.completeReason).toBe('completed_by_api')
    expect(action.duration).toBe(300)
    expect(events[1]).toEqual({ action, closed: true, reason: 'completed_by_api' })
    expect(host.ended).toHaveBeenCalledTimes(1)
    expect(vi.getTimerCount()).toBe(0)
  })

  it("reports 'no_activity' for a quiet navigation without ending it", () => {
    const { action, events } = start({ type: 'navigation', autoClose: false })
    at(IDLE)
    expect(events.map((e) => [e.closed, e.reason])).toEqual([[false, 'no_activity']])
    expect(action.state).toBe('active')
  })

  it('tells subscribers only once, so a subscriber that updates the page cannot loop', () => {
    const { action, events } = start({ autoClose: false })
    at(IDLE)
    expect(events).toHaveLength(1)
    // What a subscriber's own DOM update looks like to the action: new activity.
    at(200)
    action.activity()
    at(MAX - 1)
    expect(events).toHaveLength(1)
    expect(action.state).toBe('active')
    action.finish()
    expect(events).toHaveLength(2)
    expect(events[1]).toMatchObject({ closed: true, reason: 'completed_by_api' })
  })

  it('completes as soon as autoClose is set back to true after it went quiet', () => {
    const { host, action, events } = start({ autoClose: false })
    at(40)
    action.activity()
    at(250)
    expect(action.state).toBe('active')
    action.autoClose = true
    expect(action.autoClose).toBe(true)
    expect(action.state).toBe('complete')
    expect(action.completeReason).toBe('completed')
    expect(action.duration).toBe(40)
    expect(host.ended).toHaveBeenCalledTimes(1)
    expect(events.map((e) => [e.closed, e.reason])).toEqual([
      [false, 'completed'],
      [true, 'completed'],
    ])
  })

  it('completes on its own when autoClose is set back to true before it went quiet', () => {
    const { action, events } = start({ autoClose: false })
    at(50)
    action.autoClose = true
    expect(action.state).toBe('active')
    at(IDLE)
    expect(action.state).toBe('complete')
    expect(events.map((e) => e.closed)).toEqual([true])
  })

  it("still ends with 'timeout' at maxDuration", () => {
    const { action } = start({ autoClose: false })
    at(MAX - 1)
    expect(action.state).toBe('active')
    at(MAX)
    expect(action.completeReason).toBe('timeout')
  })

  it('can be switched off while active, and not after it ended', () => {
    const { action } = start()
    action.autoClose = false
    at(IDLE * 3)
    expect(action.state).toBe('active')
    action.finish()
    action.autoClose = true
    expect(action.autoClose).toBe(false)
  })
})

describe('startTime in the past', () => {
  it('counts the earlier time in the duration', () => {
    const now = Date.now()
    const { action } = start({ startTime: now - 300 })
    expect(action.startTime).toBe(now - 300)
    expect(action.startedAt).toBe(t0 - 300)
    at(50)
    action.activity()
    at(149)
    expect(action.state).toBe('active')
    at(150)
    expect(action.state).toBe('complete')
    expect(action.duration).toBe(350)
  })

  it('runs finish() durations from startTime', () => {
    const { action } = start({ startTime: Date.now() - 300, autoClose: false })
    at(50)
    action.finish()
    expect(action.duration).toBe(350)
  })

  it('counts maxDuration from startTime', () => {
    const { action } = start({ startTime: Date.now() - 300 })
    action.hold()
    at(MAX - 300 - 1)
    expect(action.state).toBe('active')
    at(MAX - 300)
    expect(action.state).toBe('complete')
    expect(action.completeReason).toBe('timeout')
  })

  it('still waits idleTimeout from creation before completing without activity', () => {
    const { action } = start({ startTime: Date.now() - 300 })
    at(IDLE - 1)
    expect(action.state).toBe('active')
    at(IDLE)
    expect(action.state).toBe('complete')
    expect(action.duration).toBeUndefined()
  })

  it('defaults startTime to now', () => {
    const now = Date.now()
    const { action } = start()
    expect(action.startTime).toBe(now)
    expect(action.startedAt).toBe(t0)
  })
})

describe('end()', () => {
  it('calls host.ended once however often it is ended', () => {
    const { host, action, events } = start()
    action.end('interrupted_by_api', 'next-action-id')
    action.end('timeout')
    action.finish()
    at(MAX * 2)
    expect(host.ended).toHaveBeenCalledTimes(1)
    expect(events).toHaveLength(1)
    expect(action.completeReason).toBe('interrupted_by_api')
    expect(action.interruptedBy).toBe('next-action-id')
    expect(vi.getTimerCount()).toBe(0)
  })

  it('finish() twice keeps the first end time', () => {
    const { host, action } = start({ autoClose: false })
    at(200)
    action.finish()
    at(400)
    action.finish()
    expect(action.duration).toBe(200)
    expect(host.ended).toHaveBeenCalledTimes(1)
  })

  it('runs the duration to the last activity when ended from outside', () => {
    const { action } = start()
    at(70)
    action.activity()
    at(90)
    action.end('page_hide')
    expect(action.completeReason).toBe('page_hide')
    expect(action.duration).toBe(70)
  })

  it('tells subscribers before the host', () => {
    const order: string[] = []
    const host = fakeHost()
    host.ended.mockImplementation(() => {
      order.push('host')
    })
    const action = new TrackedAction(host, {
      type: 'custom',
      name: 'x',
      autoClose: true,
      context: {},
      view,
      source: 'api',
    })
    action.subscribe(() => {
      order.push('subscriber')
    })
    action.run()
    at(IDLE)
    expect(order).toEqual(['subscriber', 'host'])
  })
})

describe('subscribe()', () => {
  it('keeps calling the other subscribers when one throws, and warns', () => {
    const { host, action, events } = start()
    const failure = new Error('subscriber failed')
    const after = vi.fn()
    action.subscribe(() => {
      throw failure
    })
    action.subscribe(after)
    at(IDLE)
    expect(events).toHaveLength(1)
    expect(after).toHaveBeenCalledTimes(1)
    expect(host.warn).toHaveBeenCalledWith('action.subscriber', expect.any(String), failure)
    expect(host.ended).toHaveBeenCalledTimes(1)
    expect(action.state).toBe('complete')
  })

  it('stops calling a callback once it unsubscribed', () => {
    const { action } = start()
    const callback = vi.fn()
    const unsubscribe = action.subscribe(callback)
    unsubscribe()
    at(IDLE)
    expect(callback).not.toHaveBeenCalled()
  })

  it('warns and returns a function when given something else than a function', () => {
    const { host, action } = start()
    const unsubscribe = action.subscribe('not a function' as unknown as () => void)
    expect(typeof unsubscribe).toBe('function')
    expect(() => unsubscribe()).not.toThrow()
    expect(host.warn).toHaveBeenCalledWith('action.subscribe', expect.any(String))
    at(IDLE)
    expect(action.state).toBe('complete')
  })
})

describe('name and context', () => {
  it('takes a new string name while active', () => {
    const { host, action } = start()
    action.name = 'Place order'
    expect(action.name).toBe('Place order')
    expect(host.warn).not.toHaveBeenCalled()
  })

  it('ignores a name that is not a string, with a warning', () => {
    const { host, action } = start()
    action.name = 42 as unknown as string
    action.name = undefined as unknown as string
    expect(action.name).toBe('Checkout')
    expect(host.warn).toHaveBeenCalledWith('action.name', expect.any(String))
  })

  it('ignores a name change after completion, with a warning', () => {
    const { host, action } = start()
    at(IDLE)
    expect(action.state).toBe('complete')
    action.name = 'Too late'
    expect(action.name).toBe('Checkout')
    expect(host.warn).toHaveBeenCalledWith('action.name', expect.any(String))
  })

  it('sanitises a new context while active and ignores one after completion', () => {
    const { host, action } = start()
    host.sanitize.mockReturnValueOnce({ cleaned: true })
    action.context = { raw: true }
    expect(host.sanitize).toHaveBeenCalledWith({ raw: true })
    expect(action.context).toEqual({ cleaned: true })

    at(IDLE)
    action.context = { late: true }
    expect(action.context).toEqual({ cleaned: true })
    expect(host.sanitize).toHaveBeenCalledTimes(1)
  })
})
