import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ActionEvent, RouterNavigation, Tracker, TrackerEvent, UserAction } from '../../src'
import { createTracker } from '../../src'
import {
  datadogRum,
  getTracker,
  moesif,
  promiseUserActions,
  safeUserActions,
  TrackerTimeoutError,
  type UserActionTracker,
  userActions,
  useTracker,
  whenTracker,
} from '../../src/shims'

/*
 * The public API never throws into the caller. fast-check calls the whole of it — createTracker,
 * the tracker, its actions, and every shim — with arbitrary values in arbitrary order, checks
 * that no call throws and no promise rejects (but the documented promise-wrapper timeout), then
 * makes valid calls and checks that they still produce the right events.
 */

/** What one run has created so far, and what went wrong that a throw would not show. */
interface World {
  trackers: Set<Tracker>
  tracker?: Tracker
  action?: UserAction
  navigation?: RouterNavigation
  ua?: UserActionTracker
  /** Functions the API returned: unsubscribers, removers, `done()` of beginActivity. */
  returned: unknown[]
  pending: Promise<void>[]
  failures: string[]
}

// ---------------------------------------------------------------------------------------------
// Values

/** Gives a hostile value a name fast-check can print without touching it. */
function labelled<T extends object>(value: T, label: string): T {
  Object.defineProperty(value, fc.toStringMethod, { value: () => label, enumerable: false })
  return value
}

/** Thrown by the getters below: its own `toString` throws too. */
const unprintable = () =>
  labelled(
    {
      toString: () => {
        throw new Error('toString of a thrown value')
      },
    },
    'unprintable',
  )

const hostileFactories: Record<string, () => unknown> = {
  cyclic: () => {
    const loop: Record<string, unknown> = { name: 'loop' }
    loop.self = loop
    loop.list = [loop, { back: loop }]
    return labelled(loop, 'cyclic')
  },
  throwingGetter: () =>
    labelled(
      Object.defineProperty({ ok: 1 }, 'name', {
        enumerable: true,
        get() {
          throw new Error('getter')
        },
      }),
      'throwingGetter',
    ),
  getterThrowingUnprintable: () =>
    labelled(
      Object.defineProperty({}, 'id', {
        enumerable: true,
        get() {
          throw unprintable()
        },
      }),
      'getterThrowingUnprintable',
    ),
  hostileProxy: () =>
    new Proxy(
      {},
      {
        get(_target, key) {
          if (key === fc.toStringMethod) return () => 'hostileProxy'
          if (typeof key === 'symbol') return undefined
          throw new Error(`proxy get ${key}`)
        },
        has: (_target, key) => key === fc.toStringMethod,
        ownKeys() {
          throw new Error('proxy ownKeys')
        },
        getOwnPropertyDescriptor() {
          throw new Error('proxy descriptor')
        },
        getPrototypeOf() {
          throw new Error('proxy prototype')
        },
      },
    ),
  throwingFunction: () =>
    labelled(() => {
      throw new Error('callback')
    }, 'throwingFunction'),
  symbol: () => Symbol('value'),
  bigint: () => 10n ** 30n,
  body: () => document.body,
  detachedElement: () => document.createElement('button'),
  textNode: () => document.createTextNode('text'),
  hugeString: () => 'x'.repeat(200_000),
  hugeArray: () => labelled(new Array(100_000).fill(7), 'hugeArray'),
  deep: () => {
    let value: Record<string, unknown> = { leaf: true }
    for (let i = 0; i < 60; i++) value = { next: value }
    return labelled(value, 'deep')
  },
  nan: () => Number.NaN,
  infinity: () => Number.POSITIVE_INFINITY,
  minusInfinity: () => Number.NEGATIVE_INFINITY,
  minusZero: () => -0,
  future: () => Date.now() + 1e9,
  negative: () => -1,
  invalidDate: () => new Date(Number.NaN),
  nullPrototype: () => labelled(Object.assign(Object.create(null), { a: 1 }), 'nullPrototype'),
  fakeToString: () => labelled({ toString: 'not a function', valueOf: 'nor this' }, 'fakeToString'),
  throwingToString: () => labelled({ toString: unprintable().toString }, 'throwingToString'),
  error: () => new Error('an error as a value'),
  frozen: () => Object.freeze({ frozen: true }),
  promise: () => Promise.resolve('a promise'),
  rejected: () => {
    const promise = Promise.reject(new Error('a rejected promise'))
    promise.catch(() => {})
    return promise
  },
}

