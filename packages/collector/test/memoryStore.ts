import type { EventRow, EventStore } from '../src/store/types'

/**
 * An in-memory EventStore for ingest tests: de-duplicates by id like the real stores, keeps rows
 * in insertion order, and can be slowed down or made to fail. The query methods are minimal: the
 * ingest tests do not use them.
 */
export class MemoryStore implements EventStore {
  readonly rows = new Map<string, EventRow>()
  /** Milliseconds each insert waits before it stores (and resolves). */
  delay = 0
  /** Inserts reject while this is set. */
  failWith: Error | undefined
  closed = false
  /** Inserts begun (before their delay) and completed. */
  insertsStarted = 0
  inserts = 0

  async insert(rows: EventRow[]) {
    if (this.closed) throw new Error('store is closed')
    this.insertsStarted++
    if (this.delay) await new Promise((resolve) => setTimeout(resolve, this.delay))
    if (this.failWith) throw this.failWith
    this.inserts++
    let inserted = 0
    let duplicates = 0
    for (const row of rows) {
      if (this.rows.has(row.id)) duplicates++
      else {
        this.rows.set(row.id, { ...row })
        inserted++
      }
    }
    return { inserted, duplicates }
  }

  async topActions() {
    return []
  }

  async overview() {
    return []
  }

  async distribution() {
    return []
  }

  async frustration() {
    return { byElement: [], byPage: [] }
  }

  async timing() {
    const none = { count: 0, p50: null, p75: null }
    return { betweenActions: none, timeOnPage: none, timeToFirstInteraction: none }
  }

  async sessions() {
    return []
  }

  async actionCounts() {
    return { actions: 0, erred: 0, frustrated: 0, rage: 0, dead: 0 }
  }

  async funnel() {
    return []
  }

  async funnelBySegment() {
    return []
  }

  async flows() {
    return []
  }

  async sessionTimeline(applicationId: string, sessionId: string) {
    return [...this.rows.values()]
      .filter((r) => r.application_id === applicationId && r.session_id === sessionId)
      .sort((a, b) => a.time - b.time)
  }

  async deleteBefore(time: number) {
    let deleted = 0
    for (const [id, row] of this.rows)
      if (row.received_at < time) {
        this.rows.delete(id)
        deleted++
      }
    return deleted
  }

  async close() {
    this.closed = true
  }
}

/** Wraps a store so its inserts wait `delay()` ms first (to prove answers wait for them). */
export function slowStore(
  store: EventStore,
  delay: () => number,
): EventStore & { insertsStarted: number; insertsFinished: number } {
  const wrapped = Object.create(store) as EventStore & {
    insertsStarted: number
    insertsFinished: number
  }
  wrapped.insertsStarted = 0
  wrapped.insertsFinished = 0
  wrapped.insert = async (rows) => {
    wrapped.insertsStarted++
    await new Promise((resolve) => setTimeout(resolve, delay()))
    const result = await store.insert(rows)
    wrapped.insertsFinished++
    return result
  }
  return wrapped
}

/** Resolves once `condition()` holds, checking every 10 ms; rejects after `timeout` ms. */
export async function until(condition: () => boolean, timeout = 5000): Promise<void> {
  const deadline = Date.now() + timeout
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
