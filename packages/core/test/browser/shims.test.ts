import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import type { ActionEvent, Tracker, TrackerEvent, Transport } from '../../src'
import { createTracker } from '../../src'
import {
  datadogRum,
  flashcatRum,
  getTracker,
  moesif,
  promiseUserActions,
  safeUserActions,
  TrackerTimeoutError,
  type UserActionEndEvent,
  type UserActionTracker,
  userActions,
  useTracker,
  whenTracker,
} from '../../src/shims'
import { button, sleep } from './harness'

// Deliberately wrong input, as plain JavaScript callers can produce it.
// biome-ignore lint/suspicious/noExplicitAny: the point is to bypass the types
const loose = (value: unknown) => value as any

const trackers: Tracker[] = []

/** A transport that keeps every event it is given, and the action events by name. */
function capture() {
  const events: TrackerEvent[] = []
  const transport: Transport = (batch) => {
    events.push(...batch)
  }
  /** Flushes the registered tracker and returns its action events so far. */
  const actions = async (): Promise<ActionEvent[]> => {
    await getTracker()?.flush()
    return events.filter((event): event is ActionEvent => event.type === 'action')
  }
  /** The one action event with this name. */
  const action = async (name: string): Promise<ActionEvent> => {
    const found = (await actions()).filter((event) => event.action.name === name)
    expect(found, `action events named ${name}`).toHaveLength(1)
    return found[0] as ActionEvent
  }
  return { events, transport, actions, action }
}

/** A tracker of the app's own, registered for the shims. */
function registerTracker(transport: Transport) {
  const tracker = createTracker({ applicationId: 'own-app', trackNavigation: false, transport })
  trackers.push(tracker)
  useTracker(tracker)
  return tracker
}

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  vi.spyOn(console, 'error').mockImplementation(() => {})
})

afterEach(() => {
  const registered = getTracker()
  if (registered) trackers.push(registered)
  useTracker(undefined)
  for (const tracker of trackers.splice(0)) tracker.stop()
  vi.restoreAllMocks()
})

describe('registry', () => {
  it('useTracker registers a tracker, ignores what is not one, and undefined unregisters', () => {
    const { transport } = capture()
    expect(getTracker()).toBeUndefined()
    const tracker = registerTracker(transport)
    expect(getTracker()).toBe(tracker)
    useTracker(loose({ addAction: 1 }))
    useTracker(loose('tracker'))
    expect(getTracker()).toBe(tracker)
    useTracker(undefined)
    expect(getTracker()).toBeUndefined()
  })

  it('useTracker(undefined) drops the calls queued while there was no tracker', async () => {
    const { transport, actions } = capture()
    datadogRum.addAction('Dropped')
    useTracker(undefined)
    registerTracker(transport)
    datadogRum.addAction('Kept')
    expect((await actions()).map((event) => event.action.name)).toEqual(['Kept'])
  })

  it('whenTracker resolves with the tracker once one is registered', async () => {
    const waiting = whenTracker(5_000)
    const { transport } = capture()
    setTimeout(() => registerTracker(transport), 30)
    const tracker = await waiting
    expect(tracker).toBe(getTracker())
    await expect(whenTracker(0)).resolves.toBe(tracker)
  })

  it('whenTracker rejects after the timeout with an error that says how to fix it', async () => {
    const started = performance.now()
    const error = await whenTracker(60).catch((reason: unknown) => reason)
    expect(performance.now() - started).toBeGreaterThanOrEqual(55)
    expect(error).toBeInstanceOf(TrackerTimeoutError)
    expect(error).toBeInstanceOf(Error)
    const message = (error as Error).message
    expect(message).toContain('no tracker was registered within 60 ms')
    expect(message).toContain('datadogRum.init(')
    expect(message).toContain('useTracker(')
  })
})