/** The values that throw as soon as they are read, listed, inspected or called. */
const THROWERS = [
  'throwingGetter',
  'getterThrowingUnprintable',
  'hostileProxy',
  'throwingFunction',
  'throwingToString',
]

const make = (names: string[]) =>
  fc.constantFrom(...names).map((name) => (hostileFactories[name] as () => unknown)())

const hostile = fc.oneof(
  { weight: 1, arbitrary: make(THROWERS) },
  { weight: 1, arbitrary: make(Object.keys(hostileFactories)) },
)

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.anything({
      maxDepth: 3,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withTypedArray: true,
      withSparseArray: true,
      withBoxedValues: true,
    }),
  },
  { weight: 4, arbitrary: hostile },
  { weight: 1, arbitrary: fc.func(fc.anything()) },
  { weight: 1, arbitrary: fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean()) },
)

/** Well-formed or anything: well-formed values get the calls past the first type checks. */
const or = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 1, arbitrary: valid }, { weight: 1, arbitrary: anyValue })

const name = or(fc.oneof(fc.constantFrom('Checkout', 'Save', ''), fc.string({ maxLength: 30 })))
const context = or(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })))
const time = or(
  fc.oneof(
    fc.integer({ min: -1e7, max: 1e9 }).map((ago) => Date.now() - ago),
    fc.constantFrom(0, -1, Number.NaN, Number.POSITIVE_INFINITY, 8.64e15),
  ),
)
const callback = fc.oneof(fc.func(anyValue), hostile, anyValue)
const timeout = or(fc.integer({ min: 0, max: 25 }))
const consent = or(fc.constantFrom('granted', 'pending', 'not-granted'))

const trackerOptionsRecord = fc.record(
  {
    applicationId: fc.oneof(
      { weight: 6, arbitrary: fc.constant('chaos-app') },
      { weight: 1, arbitrary: fc.constant('') },
      { weight: 1, arbitrary: anyValue },
    ),
    clientToken: or(fc.string()),
    trackNavigation: or(fc.boolean()),
    trackUserInteractions: or(fc.boolean()),
    trackForms: or(fc.boolean()),
    actionNameAttribute: or(fc.string()),
    defaultPrivacyLevel: or(fc.constantFrom('allow', 'mask', 'mask-user-input')),
    trackingConsent: consent,
    sessionSampleRate: or(fc.double({ min: -10, max: 110 })),
    idleTimeout: or(fc.integer({ min: 1, max: 200 })),
    maxDuration: or(fc.integer({ min: 1, max: 2_000 })),
    excludedActivityUrls: or(fc.array(or(fc.string()), { maxLength: 3 })),
    beforeSend: callback,
    transport: callback,
    debug: or(fc.boolean()),
    // Datadog's names, for the shims' init.
    site: or(fc.constant('datadoghq.com')),
    service: or(fc.string()),
    env: or(fc.string()),
    version: or(fc.string()),
    sampleRate: or(fc.integer({ min: 0, max: 100 })),
    trackInteractions: or(fc.boolean()),
  },
  { requiredKeys: ['applicationId'] },
)
const trackerOptions = or(trackerOptionsRecord)

/** Options for createTracker itself, often hostile. */
const createOptions = fc.oneof(
  { weight: 5, arbitrary: trackerOptionsRecord },
  { weight: 1, arbitrary: anyValue },
  { weight: 1, arbitrary: hostile },
)

const startOptions = or(
  fc.record(
    { autoClose: or(fc.boolean()), type: or(fc.string()), startTime: time, context },
    { requiredKeys: [] },
  ),
)

const dynatraceOptions = or(
  fc.record(
    {
      name,
      customName: name,
      autoClose: or(fc.boolean()),
      completeAutomatically: or(fc.boolean()),
      startTime: time,
    },
    { requiredKeys: [] },
  ),
)

const eventProperties = or(
  fc.dictionary(
    fc.oneof(
      fc.string().map((key) => `event_properties.${key}`),
      fc.string(),
    ),
    or(fc.oneof(fc.string(), fc.double(), fc.boolean())),
  ),
)

