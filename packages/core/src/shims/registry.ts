import { createTracker } from '../tracker'
import type { Tracker, TrackerOptions } from '../types'
import { read, safe } from './guard'

/** How long the promise wrappers wait for a tracker by default, in ms. */
export const DEFAULT_TIMEOUT = 10_000

/** Calls kept while no tracker is registered; the oldest go first. */
export const QUEUE_LIMIT = 100

/** The longest delay `setTimeout` honours; longer ones would fire at once. */
const MAX_DELAY = 2 ** 31 - 1

type QueuedCall = (tracker: Tracker, queuedAt: number | undefined) => void

let registered: Tracker | undefined
let queue: { call: QueuedCall; at: number }[] = []
const waiting = new Set<(tracker: Tracker) => void>()

/** What a promise wrapper rejects with when no tracker was registered in time. */
export class TrackerTimeoutError extends Error {
  constructor(readonly timeout: number) {
    super(
      `Actiontrail: no tracker was registered within ${timeout} ms. Create one before using ` +
        'the promise wrappers: call datadogRum.init({ applicationId, ... }) or ' +
        'moesif.init({ applicationId, ... }), or register the tracker your app already has ' +
        'with useTracker(tracker).',
    )
    this.name = 'TrackerTimeoutError'
  }
}

const isTracker = (value: unknown): value is Tracker =>
  typeof value === 'object' &&
  value !== null &&
  ['addAction', 'startAction', 'subscribe', 'setUser'].every(
    (method) => typeof read(value, method) === 'function',
  )

/**
 * Registers the tracker the shims talk to (one a framework adapter or your own code created).
 * Calls the shims queued while there was none are replayed on it, in order, and the promise
 * wrappers waiting for one resolve. `useTracker(undefined)` unregisters it and drops queued calls.
 */
export const useTracker = safe((tracker: Tracker | undefined): void => {
  if (tracker === undefined || tracker === null) {
    registered = undefined
    queue = []
    return
  }
  if (!isTracker(tracker)) return
  registered = tracker
  for (const { call, at } of queue.splice(0)) safe(call, undefined)(tracker, at)
  for (const resolve of [...waiting]) resolve(tracker)
}, undefined)

/** The registered tracker, or `undefined`. */
export const getTracker = (): Tracker | undefined => registered

/**
 * Resolves with the registered tracker, as soon as there is one. Rejects with a
 * {@link TrackerTimeoutError} after `timeout` ms (default 10 s) without one.
 */
export function whenTracker(timeout: number = DEFAULT_TIMEOUT): Promise<Tracker> {
  if (registered) return Promise.resolve(registered)
  const ms =
    typeof timeout === 'number' && timeout >= 0 ? Math.min(timeout, MAX_DELAY) : DEFAULT_TIMEOUT
  return new Promise((resolve, reject) => {
    const done = (tracker: Tracker) => {
      clearTimeout(timer)
      waiting.delete(done)
      resolve(tracker)
    }
    const timer = setTimeout(() => {
      waiting.delete(done)
      reject(new TrackerTimeoutError(ms))
    }, ms)
    waiting.add(done)
  })
}

/**
 * Runs `call` on the registered tracker now, or, while there is none, queues it (the latest
 * {@link QUEUE_LIMIT} calls) until one is registered. A replayed call is given the epoch ms it
 * was made at.
 */
export function withTracker(call: QueuedCall): void {
  if (registered) {
    call(registered, undefined)
    return
  }
  queue.push({ call, at: Date.now() })
  if (queue.length > QUEUE_LIMIT) queue.shift()
}

/**
 * The `init` of the shims: creates a tracker with `options`, lets `prepare` set it up, and
 * registers it (so queued calls replay after `prepare`). Ignored, with a console warning, while
 * a tracker is registered. Without a usable `applicationId` the tracker says so on the console
 * and nothing is registered: queued calls keep waiting.
 */
export function initTracker(
  options: TrackerOptions,
  caller: string,
  prepare?: (tracker: Tracker) => void,
): Tracker | undefined {
  if (registered) {
    console.warn(
      `[actiontrail] ${caller}() was called while a tracker is already registered; the call is ignored.`,
    )
    return undefined
  }
  const tracker = createTracker(options)
  const { applicationId } = options
  if (typeof applicationId !== 'string' || !applicationId) return undefined
  prepare?.(tracker)
  useTracker(tracker)
  return tracker
}
