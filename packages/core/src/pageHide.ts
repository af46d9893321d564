/**
 * Calls `onHide` when the page is hidden or unloaded. `visibilitychange` is the last event that
 * mobile browsers reliably deliver before discarding a page; `pagehide` covers desktop unloads.
 */
export function observePageHide(onHide: () => void): () => void {
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') onHide()
  }
  window.addEventListener('pagehide', onHide)
  document.addEventListener('visibilitychange', onVisibility)
  return () => {
    window.removeEventListener('pagehide', onHide)
    document.removeEventListener('visibilitychange', onVisibility)
  }
}
