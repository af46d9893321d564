import { type ActionHost, type ActionInit, TrackedAction } from './action'
import { createMutationWatcher } from './activity/mutations'
import { observePageErrors } from './activity/pageErrors'
import { createPerformanceWatcher } from './activity/performanceEntries'
import { observeRequests } from './activity/requests'
import { observeWindowOpen } from './activity/windowOpen'
import { observeClicks } from './detection/clicks'
import { nameElement, truncateName } from './detection/naming'
import { selectorOf } from './detection/selector'
import { toActionEvent } from './event'
import { inertAction, inertTracker } from './inert'
import { type ResolvedOptions, resolveOptions } from './options'
import { observePageHide } from './pageHide'
import { createEventPipeline } from './pipeline'
import { createReporter, type Reporter } from './report'
import { sanitizeContext } from './sanitize'
import { browserStorage, createSessionManager } from './session'
import type {
  CompleteReason,
  Context,
  EventModifier,
  StartActionOptions,
  Tracker,
  TrackerOptions,
  TrackingConsent,
  User,
  UserAction,
} from './types'
import { absoluteUrl, createUrlFilter } from './urlFilter'
import { currentView } from './view'

const noop = () => {}

/**
 * Creates a tracker. Invalid options are reported on the console, one error per option, and
 * replaced by their defaults. On a server (no `document`) or without an `applicationId` the
 * tracker is inert: every method works and does nothing.
 */
export function createTracker(options: TrackerOptions): Tracker {
  let debug = false
  const reporter = createReporter(() => debug)
  const resolved = resolveOptions(options, reporter)
  if (!resolved || typeof window === 'undefined' || typeof document === 'undefined') {
    return inertTracker()
  }
  debug = resolved.debug
  return createBrowserTracker(resolved, reporter)
}

/** Who started an action, which decides how it ends the one before it. */
type Source = 'api' | 'interaction'

function interruption(type: string, source: Source): CompleteReason {
  if (type === 'navigation') return 'interrupted_by_navigation'
  return source === 'api' ? 'interrupted_by_api' : 'interrupted_by_interaction'
}

