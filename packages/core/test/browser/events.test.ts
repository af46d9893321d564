import { describe, expect, it, vi } from 'vitest'
import type { TrackerEvent } from '../../src'
import { actionNames, load, track } from './harness'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('the action event', () => {
  it('has the wire shape of the design, fields in order, absent optional fields left out', async () => {
    const { tracker, eventFor } = track()
    tracker.startAction('Load cart')
    await load(120)
    const event = await eventFor('Load cart')
    expect(Object.keys(event)).toEqual([
      'type',
      'id',
      'time',
      'application',
      'session',
      'view',
      'action',
    ])
    expect(event).toMatchObject({
      type: 'action',
      time: event.action.start,
      application: { id: 'test-app' },
      view: { url: location.href, path: location.pathname, referrer: document.referrer },
    })
    expect(event.id).toMatch(UUID)
    expect(event.session.id).toMatch(UUID)
    expect(event.action.id).toMatch(UUID)
    expect(event.id).not.toBe(event.action.id)
    expect(Object.keys(event.action)).toEqual([
      'id',
      'type',
      'name',
      'start',
      'duration',
      'complete_reason',
      'counts',
      'frustration',
    ])
    expect(event.action.counts).toEqual({
      requests: 1,
      resources: 1,
      mutations: 0,
      errors: 0,
      long_tasks: 0,
    })
    expect(event.action.frustration).toEqual([])
    expect(Math.abs(event.action.start - Date.now())).toBeLessThan(10_000)
    // The whole event survives JSON unchanged: nothing on it is a live object.
    expect(JSON.parse(JSON.stringify(event))).toEqual(event)
  })

  it('carries the user, the global context and the action context', async () => {
    const { tracker, eventFor } = track()
    tracker.setUser({ id: 'u-42', plan: 'pro' })
    tracker.setGlobalContext({ release: '1.2.0' })
    tracker.startAction('Upgrade', { context: { sku: '7' } })
    const event = await eventFor('Upgrade')
    expect(event.user).toEqual({ id: 'u-42', plan: 'pro' })
    expect(event.context).toEqual({ release: '1.2.0' })
    expect(event.action.context).toEqual({ sku: '7' })
    expect(Object.keys(event)).toEqual([
      'type',
      'id',
      'time',
      'application',
      'session',
      'view',
      'user',
      'context',
      'action',
    ])

    tracker.setUser(undefined)
    tracker.setGlobalContext({})
    tracker.startAction('Logout')
    const after = await eventFor('Logout')
    expect(after).not.toHaveProperty('user')
    expect(after).not.toHaveProperty('context')
  })

  it('setGlobalContextProperty sets and removes one key of the global context', async () => {
    const { tracker, eventFor } = track()
    tracker.setGlobalContext({ release: '1.2.0', plan: 'free' })
    tracker.setGlobalContextProperty('plan', 'pro')
    tracker.setGlobalContextProperty('cart', { items: 2 })
    tracker.addAction('First')
    expect((await eventFor('First')).context).toEqual({
      release: '1.2.0',
      plan: 'pro',
      cart: { items: 2 },
    })
    tracker.setGlobalContextProperty('release', undefined)
    tracker.addAction('Second')
    expect((await eventFor('Second')).context).toEqual({ plan: 'pro', cart: { items: 2 } })
  })

  it('the view is the page where the action started', async () => {
    const { tracker, eventFor } = track()
    const before = location.href
    tracker.startAction('Go to cart', { autoClose: false })
    history.pushState({}, '', '/cart-test?x=1')
    try {
      tracker.current?.finish()
      const event = await eventFor('Go to cart')
      expect(event.view.url).toBe(before)
    } finally {
      history.back()
    }
  })

  it('one session id for the actions of a session, kept in localStorage', async () => {
    const { tracker, eventFor } = track()
    tracker.addAction('One')
    tracker.addAction('Two')
    const [one, two] = [await eventFor('One'), await eventFor('Two')]
    expect(one.session.id).toBe(two.session.id)
    expect(JSON.parse(localStorage.getItem('actiontrail_session') ?? '{}').id).toBe(one.session.id)
  })
})

