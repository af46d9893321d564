import type { RouterNavigation, Tracker, UserAction } from './types'

const noop = () => {}

/** An action that is already over; what the API hands out when nothing can be tracked. */
export function inertAction(name = ''): UserAction {
  return {
    id: '',
    type: 'custom',
    name,
    context: {},
    startTime: Date.now(),
    autoClose: true,
    state: 'complete',
    finish: noop,
    subscribe: () => noop,
  }
}

/** A router navigation that is already over, for trackers that track nothing. */
export function inertNavigation(name = ''): RouterNavigation {
  return { ...inertAction(name), type: 'navigation', rendered: noop, fail: noop }
}

/**
 * A tracker that does nothing: created on a server (SSR), without a valid `applicationId`, and
 * what a tracker becomes after `stop()`. Every method is safe to call.
 */
export function inertTracker(): Tracker {
  return {
    addAction: noop,
    startAction: (name) => inertAction(typeof name === 'string' ? name : ''),
    current: undefined,
    beginActivity: () => noop,
    notifyActivity: noop,
    subscribe: () => noop,
    setRoute: noop,
    startNavigation: (route) => inertNavigation(typeof route === 'string' ? route : ''),
    setAutomaticDetection: noop,
    setTrackingConsent: noop,
    setUser: noop,
    setGlobalContext: noop,
    setGlobalContextProperty: noop,
    addEventModifier: () => noop,
    flush: () => Promise.resolve(),
    stop: noop,
  }
}