describe('datadogRum', () => {
  it('addAction(name, context) records a custom instant action', async () => {
    const { transport, action } = capture()
    datadogRum.init({ applicationId: 'dd-app', trackNavigation: false, transport })
    datadogRum.addAction('checkout', { value: 42.12, items: ['tomato'] })
    const event = await action('checkout')
    expect(event.application.id).toBe('dd-app')
    expect(event.action).toMatchObject({
      type: 'custom',
      name: 'checkout',
      complete_reason: 'completed_by_api',
      context: { value: 42.12, items: ['tomato'] },
    })
  })

  it("addAction(type, name, context), Flashcat's form, is told apart by a string second argument", async () => {
    const { transport, action } = capture()
    flashcatRum.init({ applicationId: 'fc-app', trackNavigation: false, transport })
    expect(flashcatRum).toBe(datadogRum)
    flashcatRum.addAction('purchase', 'Place order', { total: 42 })
    flashcatRum.addAction('tap', 'Menu')
    expect((await action('Place order')).action).toMatchObject({
      type: 'purchase',
      context: { total: 42 },
    })
    const menu = await action('Menu')
    expect(menu.action.type).toBe('tap')
    expect(menu.action).not.toHaveProperty('context')
  })

  it('queues calls made before init and replays them in order; queued actions keep their time', async () => {
    const { transport, action, actions } = capture()
    const calledAt = Date.now()
    datadogRum.setUser({ id: 'u-1', name: 'Ada' })
    datadogRum.setGlobalContextProperty('plan', 'free')
    datadogRum.setGlobalContextProperty('plan', 'pro')
    datadogRum.setTrackingConsent('not-granted')
    datadogRum.addAction('Refused')
    datadogRum.setTrackingConsent('granted')
    datadogRum.addAction('Early', { step: 1 })
    await sleep(80)
    const initAt = Date.now()
    datadogRum.init({ applicationId: 'dd-app', trackNavigation: false, transport })
    datadogRum.addAction('Late')

    const early = await action('Early')
    expect(early.user).toEqual({ id: 'u-1', name: 'Ada' })
    expect(early.context).toEqual({ plan: 'pro' })
    expect(early.action.context).toEqual({ step: 1 })
    expect(early.action.start).toBeGreaterThanOrEqual(calledAt)
    expect(early.action.start).toBeLessThan(initAt)
    expect(early.time).toBe(early.action.start)
    expect((await action('Late')).action.start).toBeGreaterThanOrEqual(initAt)
    // Consent was refused, in the replayed order, while 'Refused' was recorded.
    expect((await actions()).map((event) => event.action.name)).toEqual(['Early', 'Late'])
  })

  it('maps Datadog options: service/env/version to the global context, old option names, privacy', async () => {
    const { transport, action } = capture()
    datadogRum.init({
      applicationId: 'dd-app',
      clientToken: 'pub123',
      site: 'datadoghq.eu',
      service: 'shop-front',
      env: 'prod',
      version: '1.2.3',
      trackNavigation: false,
      trackInteractions: true,
      defaultPrivacyLevel: 'mask-unless-allowlisted',
      allowedTracingUrls: ['https://api.shop.example'],
      transport,
    })
    const seen: string[] = []
    getTracker()?.subscribe((started) => seen.push(`${started.type}:${started.name}`))
    await userEvent.click(button('Secret plan'))
    expect(seen).toEqual(['click:Masked element'])
    datadogRum.addAction('Tagged')
    expect((await action('Tagged')).context).toEqual({
      service: 'shop-front',
      env: 'prod',
      version: '1.2.3',
    })
    expect(datadogRum.getInitConfiguration()).toMatchObject({
      applicationId: 'dd-app',
      site: 'datadoghq.eu',
      service: 'shop-front',
    })
  })

  it('sampleRate (the older name of sessionSampleRate) 0 tracks nothing', async () => {
    const { transport, actions } = capture()
    datadogRum.init({ applicationId: 'dd-app', trackNavigation: false, sampleRate: 0, transport })
    datadogRum.addAction('Sampled out')
    expect(await actions()).toEqual([])
  })

  it('trackingConsent at init, then setTrackingConsent', async () => {
    const { transport, actions, action } = capture()
    datadogRum.init({
      applicationId: 'dd-app',
      trackNavigation: false,
      trackingConsent: 'not-granted',
      transport,
    })
    datadogRum.addAction('Before consent')
    datadogRum.setTrackingConsent('granted')
    datadogRum.addAction('After consent')
    expect((await actions()).map((event) => event.action.name)).toEqual(['After consent'])
    expect((await action('After consent')).action.type).toBe('custom')
  })

  it('setUser, clearUser, setGlobalContextProperty and removeGlobalContextProperty', async () => {
    const { transport, action } = capture()
    datadogRum.init({ applicationId: 'dd-app', trackNavigation: false, transport })
    datadogRum.setUser({ id: 'u-7', email: 'ada@example.com' })
    datadogRum.setGlobalContextProperty('cart', { items: 2 })
    datadogRum.addAction('With user')
    datadogRum.clearUser()
    datadogRum.removeGlobalContextProperty('cart')
    datadogRum.addAction('Without user')
    const withUser = await action('With user')
    expect(withUser.user).toEqual({ id: 'u-7', email: 'ada@example.com' })
    expect(withUser.context).toEqual({ cart: { items: 2 } })
    const without = await action('Without user')
    expect(without).not.toHaveProperty('user')
    expect(without).not.toHaveProperty('context')
  })

  it('a second init is ignored with a warning; site without endpoint warns too', async () => {
    const first = capture()
    const second = capture()
    datadogRum.init({ applicationId: 'first', trackNavigation: false, transport: first.transport })
    expect(console.warn).not.toHaveBeenCalled()
    const tracker = getTracker()
    datadogRum.init({ applicationId: 'second', site: 'datadoghq.com' })
    expect(getTracker()).toBe(tracker)
    const warnings = vi.mocked(console.warn).mock.calls.map((call) => String(call[0]))
    expect(warnings.some((text) => text.includes('`site`') && text.includes('endpoint'))).toBe(true)
    expect(warnings.some((text) => text.includes('already registered'))).toBe(true)
    datadogRum.addAction('Once')
    expect((await first.action('Once')).application.id).toBe('first')
    expect(second.events).toEqual([])
  })

  it('init without an applicationId registers nothing; queued calls wait for a real init', async () => {
    const { transport, action } = capture()
    datadogRum.addAction('Waiting')
    datadogRum.init(loose({ clientToken: 'x' }))
    expect(getTracker()).toBeUndefined()
    expect(vi.mocked(console.error).mock.calls.join(' ')).toContain('applicationId')
    expect(datadogRum.getInitConfiguration()).toBeUndefined()
    datadogRum.init({ applicationId: 'dd-app', trackNavigation: false, transport })
    expect((await action('Waiting')).action.name).toBe('Waiting')
  })

  it('talks to a tracker registered with useTracker, without init', async () => {
    const { transport, action } = capture()
    registerTracker(transport)
    datadogRum.addAction('Through adapter', { from: 'react' })
    expect((await action('Through adapter')).application.id).toBe('own-app')
    expect(datadogRum.getInitConfiguration()).toBeUndefined()
  })
})

