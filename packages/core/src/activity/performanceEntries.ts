/**
 * Watches resource timing and long task entries while switched on (only while an action is
 * active). Browsers without an entry type simply report none of it.
 */
export function createPerformanceWatcher(handlers: {
  resource(entry: PerformanceResourceTiming): void
  longTask(entry: PerformanceEntry): void
}) {
  const observers: PerformanceObserver[] = []
  const supported =
    typeof PerformanceObserver === 'function' ? (PerformanceObserver.supportedEntryTypes ?? []) : []
  return {
    start(): void {
      if (observers.length > 0) return
      for (const [type, handle] of [
        ['resource', handlers.resource],
        ['longtask', handlers.longTask],
      ] as const) {
        if (!supported.includes(type)) continue
        const observer = new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) handle(entry as PerformanceResourceTiming)
        })
        observer.observe({ type })
        observers.push(observer)
      }
    },
    stop(): void {
      for (const observer of observers.splice(0)) observer.disconnect()
    },
  }
}
