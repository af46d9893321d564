import { createEventPipeline } from '../../packages/core/src/pipeline'
import { sanitizeContext } from '../../packages/core/src/sanitize'
import type { ActionEvent, Context, TrackerEvent } from '../../packages/core/src/types'
import { interleaved, type Spread, spread } from './stats'

export interface PipelineFigures {
  events: number
  /** Events per second of CPU time through sanitising, two modifiers and batching. */
  eventsPerSecond: Spread
  /** Events per second only building and serialising the same events: the floor. */
  baselineEventsPerSecond: Spread
  /** What the pipeline adds to one event, µs (per pair of runs). */
  extraMicrosPerEvent: Spread
}

/** Events are pushed in chunks; between chunks the batches' flushes (promises) run. */
const CHUNK = 1000

/** An action event as the tracker makes it, with the action's context still to be cleaned. */
function actionEvent(n: number, context: Context): ActionEvent {
  const time = 1_764_115_200_000 + n
  return {
    type: 'action',
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    time,
    application: { id: 'shop' },
    session: { id: '6f1c2a9e-1111-4c4c-9a9a-0123456789ab' },
    view: { url: 'https://shop.example/cart', path: '/cart', route: '/cart', referrer: '' },
    user: { id: 'u-42' },
    context: { plan: 'pro' },
    action: {
      id: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      type: 'click',
      name: 'Add to cart',
      name_source: 'content',
      start: time,
      duration: 312,
      complete_reason: 'completed',
      target: { tag: 'button', selector: '#product-7 > button.add' },
      counts: { requests: 1, resources: 1, mutations: 14, errors: 0, long_tasks: 0 },
      frustration: [],
      context,
    },
  }
}

/** What an app passes as context: a few keys, a nested object, a list. */
const rawContext = (n: number) => ({
  sku: `sku-${n % 500}`,
  quantity: n % 5,
  cart: { items: 3, total: 89.7, currency: 'EUR' },
  tags: ['summer', 'sale'],
})

/**
 * Pipeline throughput in Node: `events` events through the tracker's own `sanitizeContext` and
 * `createEventPipeline` (a `beforeSend` and one event modifier, batches of 50 / 16 KiB) against
 * a baseline that only builds each event and serialises it once, as any sender must.
 */
export async function measurePipeline({
  pairs,
  events,
}: {
  pairs: number
  events: number
}): Promise<PipelineFigures> {
  const run = async (withTracker: boolean) => {
    let delivered = 0
    let serialised = 0
    const pipeline = createEventPipeline({
      beforeSend: (event) => event.type === 'action' && event.action.name !== 'Ignored',
      transport: (batch) => {
        delivered += batch.length
      },
      consent: 'granted',
      batchMaxEvents: 50,
      batchMaxBytes: 16 * 1024,
      flushInterval: 5000,
      onRefused() {},
      warn() {},
    })
    pipeline.addModifier((event: TrackerEvent) => {
      event.view.url = event.view.url.split('?')[0] as string
    })
    const start = process.cpuUsage()
    for (let from = 0; from < events; from += CHUNK) {
      for (let n = from; n < from + CHUNK; n++) {
        if (withTracker) {
          pipeline.push(
            actionEvent(
              n,
              sanitizeContext(rawContext(n), () => {}),
            ),
          )
        } else {
          serialised += JSON.stringify(actionEvent(n, rawContext(n))).length
        }
      }
      await new Promise((resolve) => setImmediate(resolve))
    }
    await pipeline.flush()
    const { user, system } = process.cpuUsage(start)
    const seconds = (user + system) / 1e6
    if (withTracker && delivered !== events) throw new Error(`pipeline lost events: ${delivered}`)
    if (!withTracker && serialised === 0) throw new Error('nothing serialised')
    return events / seconds
  }

  const runs = await interleaved(pairs, run)
  return {
    events,
    eventsPerSecond: spread(runs.map((r) => r.tracker)),
    baselineEventsPerSecond: spread(runs.map((r) => r.baseline)),
    extraMicrosPerEvent: spread(runs.map((r) => 1e6 / r.tracker - 1e6 / r.baseline)),
  }
}