describe('beforeSend and event modifiers', () => {
  it('beforeSend and modifiers can change an event or drop it with false', async () => {
    const seen: string[] = []
    const batches: TrackerEvent[][] = []
    const { tracker } = track({
      transport: (batch) => void batches.push(batch),
      beforeSend: (event) => {
        if (event.type !== 'action') return
        seen.push(event.action.name)
        if (event.action.name === 'Secret') return false
        event.action.name = event.action.name.toUpperCase()
      },
    })
    const removeDropper = tracker.addEventModifier(
      (event) => event.type !== 'action' || event.action.name !== 'DROP ME',
    )
    tracker.addAction('Secret')
    tracker.addAction('Drop me')
    tracker.addAction('Keep me')
    removeDropper()
    tracker.addAction('Drop me')
    await tracker.flush()
    expect(seen).toEqual(['Secret', 'Drop me', 'Keep me', 'Drop me'])
    expect(actionNames(batches.flat())).toEqual(['KEEP ME', 'DROP ME'])
  })

  it('a modifier that throws keeps the event and the tracker running', async () => {
    const { tracker, events } = track()
    tracker.addEventModifier(() => {
      throw new Error('modifier bug')
    })
    tracker.addAction('Still sent')
    // The harness's modifier was added first, so it has already seen the event.
    expect(events.map((e) => e.action.name)).toEqual(['Still sent'])
    const batches: TrackerEvent[][] = []
    const withTransport = track({ transport: (batch) => void batches.push(batch) }).tracker
    withTransport.addEventModifier(() => {
      throw new Error('modifier bug')
    })
    withTransport.addAction('Delivered')
    await withTransport.flush()
    expect(actionNames(batches.flat())).toEqual(['Delivered'])
  })
})

describe('queue, transport and consent', () => {
  it('flush() hands the queued events to the transport in one batch', async () => {
    const transport = vi.fn()
    const { tracker } = track({ transport })
    tracker.addAction('A')
    tracker.addAction('B')
    await tracker.flush()
    expect(transport).toHaveBeenCalledTimes(1)
    expect(actionNames(transport.mock.calls[0]?.[0])).toEqual(['A', 'B'])
    await tracker.flush()
    expect(transport).toHaveBeenCalledTimes(1)
  })

  it('a failing transport does not throw into the app', async () => {
    const { tracker } = track({ transport: () => Promise.reject(new Error('offline')) })
    tracker.addAction('A')
    await expect(tracker.flush()).resolves.toBeUndefined()
  })

  it('page hide flushes the queue', async () => {
    const transport = vi.fn()
    const { tracker } = track({ transport })
    tracker.startAction('Reading', { autoClose: false })
    window.dispatchEvent(new PageTransitionEvent('pagehide'))
    await expect.poll(() => transport.mock.calls.length).toBe(1)
    expect(transport.mock.calls[0]?.[0][0].action.complete_reason).toBe('page_hide')
  })

  it("'pending' holds events until consent is granted", async () => {
    const transport = vi.fn()
    const { tracker } = track({ transport, trackingConsent: 'pending' })
    tracker.addAction('Before consent')
    await tracker.flush()
    expect(transport).not.toHaveBeenCalled()
    tracker.setTrackingConsent('granted')
    await tracker.flush()
    expect(actionNames(transport.mock.calls[0]?.[0])).toEqual(['Before consent'])
  })

  it("'pending' writes nothing to storage until consent is granted", async () => {
    const { tracker } = track({ trackingConsent: 'pending', endpoint: '/slow?ms=1' })
    tracker.addAction('Waiting')
    await tracker.flush()
    expect(Object.keys(localStorage)).toEqual([])
    tracker.setTrackingConsent('granted')
    tracker.addAction('Granted')
    expect(localStorage.getItem('actiontrail_session')).not.toBeNull()
  })

  it("'not-granted' drops what was held and collects nothing, not even a session", async () => {
    const transport = vi.fn()
    const { tracker, events } = track({ transport, trackingConsent: 'pending' })
    tracker.addAction('Held')
    tracker.setTrackingConsent('not-granted')
    localStorage.clear()
    tracker.addAction('Refused')
    tracker.setTrackingConsent('granted')
    await tracker.flush()
    expect(transport).not.toHaveBeenCalled()
    expect(events.map((e) => e.action.name)).toEqual(['Held'])
    expect(localStorage.getItem('actiontrail_session')).toBeNull()
  })

  it('a session sampled out sends nothing', async () => {
    const { tracker, events } = track({ sessionSampleRate: 0 })
    tracker.addAction('Unsampled')
    expect(events).toHaveLength(0)
  })
})
