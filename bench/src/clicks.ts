import type { Browser } from 'playwright'
import { difference, openPage, type PageMetrics } from './browser'
import type { BenchServer, ReceivedBatch } from './server'
import { interleaved, type Spread, spread } from './stats'

/** Time between two scripted clicks: brisk, but each click's request has time to start. */
const CLICK_INTERVAL_MS = 10
/**
 * The tracker emits a click once its 1 s window for rage and dead clicks has closed; both
 * variants wait this long after the last click so that work is inside the measurement.
 */
const SETTLE_MS = 1500

export interface ClickFigures {
  clicks: number
  /** Extra main-thread time per click, ms (tracker − baseline, per pair of runs). */
  taskMsPerClick: Spread
  /** Extra JavaScript time per click, ms. */
  scriptMsPerClick: Spread
  /** Extra JS heap after the clicks (after garbage collection), bytes. */
  heapBytes: Spread
  baselineTaskMsPerClick: Spread
  wire: WireFigures
}

export interface WireFigures {
  actions: number
  batches: number
  /** Batches whose body was gzip. */
  gzipBatches: number
  /** Request body bytes per action event, as the server received them. */
  bytesPerAction: number
  /** The same batches as JSON text, uncompressed. */
  jsonBytesPerAction: number
}

interface Run extends PageMetrics {
  heapAfter: number
  batches: ReceivedBatch[]
}

/**
 * Click cost: a page of 200 buttons whose handlers fetch from the local server and render the
 * answer; `clicks` scripted clicks (real input events through CDP) with the tracker and without,
 * interleaved. Also collects what the tracker sent, for the wire-bytes figure.
 */
export async function measureClicks(
  browser: Browser,
  server: BenchServer,
  { pairs, clicks }: { pairs: number; clicks: number },
): Promise<ClickFigures> {
  const run = async (withTracker: boolean): Promise<Run> => {
    const url = `${server.origin}/clicks.html${withTracker ? '?tracker' : ''}`
    const { page, metrics, close } = await openPage(browser, url)
    try {
      await page.waitForFunction(() => (window as { ready?: boolean }).ready === true)
      const points = await page.$$eval('#grid button', (buttons) =>
        buttons.map((b) => {
          const r = b.getBoundingClientRect()
          return { x: r.x + r.width / 2, y: r.y + r.height / 2 }
        }),
      )
      // Let the page-load navigation action finish before measuring.
      await page.waitForTimeout(500)
      server.takeReceived()
      const before = await metrics(true)
      for (let i = 0; i < clicks; i++) {
        // A different button each time, spread over the grid: no click joins a rage chain.
        const point = points[(i * 7) % points.length] as { x: number; y: number }
        await page.mouse.click(point.x, point.y)
        await page.waitForTimeout(CLICK_INTERVAL_MS)
      }
      await page.waitForFunction(() => (window as { pending?: number }).pending === 0)
      await page.waitForTimeout(SETTLE_MS)
      await page.evaluate(() =>
        (window as { tracker?: { flush(): Promise<void> } }).tracker?.flush(),
      )
      const after = await metrics(true)
      return {
        ...difference(after, before),
        heapAfter: after.heapBytes,
        batches: server.takeReceived(),
      }
    } finally {
      await close()
    }
  }

  const runs = await interleaved(pairs, run)
  const extra = (pick: (r: Run) => number) =>
    spread(runs.map(({ baseline, tracker }) => (pick(tracker) - pick(baseline)) / clicks))
  return {
    clicks,
    taskMsPerClick: extra((r) => r.taskMs),
    scriptMsPerClick: extra((r) => r.scriptMs),
    heapBytes: spread(runs.map(({ baseline, tracker }) => tracker.heapAfter - baseline.heapAfter)),
    baselineTaskMsPerClick: spread(runs.map(({ baseline }) => baseline.taskMs / clicks)),
    wire: wireFigures(runs.flatMap(({ tracker }) => tracker.batches)),
  }
}

function wireFigures(batches: ReceivedBatch[]): WireFigures {
  let actions = 0
  let bytes = 0
  let jsonBytes = 0
  for (const batch of batches) {
    // Error events would not be actions; the click page raises none, but do not count them.
    const share = batch.actions / (batch.actions + batch.errors)
    actions += batch.actions
    bytes += batch.wireBytes * share
    jsonBytes += Buffer.byteLength(batch.json) * share
  }
  return {
    actions,
    batches: batches.length,
    gzipBatches: batches.filter((b) => b.gzip).length,
    bytesPerAction: bytes / actions,
    jsonBytesPerAction: jsonBytes / actions,
  }
}