const args = (...items: fc.Arbitrary<unknown>[]) =>
  fc.oneof({ weight: 3, arbitrary: fc.tuple(...items) }, fc.array(anyValue, { maxLength: 4 }))

// ---------------------------------------------------------------------------------------------
// Commands

interface Command {
  run(world: World): void | Promise<void>
}

const isPromise = (value: unknown): value is Promise<unknown> => value instanceof Promise

/** Records how a returned promise settles: it must resolve, or reject with the timeout error. */
function expectSettled(world: World, label: string, value: unknown, mayTimeOut: boolean) {
  if (!isPromise(value)) {
    world.failures.push(`${label} returned ${typeof value}, not a promise`)
    return
  }
  world.pending.push(
    value.then(
      () => {},
      (error: unknown) => {
        if (!(mayTimeOut && error instanceof TrackerTimeoutError))
          world.failures.push(`${label} rejected with ${String(error)}`)
      },
    ),
  )
}

/** A call of `method` on the object `target(world)` gives, with generated arguments. */
function call(
  targetName: string,
  target: (world: World) => object | undefined,
  method: string,
  argsArbitrary: fc.Arbitrary<unknown[]>,
  after?: (world: World, result: unknown, label: string) => void,
): fc.Arbitrary<Command> {
  return argsArbitrary.map((values) => {
    const label = `${targetName}.${method}`
    return labelled<Command>(
      {
        run(world) {
          const object = target(world)
          if (!object) return
          const fn = (object as Record<string, unknown>)[method]
          const result = Reflect.apply(fn as (...a: unknown[]) => unknown, object, values)
          after?.(world, result, label)
        },
      },
      `${label}(${fc.stringify(values).slice(1, -1)})`,
    )
  })
}

