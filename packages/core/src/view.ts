import type { ViewContext } from './types'

/** The page the user is on now. */
export function currentView(): ViewContext {
  return { url: location.href, path: location.pathname, referrer: document.referrer }
}
