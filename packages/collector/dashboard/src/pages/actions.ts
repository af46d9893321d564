import {
  api,
  type DistributionEntry,
  type FlowEdge,
  type FrustrationCounts,
  type Scoped,
  type TopAction,
} from '../api'
import { bar, fmtCount, fmtMs, fmtPct, h } from '../dom'
import { scope } from '../state'

export async function topActions(view: HTMLElement): Promise<void> {
  const range = scope()
  const { actions } = await api<Scoped & { actions: TopAction[] }>('top-actions', {
    ...range,
    limit: 50,
  })
  const detail = h('div', { class: 'detail' })
  const max = Math.max(1, ...actions.map((a) => a.count))
  const rows = actions.map((action) =>
    h(
      'tr',
      {
        class: 'clickable',
        tabindex: 0,
        'data-action-name': `Action detail`,
        onclick: (event: Event) => {
          for (const row of rows) row.classList.remove('selected')
          ;(event.currentTarget as HTMLElement).classList.add('selected')
          void showDetail(detail, action)
        },
      },
      h('td', {}, h('span', { class: 'name' }, action.name), ' ', typeBadge(action.type)),
      h('td', { class: 'num' }, fmtCount(action.count), bar(action.count / max)),
      h('td', { class: 'num' }, fmtMs(action.p50)),
      h('td', { class: 'num' }, fmtMs(action.p75)),
      h('td', { class: 'num' }, fmtMs(action.p95)),
      h('td', { class: 'num' }, rate(action.errorRate, 'error')),
      h('td', { class: 'num' }, rate(action.frustrationRate, 'warn')),
    ),
  )
  view.append(
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Top actions', h('small', {}, ' click a row for its detail')),
      actions.length === 0
        ? h('p', { class: 'muted' }, 'No actions in this range.')
        : h(
            'table',
            { 'data-testid': 'top-actions' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', {}, 'Action'),
                h('th', { class: 'num' }, 'Count'),
                h('th', { class: 'num' }, 'p50'),
                h('th', { class: 'num' }, 'p75'),
                h('th', { class: 'num' }, 'p95'),
                h('th', { class: 'num' }, 'Errors'),
                h('th', { class: 'num' }, 'Frustration'),
              ),
            ),
            h('tbody', {}, rows),
          ),
    ),
    detail,
  )
}

export const typeBadge = (type: string | null) =>
  type ? h('span', { class: `badge t-${type}` }, type) : null

const rate = (value: number, kind: string) =>
  h('span', { class: value > 0 ? kind : 'muted' }, fmtPct(value))

async function showDetail(detail: HTMLElement, action: TopAction): Promise<void> {
  detail.replaceChildren(h('p', { class: 'muted' }, 'Loading…'))
  const range = scope()
  const [browsers, routes, flows, frustration] = await Promise.all([
    api<{ values: DistributionEntry[] }>('distribution', {
      ...range,
      by: 'browser',
      name: action.name,
      limit: 10,
    }),
    api<{ values: DistributionEntry[] }>('distribution', {
      ...range,
      by: 'route',
      name: action.name,
      limit: 10,
    }),
    api<{ edges: FlowEdge[] }>('flows', { ...range, kind: 'action', limit: 1000 }),
    api<{ byElement: (FrustrationCounts & { selector: string | null; name: string | null })[] }>(
      'frustration',
      { ...range, limit: 1000 },
    ),
  ])
  const before = flows.edges.filter((e) => e.to === action.name)
  const after = flows.edges.filter((e) => e.from === action.name)
  const elements = frustration.byElement.filter((e) => e.name === action.name)
  detail.replaceChildren(
    h(
      'section',
      { class: 'card', 'data-testid': 'action-detail' },
      h('h2', {}, action.name, ' ', typeBadge(action.type)),
      h(
        'div',
        { class: 'tiles small' },
        stat('Count', fmtCount(action.count)),
        stat('p50', fmtMs(action.p50)),
        stat('p75', fmtMs(action.p75)),
        stat('p95', fmtMs(action.p95)),
        stat('Error rate', fmtPct(action.errorRate)),
        stat('Frustration rate', fmtPct(action.frustrationRate)),
      ),
      h(
        'div',
        { class: 'columns' },
        edgeList(
          'Comes after',
          before.map((e) => ({ label: e.from, count: e.count })),
        ),
        edgeList(
          'Followed by',
          after.map((e) => ({ label: e.to, count: e.count })),
        ),
        edgeList(
          'Frustration on its elements',
          elements.map((e) => ({
            label: `${e.selector ?? '(no selector)'}: ${(
              ['rage', 'dead', 'error', 'abandon'] as const
            )
              .filter((k) => e[k] > 0)
              .map((k) => `${k} ${e[k]}`)
              .join(', ')}`,
            count: e.frustrated,
          })),
        ),
      ),
      h(
        'div',
        { class: 'columns' },
        distribution('By browser', browsers.values),
        distribution('By route', routes.values),
      ),
    ),
  )
  detail.scrollIntoView({ block: 'nearest' })
}

const stat = (label: string, value: string) =>
  h('div', { class: 'tile' }, h('span', {}, label), h('strong', {}, value))

function edgeList(title: string, items: { label: string; count: number }[]) {
  const max = Math.max(1, ...items.map((i) => i.count))
  return h(
    'div',
    {},
    h('h3', {}, title),
    items.length === 0
      ? h('p', { class: 'muted' }, 'none')
      : h(
          'ul',
          { class: 'bars' },
          items.map((i) =>
            h(
              'li',
              {},
              h('span', { class: 'label' }, i.label),
              bar(i.count / max),
              h('span', { class: 'num' }, fmtCount(i.count)),
            ),
          ),
        ),
  )
}

function distribution(title: string, values: DistributionEntry[]) {
  return edgeList(
    title,
    values.map((v) => ({ label: v.value ?? '(none)', count: v.count })),
  )
}