/** An assignment `target(world)[property] = value`. */
function assign(
  targetName: string,
  target: (world: World) => object | undefined,
  properties: Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<Command>[] {
  return Object.entries(properties).map(([property, values]) =>
    values.map((value) =>
      labelled<Command>(
        {
          run(world) {
            const object = target(world)
            if (object) (object as Record<string, unknown>)[property] = value
          },
        },
        `${targetName}.${property} = ${fc.stringify(value)}`,
      ),
    ),
  )
}

/** Reads every listed property of `target(world)`. */
function readAll(
  targetName: string,
  target: (world: World) => object | undefined,
  properties: string[],
): fc.Arbitrary<Command> {
  return fc.constant(
    labelled<Command>(
      {
        run(world) {
          const object = target(world) as Record<string, unknown> | undefined
          if (object) for (const property of properties) void object[property]
        },
      },
      `read ${targetName}.{${properties.join(', ')}}`,
    ),
  )
}

/** The last tracker, action or user action of the run; a valid one when there is none yet. */
const tracker = (world: World) => {
  if (!world.tracker) {
    world.tracker = createTracker({ applicationId: 'chaos-app', trackNavigation: false })
    world.trackers.add(world.tracker)
  }
  return world.tracker
}
const action = (world: World) => {
  world.action ??= tracker(world).startAction('chaos action')
  return world.action
}
const navigation = (world: World) => {
  world.navigation ??= tracker(world).startNavigation('/chaos/:id', '/chaos/1')
  return world.navigation
}
const ua = (world: World) => {
  world.ua ??= userActions.create({ name: 'chaos user action' })
  return world.ua
}
const keep =
  (key: 'tracker' | 'action' | 'navigation' | 'ua') => (world: World, result: unknown) => {
    if (key === 'tracker') world.trackers.add(result as Tracker)
    if (result) (world as unknown as Record<string, unknown>)[key] = result
  }
const keepFunction = (world: World, result: unknown, label: string) => {
  if (typeof result === 'function') world.returned.push(result)
  else if (result !== undefined) world.failures.push(`${label} returned ${typeof result}`)
}
const mustResolve = (world: World, result: unknown, label: string) =>
  expectSettled(world, label, result, false)
const mayTimeOut = (world: World, result: unknown, label: string) =>
  expectSettled(world, label, result, true)
const keepUaLater = (world: World, result: unknown, label: string) => {
  mayTimeOut(world, result, label)
  if (isPromise(result))
    result.then(
      (value) => keep('ua')(world, value),
      () => {},
    )
}
const noteTracker = (world: World) => {
  const registered = getTracker()
  if (registered) world.trackers.add(registered)
}

const createTrackerCommand = call(
  '',
  () => ({ createTracker }),
  'createTracker',
  fc.oneof(
    { weight: 6, arbitrary: fc.tuple(createOptions) },
    { weight: 1, arbitrary: fc.array(anyValue, { maxLength: 2 }) },
  ),
  keep('tracker'),
)

const trackerCommands: fc.Arbitrary<Command>[] = [
  call('tracker', tracker, 'addAction', args(name, context, or(fc.record({ type: name })))),
  call('tracker', tracker, 'startAction', args(name, startOptions), keep('action')),
  call('tracker', tracker, 'beginActivity', args(), keepFunction),
  call('tracker', tracker, 'notifyActivity', args()),
  call('tracker', tracker, 'subscribe', args(callback), keepFunction),
  call('tracker', tracker, 'setRoute', args(name)),
  call('tracker', tracker, 'startNavigation', args(name, name), keep('navigation')),
  call('navigation', navigation, 'rendered', args(name)),
  call(
    'navigation',
    navigation,
    'fail',
    args(or(fc.constantFrom('aborted', 'cancelled', 'error'))),
  ),
  call('tracker', tracker, 'setAutomaticDetection', args(or(fc.boolean()))),
  call('tracker', tracker, 'setTrackingConsent', args(consent)),
  call('tracker', tracker, 'setUser', args(or(fc.record({ id: name, plan: name })))),
  call('tracker', tracker, 'setGlobalContext', args(context)),
  call('tracker', tracker, 'setGlobalContextProperty', args(name, anyValue)),
  call('tracker', tracker, 'addEventModifier', args(callback), keepFunction),
  call('tracker', tracker, 'flush', args(), mustResolve),
  call('tracker', tracker, 'stop', args()),
  readAll('tracker', tracker, ['current']),
  // The action startAction returned
  ...assign('action', action, {
    name,
    context,
    autoClose: or(fc.boolean()),
  }),
  call('action', action, 'finish', args()),
  call('action', action, 'subscribe', args(callback), keepFunction),
  readAll('action', action, ['id', 'type', 'name', 'context', 'startTime', 'autoClose', 'state']),
  // Functions the API returned
  fc.nat().map((index) =>
    labelled<Command>(
      {
        run(world) {
          const fn = world.returned[index % Math.max(1, world.returned.length)]
          if (typeof fn === 'function') fn()
        },
      },
      `call returned function #${index}`,
    ),
  ),
]

const shimCommands: fc.Arbitrary<Command>[] = [
  // Datadog / Flashcat
  call('datadogRum', () => datadogRum, 'init', args(trackerOptions), noteTracker),
  call('datadogRum', () => datadogRum, 'addAction', args(name, or(context), context)),
  call('datadogRum', () => datadogRum, 'addAction', args(name, name, context)),
  call('datadogRum', () => datadogRum, 'setTrackingConsent', args(consent)),
  call('datadogRum', () => datadogRum, 'setUser', args(or(fc.record({ id: name, email: name })))),
  call('datadogRum', () => datadogRum, 'clearUser', args()),
  call('datadogRum', () => datadogRum, 'setGlobalContextProperty', args(name, anyValue)),
  call('datadogRum', () => datadogRum, 'removeGlobalContextProperty', args(name)),
  call('datadogRum', () => datadogRum, 'getInitConfiguration', args()),
  // Dynatrace
  call('userActions', () => userActions, 'create', args(dynatraceOptions), keep('ua')),
  call('userActions', () => userActions, 'subscribe', args(callback), keepFunction),
  call('userActions', () => userActions, 'setAutomaticDetection', args(or(fc.boolean()))),
  readAll('userActions', () => userActions, ['current']),
  ...assign('ua', ua, {
    name,
    customName: name,
    autoClose: or(fc.boolean()),
    completeAutomatically: or(fc.boolean()),
    event_properties: eventProperties,
    startTime: time,
  }),
  call('ua', ua, 'finish', args()),
  call('ua', ua, 'complete', args()),
  call('ua', ua, 'subscribe', args(callback), keepFunction),
  readAll('ua', ua, [
    'name',
    'customName',
    'autoClose',
    'completeAutomatically',
    'event_properties',
    'startTime',
    'state',
  ]),
  call('safeUserActions', () => safeUserActions, 'create', args(dynatraceOptions), keep('ua')),
  call('safeUserActions', () => safeUserActions, 'subscribe', args(callback)),
  call('safeUserActions', () => safeUserActions, 'setAutomaticDetection', args(or(fc.boolean()))),
  call('safeUserActions', () => safeUserActions, 'getCurrent', args()),
  call(
    'promiseUserActions',
    () => promiseUserActions,
    'create',
    args(dynatraceOptions, timeout),
    keepUaLater,
  ),
  call(
    'promiseUserActions',
    () => promiseUserActions,
    'subscribe',
    args(callback, timeout),
    mayTimeOut,
  ),
  call(
    'promiseUserActions',
    () => promiseUserActions,
    'setAutomaticDetection',
    args(or(fc.boolean()), timeout),
    mayTimeOut,
  ),
  call('promiseUserActions', () => promiseUserActions, 'getCurrent', args(timeout), mayTimeOut),
  // Moesif
  call('moesif', () => moesif, 'init', args(trackerOptions), noteTracker),
  call('moesif', () => moesif, 'track', args(name, context)),
  call('moesif', () => moesif, 'identifyUser', args(name, context)),
  call('moesif', () => moesif, 'identifyCompany', args(name, context)),
  // The registry
  call('', () => ({ useTracker }), 'useTracker', args(anyValue)),
  fc.constantFrom('the last tracker', 'undefined').map((which) =>
    labelled<Command>(
      {
        run(world) {
          useTracker(which === 'undefined' ? undefined : world.tracker)
        },
      },
      `useTracker(${which})`,
    ),
  ),
  call('', () => ({ whenTracker }), 'whenTracker', args(timeout), mayTimeOut),
]

/**
 * Lets time pass between calls, so timers run in the middle of the chaos: actions complete on
 * idle, subscribers are told, batches flush, promise wrappers time out.
 */
const wait = fc
  .integer({ min: 0, max: 30 })
  .map((ms) =>
    labelled<Command>(
      { run: () => new Promise<void>((resolve) => setTimeout(resolve, ms)) },
      `wait ${ms} ms`,
    ),
  )

/** createTracker often enough that most runs have a live tracker; its calls more than the shims'. */
const command = fc.oneof(
  { weight: 8, arbitrary: createTrackerCommand },
  { weight: 2, arbitrary: wait },
  ...trackerCommands.map((arbitrary) => ({ weight: 3, arbitrary })),
  ...shimCommands.map((arbitrary) => ({ weight: 1, arbitrary })),
)

// ---------------------------------------------------------------------------------------------
// After the chaos: valid calls, checked events

/** Waits for every promise the run was given; they all settle once a tracker is registered. */
async function settled(world: World) {
  const deadline = new Promise<string>((resolve) => setTimeout(() => resolve('timeout'), 3_000))
  const outcome = await Promise.race([Promise.all(world.pending).then(() => 'done'), deadline])
  if (outcome !== 'done') world.failures.push('a returned promise never settled')
}

async function validCallsStillWork(world: World) {
  // The chaos trackers go: one with sessionSampleRate 0 would otherwise leave a sampled-out
  // session in localStorage, which every tracker of the page shares by design.
  for (const each of world.trackers) each.stop()
  localStorage.clear()
  const events: TrackerEvent[] = []
  const fresh = createTracker({
    applicationId: 'after-chaos',
    trackNavigation: false,
    trackUserInteractions: false,
    trackForms: false,
    transport: (batch) => {
      events.push(...batch)
    },
  })
  world.trackers.add(fresh)
  // Replays the queued shim calls and resolves the waiting promise wrappers.
  useTracker(fresh)
  expect(getTracker()).toBe(fresh)
  await settled(world)
  expect(world.failures).toEqual([])

  // Undo whatever the replayed calls set.
  fresh.setTrackingConsent('granted')
  fresh.setUser(undefined)
  fresh.setGlobalContext({})
  fresh.setAutomaticDetection(true)

  datadogRum.setGlobalContextProperty('release', '1.0')
  fresh.addAction('v-add', { k: 1 }, { type: 'v-type' })
  const started = fresh.startAction('v-start', { context: { s: 1 }, autoClose: false })
  started.name = 'v-started'
  started.context = { s: 2 }
  started.finish()
  datadogRum.addAction('v-dd', { d: 1 })
  datadogRum.addAction('v-fc-type', 'v-fc', { f: 1 })
  moesif.identifyUser('v-user', { plan: 'pro' })
  moesif.track('v-moesif', { m: 1 })
  const dynatrace = userActions.create({ customName: 'v-dt' })
  dynatrace.event_properties = { 'event_properties.p': 1 }
  dynatrace.complete()
  safeUserActions.create({ name: 'v-safe', autoClose: false })?.finish()
  ;(await promiseUserActions.create({ customName: 'v-promise' }, 1_000)).complete()
  await fresh.flush()

  const byName = (actionName: string) => {
    const found = events.filter(
      (event): event is ActionEvent => event.type === 'action' && event.action.name === actionName,
    )
    expect(found, `events named ${actionName}`).toHaveLength(1)
    const event = found[0] as ActionEvent
    expect(event.application.id).toBe('after-chaos')
    expect(event.context).toEqual({ release: '1.0' })
    return event
  }
  const expectAction = (
    actionName: string,
    expected: { type: string; context?: object; user?: object; reason?: string },
  ) => {
    const event = byName(actionName)
    expect(event.action.type).toBe(expected.type)
    expect(event.action.context).toEqual(expected.context)
    expect(event.user).toEqual(expected.user)
    expect(event.action.complete_reason).toBe(expected.reason ?? 'completed_by_api')
  }
  expectAction('v-add', { type: 'v-type', context: { k: 1 } })
  expectAction('v-started', { type: 'custom', context: { s: 2 } })
  expectAction('v-dd', { type: 'custom', context: { d: 1 } })
  expectAction('v-fc', { type: 'v-fc-type', context: { f: 1 } })
  const user = { plan: 'pro', id: 'v-user' }
  expectAction('v-moesif', { type: 'custom', context: { m: 1 }, user })
  expectAction('v-dt', { type: 'custom', context: { p: 1 }, user })
  expectAction('v-safe', { type: 'custom', user })
  expectAction('v-promise', { type: 'custom', user })
}

// ---------------------------------------------------------------------------------------------

beforeAll(() => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const)
    vi.spyOn(console, method).mockImplementation(() => {})
})

