import type { NavigationMethod, ViewContext } from '../types'
import { listen } from './dom'
import { observeHistory } from './history'
import type { DetectionHost } from './host'

/**
 * Starts `navigation` actions: one for the page load, measured from the navigation start until
 * the page settles, and one per URL change through the History API, back/forward (`popstate`)
 * and fragment changes (`hashchange`). A navigation caused by a click or a form submit records
 * that action's id as `trigger`; starting the navigation ends it (`interrupted_by_navigation`).
 *
 * `onLeave` is told, with the view left, when the path changes, before the navigation action
 * starts. `catchUp` handles a URL change not seen yet (a router reacted to it first).
 */
export function observeNavigation(
  host: DetectionHost,
  onLeave: (left: ViewContext) => void,
  isExcluded: (url: string) => boolean,
): { stop: () => void; catchUp: () => void } {
  let lastUrl = location.href

  const navigate = (method: NavigationMethod) => {
    const to = location.href
    if (to === lastUrl) return
    const from = lastUrl
    lastUrl = to
    const left = host.viewChanged(from)
    if (left.path !== location.pathname) onLeave(left)
    if (host.followUrl(method)) return
    if (!host.detecting || !host.options.trackNavigation) {
      // Untracked, a URL change is still something the page did.
      host.current?.activity()
      return
    }
    const cause = host.current
    const trigger = cause?.source === 'interaction' ? cause.id : undefined
    host.start({
      type: 'navigation',
      name: location.pathname,
      source: 'navigation',
      navigation: { from, to, method, ...(trigger && { trigger }) },
    })
  }

  // A fragment change fires popstate and then hashchange: let hashchange name it.
  const onPopState = () => {
    if (location.href.split('#')[0] !== lastUrl.split('#')[0]) navigate('popstate')
  }
  const onHashChange = () => navigate('hashchange')
  /** Catches up with a back/forward move a router created earlier reacted to first. */
  const catchUp = () => {
    if (location.href === lastUrl) return
    if (location.href.split('#')[0] === lastUrl.split('#')[0]) navigate('hashchange')
    else navigate('popstate')
  }
  const stopListening = listen({ popstate: onPopState, hashchange: onHashChange }, window, {})
  const stopHistory = observeHistory((method) =>
    method === 'pending' ? catchUp() : navigate(method),
  )
  if (host.detecting && host.options.trackNavigation) startPageLoad(host, isExcluded)
  const stop = () => {
    stopHistory()
    stopListening()
  }
  return { stop, catchUp }
}

/**
 * The page-load action starts at the navigation start. What loaded before the tracker existed
 * is read back from resource timing and the navigation entry, so its duration covers the whole
 * load; from then on it lives like any action.
 */
function startPageLoad(host: DetectionHost, isExcluded: (url: string) => boolean): void {
  const action = host.start({
    type: 'navigation',
    name: location.pathname,
    source: 'navigation',
    startTime: Math.round(performance.timeOrigin),
    navigation: { from: document.referrer, to: location.href, method: 'load' },
  })
  for (const entry of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
    if (isExcluded(entry.name)) continue
    action.counts.resources++
    action.activity(entry.responseEnd)
  }
  const [timing] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[]
  if (timing?.loadEventEnd) action.activity(timing.loadEventEnd)
  else if (document.readyState !== 'complete')
    // Still loading: hold the action open until the load event.
    window.addEventListener('load', action.hold(), { once: true })
}
