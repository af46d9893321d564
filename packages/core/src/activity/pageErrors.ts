/** Calls `onError` for each uncaught error and unhandled promise rejection on the page. */
export function observePageErrors(onError: () => void): () => void {
  const handler = () => onError()
  window.addEventListener('error', handler)
  window.addEventListener('unhandledrejection', handler)
  return () => {
    window.removeEventListener('error', handler)
    window.removeEventListener('unhandledrejection', handler)
  }
}
