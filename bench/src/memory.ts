import type { Browser } from 'playwright'
import { openPage } from './browser'
import type { BenchServer } from './server'
import { median } from './stats'

export interface MemoryFigures {
  actions: number
  /** JS heap (after garbage collection) in bytes, median of the runs, at each point. */
  heap: {
    withoutTracker: number
    trackerIdle: number
    stalledAfterTenth: number
    stalledAfterAll: number
    recovered: number
  }
  /** Bytes of the retry queue in localStorage while stalled (its bound is 256 KiB). */
  outboxBytesStalled: number
  /** After recovery: events the collector got, and how many the queue reported dropped. */
  delivered: number
  dropped: number
}

type MemoryWindow = {
  ready?: boolean
  addActions(count: number): Promise<void>
  outboxBytes(): number
  tracker?: { flush(): Promise<void> }
}

const ready = () => (window as unknown as MemoryWindow).ready === true

/**
 * Memory with a stalled collector: `actions` API actions while `/collect` takes batches and
 * never answers, then recovery. The heap is read after a tenth and after all of the actions: a
 * bounded queue stops growing, so both are about the same. Baseline: the same page without the
 * tracker, in the same run.
 */
export async function measureMemory(
  browser: Browser,
  server: BenchServer,
  { runs, actions }: { runs: number; actions: number },
): Promise<MemoryFigures> {
  const samples: Omit<MemoryFigures, 'actions'>[] = []
  for (let i = 0; i < runs; i++) {
    const baseline = await openPage(browser, `${server.origin}/memory.html`)
    await baseline.page.waitForFunction(ready)
    const withoutTracker = (await baseline.metrics(true)).heapBytes
    await baseline.close()

    const { page, metrics, close } = await openPage(browser, `${server.origin}/memory.html?tracker`)
    try {
      await page.waitForFunction(ready)
      server.stall(true)
      await page.waitForTimeout(300)
      const trackerIdle = (await metrics(true)).heapBytes
      const add = (count: number) =>
        page.evaluate((n) => (window as unknown as MemoryWindow).addActions(n), count)
      await add(actions / 10)
      const stalledAfterTenth = (await metrics(true)).heapBytes
      await add(actions - actions / 10)
      const stalledAfterAll = (await metrics(true)).heapBytes
      const outboxBytesStalled = await page.evaluate(() =>
        (window as unknown as MemoryWindow).outboxBytes(),
      )
      server.takeReceived()

      server.stall(false)
      await page.evaluate(() => (window as unknown as MemoryWindow).tracker?.flush())
      await page.waitForFunction(() => (window as unknown as MemoryWindow).outboxBytes() === 0, {
        timeout: 20_000,
      })
      const recovered = (await metrics(true)).heapBytes
      const batches = server.takeReceived()
      samples.push({
        heap: { withoutTracker, trackerIdle, stalledAfterTenth, stalledAfterAll, recovered },
        outboxBytesStalled,
        delivered: batches.reduce((sum, b) => sum + b.actions, 0),
        dropped: batches.reduce((sum, b) => sum + b.dropped, 0),
      })
    } finally {
      server.stall(false)
      await close()
    }
  }
  const mid = (pick: (s: Omit<MemoryFigures, 'actions'>) => number) => median(samples.map(pick))
  return {
    actions,
    heap: {
      withoutTracker: mid((s) => s.heap.withoutTracker),
      trackerIdle: mid((s) => s.heap.trackerIdle),
      stalledAfterTenth: mid((s) => s.heap.stalledAfterTenth),
      stalledAfterAll: mid((s) => s.heap.stalledAfterAll),
      recovered: mid((s) => s.heap.recovered),
    },
    outboxBytesStalled: mid((s) => s.outboxBytesStalled),
    delivered: mid((s) => s.delivered),
    dropped: mid((s) => s.dropped),
  }
}