function createBrowserTracker(o: ResolvedOptions, reporter: Reporter): Tracker {
  const { warn } = reporter
  let current: TrackedAction | undefined
  let automatic = true
  let stopped = false
  let watching = false
  let user: User | undefined
  let globalContext: Context = {}
  const subscribers = new Set<(action: UserAction) => void>()
  const sessions = createSessionManager(browserStorage(), o.sessionSampleRate)
  const pipeline = createEventPipeline({
    beforeSend: o.beforeSend,
    transport: o.transport,
    consent: o.trackingConsent,
    warn,
  })
  const isExcluded = createUrlFilter(o.endpoint, o.excludedActivityUrls)
  const sanitize = (context: unknown) =>
    sanitizeContext(context, (why) =>
      warn('context', `A context was changed to stay JSON-safe: ${why}.`),
    )

  /** Runs `fn`; an internal failure is reported in debug mode and never reaches the page. */
  const guard =
    <A extends unknown[], R>(fn: (...args: A) => R, fallback: R) =>
    (...args: A): R => {
      try {
        return fn(...args)
      } catch (error) {
        warn('internal', 'Actiontrail hit an internal error; the page was not affected.', error)
        return fallback
      }
    }

  const mutations = createMutationWatcher((count) => {
    if (!current) return
    current.counts.mutations += count
    current.activity()
  })
  const performanceEntries = createPerformanceWatcher({
    resource(entry) {
      const action = current
      if (!action || entry.startTime < action.startedAt || isExcluded(entry.name)) return
      action.counts.resources++
      action.activity(entry.responseEnd || performance.now())
    },
    longTask(entry) {
      // The task that started the action is often the long one: count any that overlap it.
      if (current && entry.startTime + entry.duration >= current.startedAt)
        current.counts.long_tasks++
    },
  })

  /** Observers run only while an action is active: an idle page pays nothing for them. */
  const watch = (on: boolean) => {
    if (on === watching) return
    watching = on
    for (const watcher of [mutations, performanceEntries]) on ? watcher.start() : watcher.stop()
  }

  const host: ActionHost = {
    idleTimeout: o.idleTimeout,
    maxDuration: o.maxDuration,
    sanitize,
    warn,
    ended: guard((action: TrackedAction) => {
      if (current === action) {
        current = undefined
        watch(false)
      }
      if (!pipeline.collecting) return
      const session = sessions.touch()
      if (session.sampled)
        pipeline.push(toActionEvent(action, o.applicationId, session.id, user, globalContext))
    }, undefined),
  }

  const notifySubscribers = (action: TrackedAction) => {
    for (const subscriber of [...subscribers]) {
      try {
        subscriber(action)
      } catch (error) {
        warn('subscriber', 'A tracker subscriber threw.', error)
      }
    }
  }

  const start = (init: Omit<ActionInit, 'view'>, source: Source): TrackedAction => {
    const action = new TrackedAction(host, { ...init, view: currentView() })
    const previous = current
    current = action
    previous?.end(interruption(action.type, source), action.id)
    watch(true)
    notifySubscribers(action)
    // A subscriber may already have finished it or started another action.
    if (action.state === 'active') action.run()
    return action
  }

  const onClick = guard((target: Element, event: PointerEvent) => {
    if (!automatic || stopped) return
    const { name, source } = nameElement(target, o.actionNameAttribute)
    const box = target.getBoundingClientRect()
    start(
      {
        type: 'click',
        name,
        nameSource: source,
        autoClose: true,
        context: {},
        target: {
          tag: target.localName,
          selector: selectorOf(target),
          position: {
            x: Math.round(event.clientX - box.left),
            y: Math.round(event.clientY - box.top),
          },
        },
      },
      'interaction',
    )
  }, undefined)

  const onRequest = (url: string) => {
    const action = current
    if (!action || isExcluded(absoluteUrl(url))) return undefined
    action.counts.requests++
    return action.hold()
  }

  const cleanups = [
    observeRequests(guard(onRequest, undefined)),
    observeWindowOpen(guard(() => current?.activity(), undefined)),
    observePageErrors(
      guard(() => {
        if (current) current.counts.errors++
      }, undefined),
    ),
    observePageHide(
      guard(() => {
        current?.end('page_hide')
        void pipeline.flush()
      }, undefined),
    ),
    o.trackUserInteractions ? observeClicks(onClick) : noop,
  ]

  const apiName = (name: unknown, method: string): string => {
    if (typeof name === 'string') return truncateName(name)
    if (name !== undefined)
      warn(`${method}.name`, `${method}() needs a string name; got ${typeof name}.`)
    return ''
  }

  const apiType = (type: unknown, method: string): string => {
    if (typeof type === 'string' && type) return type
    if (type !== undefined) warn(`${method}.type`, `${method}() needs a non-empty string type.`)
    return 'custom'
  }

  const apiStartTime = (startTime: unknown): number | undefined => {
    if (startTime === undefined) return undefined
    if (typeof startTime === 'number' && Number.isFinite(startTime) && startTime <= Date.now())
      return startTime
    warn(
      'startAction.startTime',
      'startTime must be an epoch time in ms, not in the future; using now.',
    )
    return undefined
  }

  const tracker: Tracker = {
    addAction: guard((name: string, context?: Context, options?: { type?: string }) => {
      if (stopped) return
      const action = new TrackedAction(host, {
        type: apiType(options?.type, 'addAction'),
        name: apiName(name, 'addAction'),
        autoClose: true,
        context: sanitize(context),
        view: currentView(),
      })
      notifySubscribers(action)
      action.end('completed_by_api')
    }, undefined),

    startAction: guard((name?: string, options?: StartActionOptions): UserAction => {
      if (stopped) return inertAction(apiName(name, 'startAction'))
      const given: StartActionOptions =
        options !== null && typeof options === 'object' ? options : {}
      return start(
        {
          type: apiType(given.type, 'startAction'),
          name: apiName(name, 'startAction'),
          autoClose: given.autoClose !== false,
          context: sanitize(given.context),
          startTime: apiStartTime(given.startTime),
        },
        'api',
      )
    }, inertAction()),

    get current() {
      return current
    },

    beginActivity: guard(() => current?.hold() ?? noop, noop),

    notifyActivity: guard(() => current?.activity(), undefined),

    subscribe: guard((callback: (action: UserAction) => void) => {
      if (typeof callback !== 'function') {
        warn('subscribe', 'tracker.subscribe() needs a function.')
        return noop
      }
      subscribers.add(callback)
      return () => {
        subscribers.delete(callback)
      }
    }, noop),

    setAutomaticDetection: guard((enabled: boolean) => {
      automatic = enabled !== false
    }, undefined),

    setTrackingConsent: guard((consent: TrackingConsent) => {
      if (consent === 'granted' || consent === 'pending' || consent === 'not-granted') {
        pipeline.setConsent(consent)
      } else {
        warn('consent', "setTrackingConsent() takes 'granted', 'pending' or 'not-granted'.")
      }
    }, undefined),

    setUser: guard((next: User | undefined) => {
      if (next === undefined || next === null) {
        user = undefined
        return
      }
      const clean = sanitize(next) as User
      if (clean.id !== undefined && typeof clean.id !== 'string') clean.id = String(clean.id)
      user = clean
    }, undefined),

    setGlobalContext: guard((context: Context) => {
      globalContext = sanitize(context)
    }, undefined),

    addEventModifier: guard((modifier: EventModifier) => {
      if (typeof modifier !== 'function') {
        warn('addEventModifier', 'addEventModifier() needs a function.')
        return noop
      }
      return pipeline.addModifier(modifier)
    }, noop),

    flush: guard(() => pipeline.flush(), Promise.resolve()),

    stop: guard(() => {
      if (stopped) return
      current?.end('interrupted_by_api')
      stopped = true
      for (const cleanup of cleanups) cleanup()
      subscribers.clear()
      void pipeline.flush()
    }, undefined),
  }
  return tracker
}