describe('userActions (Dynatrace)', () => {
  it('create() with the older names completes automatically by default (autoClose: true)', async () => {
    const { transport, action } = capture()
    registerTracker(transport)
    const ua = userActions.create({ name: 'Search' })
    expect(ua.autoClose).toBe(true)
    expect(ua.completeAutomatically).toBe(true)
    expect(ua.state).toBe('active')
    expect(userActions.current).toBe(ua)
    await expect.poll(() => ua.state).toBe('complete')
    expect(userActions.current).toBeUndefined()
    expect((await action('Search')).action.complete_reason).toBe('completed')
  })

  it('create() with no options at all uses the older default too', async () => {
    const { transport } = capture()
    registerTracker(transport)
    const ua = userActions.create()
    expect(ua.autoClose).toBe(true)
    await expect.poll(() => ua.state).toBe('complete')
  })

  it('create({ customName }) does not complete automatically (completeAutomatically: false)', async () => {
    const { transport, action } = capture()
    registerTracker(transport)
    const ua = userActions.create({ customName: 'Checkout' })
    expect(ua.completeAutomatically).toBe(false)
    expect(ua.name).toBe('Checkout')
    const told: UserActionEndEvent[] = []
    ua.subscribe((event) => told.push(event))
    await expect.poll(() => told.length).toBe(1)
    expect(told[0]).toMatchObject({ userAction: ua, closed: false, completeReason: 'completed' })
    expect(ua.state).toBe('active')
    ua.complete()
    expect(ua.state).toBe('complete')
    expect(told[1]).toMatchObject({
      userAction: ua,
      closed: true,
      completeReason: 'completed_by_api',
    })
    expect(told[1]?.end).toBeGreaterThanOrEqual(ua.startTime + 100)
    expect(told[1]?.hadActivity).toBe(false)
    expect((await action('Checkout')).action.complete_reason).toBe('completed_by_api')
  })

  it('explicit values win over the defaults: autoClose: false, completeAutomatically: true', async () => {
    const { transport } = capture()
    registerTracker(transport)
    const manual = userActions.create({ name: 'Old manual', autoClose: false })
    expect(manual.autoClose).toBe(false)
    manual.finish()
    const automatic = userActions.create({ customName: 'New auto', completeAutomatically: true })
    expect(automatic.completeAutomatically).toBe(true)
    await expect.poll(() => automatic.state).toBe('complete')
  })

  it('autoClose / completeAutomatically can be switched while the action is open', async () => {
    const { transport, action } = capture()
    registerTracker(transport)
    const ua = userActions.create({ customName: 'Wizard' })
    await sleep(200)
    expect(ua.state).toBe('active')
    ua.completeAutomatically = true
    expect(ua.autoClose).toBe(true)
    await expect.poll(() => ua.state).toBe('complete')
    expect((await action('Wizard')).action.complete_reason).toBe('completed')
    const other = userActions.create({ name: 'Other' })
    other.autoClose = loose('no')
    expect(other.autoClose).toBe(true)
    other.finish()
  })

  it('name / customName rename it; startTime comes from create and cannot be moved later', async () => {
    const { transport, action } = capture()
    registerTracker(transport)
    const startTime = Date.now() - 5_000
    const ua = userActions.create({ customName: 'Draft', startTime })
    expect(ua.startTime).toBe(startTime)
    ua.name = 'Renamed'
    expect(ua.customName).toBe('Renamed')
    ua.customName = 'Final'
    ua.name = loose(42)
    ua.startTime = Date.now()
    expect(ua.startTime).toBe(startTime)
    ua.complete()
    const event = await action('Final')
    expect(event.action.start).toBe(startTime)
    expect(event.action.duration).toBeGreaterThanOrEqual(5_000)
  })

  it('event_properties map to the action context without their prefix; other keys are ignored', async () => {
    const { transport, action } = capture()
    registerTracker(transport)
    const ua = userActions.create({ customName: 'Pay' })
    ua.event_properties = loose({
      'event_properties.cart_size': 3,
      'event_properties.currency': 'EUR',
      'event_properties.express': true,
      'event_properties.nested': { no: 'objects' },
      'event_properties.nan': Number.NaN,
      'event_properties.': 'empty name',
      plain_key: 'no prefix',
    })
    expect(ua.event_properties).toEqual({
      'event_properties.cart_size': 3,
      'event_properties.currency': 'EUR',
      'event_properties.express': true,
    })
    ua.event_properties = loose('not an object')
    expect(ua.event_properties['event_properties.cart_size']).toBe(3)
    ua.complete()
    expect((await action('Pay')).action.context).toEqual({
      cart_size: 3,
      currency: 'EUR',
      express: true,
    })
  })

  it('subscribe sees every new action as a UserActionTracker, before it runs', async () => {
    const { transport, action } = capture()
    registerTracker(transport)
    const seen: UserActionTracker[] = []
    const unsubscribe = userActions.subscribe((ua) => {
      seen.push(ua)
      ua.completeAutomatically = false
      ua.event_properties = { 'event_properties.source': 'subscriber' }
    })
    const created = userActions.create({ name: 'Export' })
    expect(seen).toEqual([created])
    await sleep(200)
    expect(created.state).toBe('active')
    created.finish()
    unsubscribe()
    userActions.create({ name: 'Unseen' }).finish()
    expect(seen).toHaveLength(1)
    expect((await action('Export')).action.context).toEqual({ source: 'subscriber' })
  })

  it('the end event reports activity and an end at the last activity', async () => {
    const { transport } = capture()
    registerTracker(transport)
    const ua = userActions.create({ name: 'Load' })
    const told: UserActionEndEvent[] = []
    ua.subscribe((event) => told.push(event))
    await fetch('/slow?ms=80')
    await expect.poll(() => told.length).toBe(1)
    expect(told[0]).toMatchObject({ closed: true, completeReason: 'completed', hadActivity: true })
    expect(told[0]?.end).toBeGreaterThanOrEqual(ua.startTime + 80)
    expect(told[0]?.end).toBeLessThanOrEqual(Date.now())
  })

  it('setAutomaticDetection(false) stops detecting clicks; true resumes', async () => {
    const { transport } = capture()
    registerTracker(transport)
    const seen: string[] = []
    userActions.subscribe((ua) => seen.push(ua.name))
    userActions.setAutomaticDetection(false)
    await userEvent.click(button('Ignored'))
    userActions.setAutomaticDetection(loose('yes'))
    await userEvent.click(button('Still ignored'))
    userActions.setAutomaticDetection(true)
    await userEvent.click(button('Seen'))
    expect(seen).toEqual(['Seen'])
  })

  it('without a tracker: create gives an action that is already complete; the rest does nothing', () => {
    const ua = userActions.create({ customName: 'Nowhere' })
    expect(ua.state).toBe('complete')
    expect(() => ua.complete()).not.toThrow()
    expect(userActions.current).toBeUndefined()
    expect(userActions.subscribe(() => {})).toBeTypeOf('function')
    expect(() => userActions.setAutomaticDetection(false)).not.toThrow()
  })
})

