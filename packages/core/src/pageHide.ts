import { listen } from './detection/dom'

/**
 * Calls `onHide` when the page is hidden or unloaded. `visibilitychange` is the last event that
 * mobile browsers reliably deliver before discarding a page; `pagehide` covers desktop unloads.
 */
export function observePageHide(onHide: () => void): () => void {
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') onHide()
  }
  const stops = [
    listen({ pagehide: onHide }, window, {}),
    listen({ visibilitychange: onVisibility }, document, {}),
  ]
  return () => {
    for (const stop of stops) stop()
  }
}
