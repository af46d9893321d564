import { type ActionHost, type ActionInit, type ActionSource, TrackedAction } from './action'
import { createMutationWatcher } from './activity/mutations'
import { observePageErrors } from './activity/pageErrors'
import { createPerformanceWatcher } from './activity/performanceEntries'
import { observeRequests } from './activity/requests'
import { observeWindowOpen } from './activity/windowOpen'
import { createDelivery } from './delivery'
import { createClickDetection } from './detection/clickActions'
import { observeClicks } from './detection/clicks'
import { createFormDetection } from './detection/forms'
import { frustrate } from './detection/frustration'
import type { DetectionHost } from './detection/host'
import { truncateName } from './detection/naming'
import { observeNavigation } from './detection/navigation'
import { type EventScope, toActionEvent, toErrorEvent } from './event'
import { createHttpSender } from './httpSender'
import { inertAction, inertNavigation, inertTracker } from './inert'
import { NavigationAction } from './navigationAction'
import { type ResolvedOptions, resolveOptions } from './options'
import { observePageHide } from './pageHide'
import { createEventPipeline } from './pipeline'
import { createReporter, type Reporter } from './report'
import { sanitizeContext } from './sanitize'
import { browserStorage, createSessionManager } from './session'
import type {
  CompleteReason,
  Context,
  ErrorPayload,
  EventModifier,
  NavigationMethod,
  RouterNavigation,
  StartActionOptions,
  Tracker,
  TrackerOptions,
  TrackingConsent,
  User,
  UserAction,
  ViewContext,
} from './types'
import { absoluteUrl, createUrlFilter } from './urlFilter'

const noop = () => {}

/** Error events one page may send: a loop that throws on every frame must not flood the queue. */
const ERROR_EVENT_LIMIT = 100
/**
 * How long a navigation detected from the URL waits for a router adapter to report its route.
 * A route renders within this on any device; a URL change the router never renders (the app
 * calling `history.pushState` itself) completes as it would have, only this much later.
 */
const ROUTE_WAIT_MS = 3000

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

function interruption(type: string, source: ActionSource): CompleteReason {
  if (type === 'navigation') return 'interrupted_by_navigation'
  return source === 'api' ? 'interrupted_by_api' : 'interrupted_by_interaction'
}

