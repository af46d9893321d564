import type { Browser } from 'playwright'
import { difference, openPage, type PageMetrics } from './browser'
import type { BenchServer } from './server'
import { type Spread, spread } from './stats'

export interface MutationFigures {
  rows: number
  /**
   * JavaScript time of the bursts (DOM calls and observer callbacks included) with the tracker
   * over without, minus 1 (0.05 = 5 % more).
   */
  scriptOverhead: Spread
  /** The same ratio for the page's whole main-thread time (rendering included). */
  taskOverhead: Spread
  /** The script-time ratio with a MutationObserver that does nothing: what observing costs. */
  bareObserverOverhead: Spread
  baselineScriptMs: Spread
}

type Variant = 'baseline' | 'observer' | 'tracker'
const QUERY: Record<Variant, string> = { baseline: '', observer: '?observer', tracker: '?tracker' }

type PageWindow = {
  ready?: boolean
  runBursts(bursts: number, rows: number): Promise<void>
  tracker?: { startAction(name: string, options: object): { finish(): void } }
}

/**
 * Mutation cost: a page renders `bursts` × `rows` rows, each burst replacing the previous one,
 * without the tracker, with a bare MutationObserver, and with the tracker's observers connected
 * (an action open all the time). The three run in turn, in a rotating order, `rounds` times.
 */
export async function measureMutations(
  browser: Browser,
  server: BenchServer,
  { rounds, bursts, rows }: { rounds: number; bursts: number; rows: number },
): Promise<MutationFigures> {
  const run = async (variant: Variant) => {
    const { page, metrics, close } = await openPage(
      browser,
      `${server.origin}/mutations.html${QUERY[variant]}`,
    )
    try {
      await page.waitForFunction(() => (window as unknown as PageWindow).ready === true)
      const before = await metrics(true)
      await page.evaluate(
        async ([bursts, rows]) => {
          const w = window as unknown as PageWindow
          // The observers run only while an action is active: keep one open throughout.
          const action = w.tracker?.startAction('Render list', { autoClose: false })
          await w.runBursts(bursts, rows)
          action?.finish()
        },
        [bursts, rows] as const,
      )
      return difference(await metrics(), before)
    } finally {
      await close()
    }
  }

  const variants: Variant[] = ['baseline', 'observer', 'tracker']
  const runs: Record<Variant, PageMetrics>[] = []
  for (let round = 0; round < rounds; round++) {
    const results = {} as Record<Variant, PageMetrics>
    for (let i = 0; i < variants.length; i++) {
      const variant = variants[(round + i) % variants.length] as Variant
      results[variant] = await run(variant)
    }
    runs.push(results)
  }
  const overhead = (variant: Variant, pick: (r: PageMetrics) => number) =>
    spread(runs.map((r) => pick(r[variant]) / pick(r.baseline) - 1))
  return {
    rows: bursts * rows,
    scriptOverhead: overhead('tracker', (r) => r.scriptMs),
    taskOverhead: overhead('tracker', (r) => r.taskMs),
    bareObserverOverhead: overhead('observer', (r) => r.scriptMs),
    baselineScriptMs: spread(runs.map((r) => r.baseline.scriptMs)),
  }
}