afterAll(() => {
  vi.restoreAllMocks()
})

describe('the public API never throws', () => {
  it('arbitrary calls in arbitrary order throw nothing, and valid calls afterwards still work', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 60, size: 'max' }), async (run) => {
        const world: World = { trackers: new Set(), returned: [], pending: [], failures: [] }
        useTracker(undefined)
        try {
          for (const command of run) {
            await command.run(world)
            noteTracker(world)
          }
          await validCallsStillWork(world)
        } finally {
          noteTracker(world)
          useTracker(undefined)
          for (const each of world.trackers) each.stop()
          localStorage.clear()
        }
      }),
      // About 5 s; the waits between calls take most of it.
      { numRuns: 400 },
    )
  }, 60_000)
})

describe('inputs the property test once found throwing', () => {
  // Options that throw when read: each option is now read and checked on its own, guarded.
  const survives = (options: unknown) => () => {
    expect(() => createTracker(options as never).stop()).not.toThrow()
  }
  it(
    'createTracker survives an options getter that throws',
    survives(
      Object.defineProperty({}, 'applicationId', {
        enumerable: true,
        get() {
          throw new Error('getter')
        },
      }),
    ),
  )
  it(
    'createTracker survives an options proxy that throws',
    survives(hostileFactories.hostileProxy?.()),
  )
  it(
    'createTracker survives an excludedActivityUrls item that throws when inspected',
    survives({ applicationId: 'app', excludedActivityUrls: [hostileFactories.hostileProxy?.()] }),
  )

  // A getter that throws a value whose toString throws too: sanitizing no longer prints it.
  it('action.context survives a getter that throws an unprintable value', () => {
    const tracker = createTracker({ applicationId: 'bug', trackNavigation: false })
    try {
      const started = tracker.startAction('Context bug', { autoClose: false })
      expect(() => {
        started.context = hostileFactories.getterThrowingUnprintable?.() as never
      }).not.toThrow()
    } finally {
      tracker.stop()
    }
  })
})
