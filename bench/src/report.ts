import type { ClickFigures } from './clicks'
import type { CollectorFigures, StoreFigure } from './collector'
import type { Machine } from './machine'
import type { MemoryFigures } from './memory'
import type { MutationFigures } from './mutations'
import type { PipelineFigures } from './pipeline'
import type { SizeFigures } from './sizes'
import type { Spread } from './stats'

export interface Results {
  date: string
  machine: Machine
  settings: Record<string, number | boolean>
  sizes?: SizeFigures
  clicks?: ClickFigures
  mutations?: MutationFigures
  memory?: MemoryFigures
  pipeline?: PipelineFigures
  collector?: CollectorFigures
}

type Row = [figure: string, measured: string, baseline: string, spread: string, goal: string]

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`
const ms = (value: number) => `${value.toFixed(3)} ms`
const pct = (ratio: number) => `${(ratio * 100).toFixed(1)} %`
const count = (value: number) => Math.round(value).toLocaleString('en-US')
const range = (s: Spread, unit: (v: number) => string) =>
  `${unit(s.min)} … ${unit(s.max)} (${s.runs} runs)`
/** Whether a goal is met, next to it. */
const goal = (text: string, met: boolean) => `${text} ${met ? '(met)' : '(not met)'}`

function sizeRows(sizes: SizeFigures): Row[] {
  return sizes.entries.map((entry): Row => {
    const adapter = !entry.name.startsWith('@actiontrail/core')
    const target = adapter ? 1500 : entry.name.endsWith('shims') ? undefined : 8000
    if (entry.gzip === undefined)
      return [`Bytes: ${entry.name}`, entry.missing ?? 'n/a', '', '', `budget ${entry.limit}`]
    const detection = entry.name.endsWith('custom actions only')
      ? `; of which automatic detection ${kb(sizes.detectionBytes)} min, not tree-shaken`
      : ''
    return [
      `Bytes: ${entry.name} (gzip; min, brotli)`,
      `**${kb(entry.gzip)}**`,
      `${kb(entry.minified ?? 0)} min, ${kb(entry.brotli ?? 0)} br${detection}`,
      '',
      `${target ? `${goal(`< ${kb(target)}`, entry.gzip < target)}; ` : ''}budget ${entry.limit}`,
    ]
  })
}

function clickRows(c: ClickFigures): Row[] {
  return [
    [
      `Click: extra main-thread time per click (${c.clicks} clicks)`,
      `**${ms(c.taskMsPerClick.median)}**`,
      `${ms(c.baselineTaskMsPerClick.median)} per click without`,
      range(c.taskMsPerClick, ms),
      goal('< 0.5 ms', c.taskMsPerClick.median < 0.5),
    ],
    [
      'Click: extra script time per click',
      `**${ms(c.scriptMsPerClick.median)}**`,
      '',
      range(c.scriptMsPerClick, ms),
      goal('< 0.2 ms', c.scriptMsPerClick.median < 0.2),
    ],
    [
      'Click: extra JS heap after the clicks',
      `**${kb(c.heapBytes.median)}**`,
      '',
      range(c.heapBytes, kb),
      '',
    ],
    [
      'Wire bytes per action (request bodies as received)',
      `**${count(c.wire.bytesPerAction)} B**`,
      `${count(c.wire.jsonBytesPerAction)} B as JSON; ${count(c.wire.actions)} actions in ${c.wire.batches} batches, ${c.wire.gzipBatches} of them gzip`,
      '',
      goal('< 150 B', c.wire.bytesPerAction < 150),
    ],
  ]
}

function mutationRows(m: MutationFigures): Row[] {
  return [
    [
      `Mutations: script-time overhead of the observers (${count(m.rows)} rows in bursts)`,
      `**${pct(m.scriptOverhead.median)}**`,
      `${m.baselineScriptMs.median.toFixed(1)} ms of script without; a do-nothing observer alone: ${pct(m.bareObserverOverhead.median)}`,
      range(m.scriptOverhead, pct),
      goal('< 5 %', m.scriptOverhead.median < 0.05),
    ],
    [
      'Mutations: overhead on all main-thread time',
      `**${pct(m.taskOverhead.median)}**`,
      '',
      range(m.taskOverhead, pct),
      '',
    ],
  ]
}

/** The retry queue's own bound (256 KiB of JSON): memory within it is the queue doing its job. */
const OUTBOX_BOUND = 256 * 1024

function memoryRows(m: MemoryFigures): Row[] {
  const h = m.heap
  return [
    [
      `Memory: JS heap, ${count(m.actions / 10)} actions, collector stalled`,
      `**${mb(h.stalledAfterTenth)}**`,
      `${mb(h.withoutTracker)} without tracker, ${mb(h.trackerIdle)} tracker idle`,
      '',
      '',
    ],
    [
      `Memory: JS heap, ${count(m.actions)} actions, collector stalled`,
      `**${mb(h.stalledAfterAll)}**`,
      `${kb(m.outboxBytesStalled)} in the stored retry queue`,
      '',
      goal(
        '< 256 KiB more than after the first tenth',
        h.stalledAfterAll - h.stalledAfterTenth < OUTBOX_BOUND,
      ),
    ],
    [
      'Memory: JS heap after recovery',
      `**${mb(h.recovered)}**`,
      `${count(m.delivered)} events delivered, ${count(m.dropped)} reported dropped`,
      '',
      goal('< 256 KiB above idle', h.recovered - h.trackerIdle < OUTBOX_BOUND),
    ],
  ]
}

function pipelineRows(p: PipelineFigures): Row[] {
  return [
    [
      'Pipeline (Node): sanitise, 2 modifiers, batch',
      `**${count(p.eventsPerSecond.median)} ev/s**`,
      `${count(p.baselineEventsPerSecond.median)} ev/s build + serialise only; ${p.extraMicrosPerEvent.median.toFixed(2)} µs extra per event`,
      range(p.eventsPerSecond, count),
      '',
    ],
  ]
}

/** The collector figures issue #9 asks for, from whatever stores the store bench reports. */
const COLLECTOR_FIGURES: [
  label: string,
  key: RegExp,
  goal?: (f: StoreFigure, events: number) => string,
][] = [
  [
    'ingest, batches of 50, 16 in flight',
    /^Ingest, batches of 50, 16 in flight/,
    (f) => goal('> 50,000 ev/s', f.value > 50_000),
  ],
  ['ingest, batches of 50, one at a time', /^Ingest, batches of 50, one at a time, empty/],
  [
    'funnel, 4 steps, 30 days',
    /^funnel, 4 steps .*30 days/,
    // The goal is for 1,000,000 events; a smaller run says nothing about it.
    (f, events) => (events >= 1_000_000 ? goal('< 300 ms', f.value < 300) : ''),
  ],
  ['flows, actions, 30 days', /^flows, actions, 30 days/],
  ['top actions with percentiles, 30 days', /^topActions .*30 days/],
]

function collectorRows(c: CollectorFigures): Row[] {
  const rows: Row[] = []
  for (const [store, figures] of Object.entries(c.stores)) {
    for (const [label, key, toGoal] of COLLECTOR_FIGURES) {
      const name = Object.keys(figures).find((k) => key.test(k))
      const figure = name ? figures[name] : undefined
      if (!figure) continue
      rows.push([
        `Collector (${store}, ${count(c.events)} events): ${label}`,
        `**${count(figure.value)} ${figure.unit}**`,
        '',
        '',
        toGoal?.(figure, c.events) ?? '',
      ])
    }
  }
  return rows
}

/** One Markdown table of every figure measured, with the machine it was measured on. */
export function markdown(r: Results): string {
  const rows: Row[] = [
    ...(r.sizes ? sizeRows(r.sizes) : []),
    ...(r.clicks ? clickRows(r.clicks) : []),
    ...(r.mutations ? mutationRows(r.mutations) : []),
    ...(r.memory ? memoryRows(r.memory) : []),
    ...(r.pipeline ? pipelineRows(r.pipeline) : []),
    ...(r.collector ? collectorRows(r.collector) : []),
  ]
  const m = r.machine
  const lines = [
    `Measured ${r.date} on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}` +
      `${m.chromium ? `, Chromium ${m.chromium}` : ''}; load average ${m.loadAtStart} at the start, ` +
      `${m.loadAtEnd ?? '?'} at the end. Tracker figures are medians of interleaved runs with ` +
      'and without the tracker; the spread is the smallest … largest of the runs.',
    '',
    '| Figure | Measured | Baseline / detail | Spread | Goal |',
    '|---|---:|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ]
  return lines.join('\n')
}