function createBrowserTracker(o: ResolvedOptions, reporter: Reporter): Tracker {
  const { warn } = reporter
  /**
   * Open actions, oldest first. Flows (`autoClose: false`) run beside the auto-closing action
   * that detection or the API started last; page activity counts for all of them.
   */
  const open: TrackedAction[] = []
  let latest: TrackedAction | undefined
  let automatic = true
  let stopped = false
  let watching = false
  let user: User | undefined
  let globalContext: Context = {}
  let referrer = document.referrer
  let route: string | undefined
  /** A router adapter reports routes: redirects then continue the navigation in progress. */
  let routed = false
  let errorEvents = 0
  const subscribers = new Set<(action: UserAction) => void>()
  const sessions = createSessionManager(browserStorage(), o.sessionSampleRate)
  // Your own transport, or reliable delivery to the collector, or (without an endpoint) none.
  const delivery =
    !o.transport && o.endpoint
      ? createDelivery(createHttpSender(o.endpoint, o.clientToken, o.compression), {
          destination: o.endpoint,
          storage: browserStorage(),
          maxBatchEvents: o.batchMaxEvents,
          maxBatchBytes: o.batchMaxBytes,
          warn,
        })
      : undefined
  const pipeline = createEventPipeline({
    beforeSend: o.beforeSend,
    transport: o.transport ?? (delivery && ((batch, { leaving }) => delivery.send(batch, leaving))),
    consent: o.trackingConsent,
    batchMaxEvents: o.batchMaxEvents,
    batchMaxBytes: o.batchMaxBytes,
    flushInterval: o.flushInterval,
    onRefused: () => (delivery ?? o.transport)?.clear?.(),
    warn,
  })
  if (o.trackingConsent === 'granted') delivery?.resume()
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

  /** The view at `url` (the current one by default), with the route and referrer known now. */
  const currentView = (url = location.href, path = location.pathname): ViewContext => ({
    url,
    path,
    ...(route && { route }),
    referrer,
  })

  /** Who, where and when, for an event about to be queued; `undefined` when nothing may be sent. */
  const scope = (): EventScope | undefined => {
    if (!pipeline.collecting) return undefined
    const session = sessions.touch(pipeline.granted)
    if (!session.sampled) return undefined
    return { applicationId: o.applicationId, sessionId: session.id, user, globalContext }
  }

  const emit = guard((action: TrackedAction) => {
    const s = scope()
    if (s) pipeline.push(toActionEvent(action, s))
  }, undefined)

  /** The action started last that is still open: what `tracker.current` shows. */
  const newest = (): TrackedAction | undefined => open[open.length - 1]

  /** The open auto-closing action: the one detection and interruption deal with. */
  const step = (): TrackedAction | undefined => {
    for (let i = open.length - 1; i >= 0; i--) {
      const action = open[i]
      if (action?.autoClose) return action
    }
    return undefined
  }

  const mutations = createMutationWatcher((count) => {
    for (const action of open) {
      action.counts.mutations += count
      action.activity()
    }
  })
  const performanceEntries = createPerformanceWatcher({
    resource(entry) {
      if (isExcluded(entry.name)) return
      for (const action of open) {
        if (entry.startTime < action.startedAt) continue
        action.counts.resources++
        action.activity(entry.responseEnd || performance.now())
      }
    },
    longTask(entry) {
      // The task that started the action is often the long one: count any that overlap it.
      for (const action of open)
        if (entry.startTime + entry.duration >= action.startedAt) action.counts.long_tasks++
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
    ended(action) {
      const at = open.indexOf(action)
      if (at !== -1) {
        open.splice(at, 1)
        if (!open.length) watch(false)
      }
      if (action.deferEmit) action.deferEmit(() => emit(action))
      else emit(action)
    },
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

  type Start = Omit<ActionInit, 'view' | 'autoClose' | 'context'> &
    Partial<Pick<ActionInit, 'autoClose' | 'context'>>

  const reportRoute = (pattern: string) => {
    route = pattern
    routed = true
  }

  const create = (init: Start, view = currentView()): TrackedAction => {
    const full: ActionInit = { autoClose: true, context: {}, ...init, view }
    return full.navigation
      ? new NavigationAction(host, { ...full, navigation: full.navigation }, reportRoute)
      : new TrackedAction(host, full)
  }

  /**
   * Starts an action. It ends the open actions of its own kind: an auto-closing action ends the
   * auto-closing one, a flow (`autoClose: false`) ends the flows; neither ends the other.
   */
  const start = (init: Start, view?: ViewContext): TrackedAction => {
    const action = create(init, view)
    const ending = open.filter((other) => other.autoClose === action.autoClose)
    open.push(action)
    latest = action
    watch(true)
    for (const other of ending) other.end(interruption(action.type, action.source), action.id)
    notifySubscribers(action)
    // A subscriber may already have finished it or started another action.
    if (action.state === 'active') action.run()
    return action
  }

  const record = (
    init: Start,
    reason: CompleteReason,
    view?: ViewContext,
    prepare?: (action: TrackedAction) => void,
  ) => {
    const action = create(init, view)
    notifySubscribers(action)
    prepare?.(action)
    action.end(reason)
  }

  /**
   * Whether a URL change is the app moving on before the navigation in progress has its route:
   * a router's redirect (`replaceState`, or `pushState` while the router holds the navigation),
   * or the page fixing up its URL while it loads.
   */
  const redirects = (navigation: NavigationAction, method: NavigationMethod) => {
    if (navigation.routeReported) return false
    if (method === 'replace') return routed || navigation.navigation.method === 'load'
    return method === 'push' && navigation.claimed
  }

  const detection: DetectionHost = {
    options: o,
    get detecting() {
      return automatic && !stopped
    },
    get current() {
      return step()
    },
    get latest() {
      return latest
    },
    start(init) {
      const action = start(init)
      if (routed && action instanceof NavigationAction) action.awaitRoute(ROUTE_WAIT_MS)
      return action
    },
    record,
    followUrl(method) {
      const navigation = step()
      if (!(navigation instanceof NavigationAction)) return false
      if (!navigation.awaitingUrl && !redirects(navigation, method)) return false
      if (navigation.awaitingUrl) navigation.navigation.method = method
      navigation.awaitingUrl = false
      // Named after the path it was going to: now after the one it reached.
      if (navigation.name === navigation.view.path) navigation.name = location.pathname
      navigation.navigation.to = location.href
      navigation.view.url = location.href
      navigation.view.path = location.pathname
      if (navigation.view.route) route = navigation.view.route
      return true
    },
    viewChanged(from) {
      const left = currentView(from, new URL(from).pathname)
      referrer = from
      route = undefined
      return left
    },
  }

  const clicks = createClickDetection(detection)
  const forms = createFormDetection(detection)

  const onRequest = (url: string) => {
    if (!open.length || isExcluded(absoluteUrl(url))) return undefined
    const releases = open.map((action) => {
      action.counts.requests++
      return action.hold()
    })
    return () => {
      for (const release of releases) release()
    }
  }

  const onError = (error: ErrorPayload) => {
    for (const action of open) action.counts.errors++
    // The user was in the action started last: that is the one the error frustrated.
    const action = newest()
    if (action) frustrate(action, 'error')
    if (errorEvents >= ERROR_EVENT_LIMIT) return
    errorEvents++
    const s = scope()
    if (s) pipeline.push(toErrorEvent(error, action, currentView(), s))
  }

  /** The page goes away: end what is open, and queue everything before the flush. */
  const leave = () => {
    forms.endEdit()
    for (const action of [...open]) action.end('page_hide')
    clicks.flush()
    forms.abandon('page_hide', currentView())
  }

  const navigations = observeNavigation(
    detection,
    guard((left: ViewContext) => {
      forms.endEdit()
      forms.abandon('interrupted_by_navigation', left)
    }, undefined),
    isExcluded,
  )

  const cleanups = [
    observeRequests(guard(onRequest, undefined)),
    observeWindowOpen(
      guard(() => {
        for (const action of open) action.activity()
      }, undefined),
    ),
    observePageErrors(guard(onError, undefined)),
    observePageHide(
      guard(() => {
        leave()
        sessions.save(pipeline.granted)
        void pipeline.flush(true)
      }, undefined),
    ),
    o.trackUserInteractions ? observeClicks(guard(clicks.click, undefined)) : noop,
    forms.stop,
    navigations.stop,
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
      record(
        {
          type: apiType(options?.type, 'addAction'),
          name: apiName(name, 'addAction'),
          context: sanitize(context),
          source: 'api',
        },
        'completed_by_api',
      )
    }, undefined),

    startAction: guard((name?: string, options?: StartActionOptions): UserAction => {
      if (stopped) return inertAction(apiName(name, 'startAction'))
      const given: StartActionOptions =
        options !== null && typeof options === 'object' ? options : {}
      return start({
        type: apiType(given.type, 'startAction'),
        name: apiName(name, 'startAction'),
        autoClose: given.autoClose !== false,
        context: sanitize(given.context),
        startTime: apiStartTime(given.startTime),
        source: 'api',
      })
    }, inertAction()),

    get current() {
      return newest()
    },

    beginActivity: guard(() => newest()?.hold() ?? noop, noop),

    notifyActivity: guard(() => newest()?.activity(), undefined),

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

    setRoute: guard((pattern: string) => {
      if (typeof pattern !== 'string' || !pattern) {
        warn('setRoute', 'setRoute() needs a non-empty route pattern.')
        return
      }
      reportRoute(pattern)
      // The navigation to this page, still open, takes the pattern as its name.
      const action = step()
      if (action instanceof NavigationAction && action.navigation.to === location.href)
        action.routed(pattern)
    }, undefined),

    startNavigation: guard((pattern: string, url: string): RouterNavigation => {
      if (typeof pattern !== 'string' || !pattern || typeof url !== 'string') {
        warn('startNavigation', 'startNavigation() needs a route pattern and a URL.')
        return inertNavigation(String(pattern ?? ''))
      }
      if (stopped || !automatic || !o.trackNavigation) return inertNavigation(pattern)
      routed = true
      const to = absoluteUrl(url)
      navigations.catchUp()
      const active = step()
      // The router answers a back/forward move that was detected already: it takes that one.
      if (
        active instanceof NavigationAction &&
        !active.claimed &&
        !active.routeReported &&
        active.navigation.to === to
      ) {
        active.claim(pattern, false)
        return active
      }
      // A router navigation that never reached its URL was replaced by this one.
      for (const other of open)
        if (other instanceof NavigationAction && other.awaitingUrl) other.fail('cancelled')
      const trigger = active?.source === 'interaction' ? active.id : undefined
      const action = start(
        {
          type: 'navigation',
          name: pattern,
          source: 'navigation',
          navigation: { from: location.href, to, method: 'push', ...(trigger && { trigger }) },
        },
        { ...currentView(), route: pattern },
      ) as NavigationAction
      action.claim(pattern, true)
      return action
    }, inertNavigation()),

    setAutomaticDetection: guard((enabled: boolean) => {
      automatic = enabled !== false
    }, undefined),

    setTrackingConsent: guard((consent: TrackingConsent) => {
      if (consent === 'granted' || consent === 'pending' || consent === 'not-granted') {
        pipeline.setConsent(consent)
        if (consent === 'granted') delivery?.resume()
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

    setGlobalContextProperty: guard((key: string, value: unknown) => {
      if (typeof key !== 'string' || !key) {
        warn('setGlobalContextProperty', 'setGlobalContextProperty() needs a non-empty string key.')
        return
      }
      const { [key]: _replaced, ...rest } = globalContext
      globalContext = value === undefined ? rest : sanitize({ ...rest, [key]: value })
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
      for (const action of [...open]) action.end('interrupted_by_api')
      clicks.flush()
      stopped = true
      for (const cleanup of cleanups) cleanup()
      subscribers.clear()
      void pipeline.flush()
    }, undefined),
  }
  return tracker
}