describe('safe user action wrappers', () => {
  it('return undefined while no tracker is registered', () => {
    expect(safeUserActions.create({ customName: 'Nothing' })).toBeUndefined()
    expect(safeUserActions.subscribe(() => {})).toBeUndefined()
    expect(safeUserActions.setAutomaticDetection(false)).toBeUndefined()
    expect(safeUserActions.getCurrent()).toBeUndefined()
  })

  it('work on the registered tracker', async () => {
    const { transport, action } = capture()
    registerTracker(transport)
    const seen: string[] = []
    const unsubscribe = safeUserActions.subscribe((ua) => seen.push(ua.name))
    expect(unsubscribe).toBeTypeOf('function')
    const ua = safeUserActions.create({ customName: 'Safe' })
    expect(ua?.state).toBe('active')
    expect(safeUserActions.getCurrent()).toBe(ua)
    ua?.complete()
    expect(safeUserActions.getCurrent()).toBeUndefined()
    expect(seen).toEqual(['Safe'])
    expect((await action('Safe')).action.type).toBe('custom')
  })
})

describe('promise user action wrappers', () => {
  it('wait for a tracker, then resolve', async () => {
    const { transport, action } = capture()
    const created = promiseUserActions.create({ customName: 'Awaited' }, 5_000)
    const current = promiseUserActions.getCurrent()
    const seen: string[] = []
    const subscribed = promiseUserActions.subscribe((ua) => seen.push(ua.name))
    setTimeout(() => registerTracker(transport), 40)
    const ua = await created
    expect(ua.state).toBe('active')
    expect(await current).toBe(ua)
    expect(await subscribed).toBeTypeOf('function')
    await promiseUserActions.setAutomaticDetection(false)
    ua.complete()
    expect((await action('Awaited')).action.complete_reason).toBe('completed_by_api')
    // The subscription came after the action was created.
    promiseUserActions.create({ name: 'Second' }).then((second) => second.finish())
    await expect.poll(() => seen).toEqual(['Second'])
  })

  it('reject after the timeout with a TrackerTimeoutError', async () => {
    const results = await Promise.allSettled([
      promiseUserActions.create({ customName: 'Never' }, 30),
      promiseUserActions.subscribe(() => {}, 30),
      promiseUserActions.setAutomaticDetection(true, 30),
      promiseUserActions.getCurrent(30),
    ])
    for (const result of results) {
      expect(result.status).toBe('rejected')
      const reason = (result as PromiseRejectedResult).reason
      expect(reason).toBeInstanceOf(TrackerTimeoutError)
      expect(String(reason.message)).toContain('within 30 ms')
    }
  })

  it('wait 10 s by default', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      let settled: unknown
      promiseUserActions.getCurrent().then(
        () => (settled = 'resolved'),
        (error: unknown) => (settled = error),
      )
      await vi.advanceTimersByTimeAsync(9_999)
      expect(settled).toBeUndefined()
      await vi.advanceTimersByTimeAsync(1)
      expect(settled).toBeInstanceOf(TrackerTimeoutError)
      expect((settled as TrackerTimeoutError).timeout).toBe(10_000)
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('moesif', () => {
  it('track(name, metadata) records an instant action; identifyUser and identifyCompany', async () => {
    const { transport, action } = capture()
    moesif.init({ applicationId: 'moesif-app', trackNavigation: false, transport })
    moesif.identifyUser('u-12', { email: 'ada@example.com', id: 'ignored' })
    moesif.identifyCompany('acme', { plan: 'enterprise' })
    moesif.track('Clicked Sign Up', { button_label: 'Get Started', sign_up_method: 'Google SSO' })
    const event = await action('Clicked Sign Up')
    expect(event.application.id).toBe('moesif-app')
    expect(event.user).toEqual({ email: 'ada@example.com', id: 'u-12' })
    expect(event.context).toEqual({ company: { plan: 'enterprise', id: 'acme' } })
    expect(event.action).toMatchObject({
      type: 'custom',
      complete_reason: 'completed_by_api',
      context: { button_label: 'Get Started', sign_up_method: 'Google SSO' },
    })
  })

  it('calls before init are queued and replayed; a second init is ignored', async () => {
    const { transport, action } = capture()
    moesif.identifyUser('u-1')
    moesif.track('Signed up')
    moesif.init({ applicationId: 'moesif-app', trackNavigation: false, transport })
    const tracker = getTracker()
    moesif.init({ applicationId: 'other' })
    expect(getTracker()).toBe(tracker)
    const event = await action('Signed up')
    expect(event.user).toEqual({ id: 'u-1' })
    expect(event).not.toHaveProperty('context')
  })

  it('shares the tracker with the other shims', async () => {
    const { transport, action } = capture()
    datadogRum.init({ applicationId: 'shared', trackNavigation: false, transport })
    moesif.identifyUser('u-9')
    moesif.track('From moesif')
    expect((await action('From moesif')).user).toEqual({ id: 'u-9' })
  })
})
