import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import { api, type OverviewBucket, type Scoped } from '../api'
import { fmtCount, h } from '../dom'
import { scope } from '../state'

const SERIES = [
  { key: 'actions', label: 'Actions', color: '#2563eb' },
  { key: 'sessions', label: 'Sessions', color: '#059669' },
  { key: 'frustrated', label: 'Frustrated', color: '#d97706' },
  { key: 'errors', label: 'Errors', color: '#dc2626' },
] as const

export async function overview(
  view: HTMLElement,
  onLeave: (cleanup: () => void) => void,
): Promise<void> {
  const answer = await api<Scoped & { bucket: number; buckets: OverviewBucket[] }>(
    'overview',
    scope(),
  )
  const total = (key: 'actions' | 'errors' | 'frustrated') =>
    answer.buckets.reduce((sum, b) => sum + b[key], 0)
  const actions = total('actions')
  const tiles = h(
    'div',
    { class: 'tiles' },
    tile('Actions', fmtCount(actions)),
    tile('Errors', fmtCount(total('errors'))),
    tile('Frustrated actions', fmtCount(total('frustrated'))),
    tile(
      'Peak sessions per bucket',
      fmtCount(Math.max(0, ...answer.buckets.map((b) => b.sessions))),
    ),
  )
  const chart = h('div', { class: 'chart', 'data-testid': 'overview-chart' })
  view.append(
    tiles,
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Over time', h('small', {}, ` per ${bucketName(answer.bucket)}`)),
      chart,
    ),
  )
  if (actions === 0 && total('errors') === 0)
    chart.before(h('p', { class: 'muted' }, 'No events in this range.'))

  const data: uPlot.AlignedData = [
    answer.buckets.map((b) => b.time / 1000),
    ...SERIES.map((s) => answer.buckets.map((b) => b[s.key])),
  ]
  const width = () => Math.max(300, chart.clientWidth)
  const plot = new uPlot(
    {
      width: width(),
      height: 280,
      series: [
        {},
        ...SERIES.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          fill: s.key === 'actions' ? 'rgba(37,99,235,0.08)' : undefined,
          points: { show: answer.buckets.length < 40 },
        })),
      ],
      legend: { live: false },
      cursor: { points: { size: 6 } },
      axes: [{ stroke: '#64748b' }, { stroke: '#64748b', grid: { stroke: '#eef2f7' } }],
      scales: { y: { range: (_u, _min, max) => [0, Math.max(4, max * 1.1)] } },
    },
    data,
    chart,
  )
  // The page is attached after it is built: size the chart once it has a width, and on resize.
  const observer = new ResizeObserver(() => {
    if (chart.clientWidth > 0) plot.setSize({ width: width(), height: 280 })
  })
  observer.observe(chart)
  onLeave(() => {
    observer.disconnect()
    plot.destroy()
  })
}

const tile = (label: string, value: string) =>
  h('div', { class: 'tile' }, h('span', {}, label), h('strong', {}, value))

function bucketName(ms: number): string {
  if (ms % 86_400_000 === 0) return ms === 86_400_000 ? 'day' : `${ms / 86_400_000} days`
  if (ms % 3_600_000 === 0) return ms === 3_600_000 ? 'hour' : `${ms / 3_600_000} hours`
  if (ms % 60_000 === 0) return ms === 60_000 ? 'minute' : `${ms / 60_000} minutes`
  return `${ms} ms`
}
