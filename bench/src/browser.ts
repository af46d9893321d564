import { type Browser, type CDPSession, chromium, type Page } from 'playwright'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../config/chromium'

/** Headless Chromium, launched the way the core's browser tests launch it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true })
}

/** The CDP figures the benchmarks read: main-thread busy time and JS heap. */
export interface PageMetrics {
  /** Main-thread time spent in tasks (script, style, layout, paint...), ms. */
  taskMs: number
  /** Of which running JavaScript, ms. */
  scriptMs: number
  /** JS heap in use, bytes (after a garbage collection when asked for). */
  heapBytes: number
}

/** A fresh page (own context: empty storage) with a CDP session reporting its metrics. */
export async function openPage(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page: Page = await context.newPage()
  const cdp: CDPSession = await context.newCDPSession(page)
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
  await page.goto(url, { waitUntil: 'load' })

  const metrics = async (collectGarbage = false): Promise<PageMetrics> => {
    if (collectGarbage) await cdp.send('HeapProfiler.collectGarbage')
    const { metrics } = await cdp.send('Performance.getMetrics')
    const value = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN
    return {
      taskMs: value('TaskDuration') * 1000,
      scriptMs: value('ScriptDuration') * 1000,
      heapBytes: value('JSHeapUsedSize'),
    }
  }

  return { page, metrics, close: () => context.close() }
}

/** `after - before`, figure by figure. */
export function difference(after: PageMetrics, before: PageMetrics): PageMetrics {
  return {
    taskMs: after.taskMs - before.taskMs,
    scriptMs: after.scriptMs - before.scriptMs,
    heapBytes: after.heapBytes - before.heapBytes,
  }
}
