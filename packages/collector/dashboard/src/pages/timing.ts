import { api, type Scoped, type TimingStat } from '../api'
import { fmtCount, fmtMs, h } from '../dom'
import { scope } from '../state'

const ITEMS = [
  ['betweenActions', 'Time between actions', 'each action to the next one in its session'],
  ['timeOnPage', 'Time on page', 'a navigation to the next one (the last page is not counted)'],
  [
    'timeToFirstInteraction',
    'Time to first interaction',
    'a navigation to the first click or form on that page',
  ],
] as const

export async function timing(view: HTMLElement): Promise<void> {
  const answer = await api<Scoped & Record<(typeof ITEMS)[number][0], TimingStat>>(
    'timing',
    scope(),
  )
  view.append(
    h(
      'div',
      { class: 'tiles three', 'data-testid': 'timing' },
      ITEMS.map(([key, title, what]) => {
        const stat = answer[key]
        return h(
          'section',
          { class: 'card' },
          h('h2', {}, title),
          h('p', { class: 'muted' }, what),
          h(
            'dl',
            { class: 'figures' },
            h('dt', {}, 'median (p50)'),
            h('dd', {}, fmtMs(stat.p50)),
            h('dt', {}, 'p75'),
            h('dd', {}, fmtMs(stat.p75)),
            h('dt', {}, 'measured'),
            h('dd', {}, fmtCount(stat.count)),
          ),
        )
      }),
    ),
  )
}
