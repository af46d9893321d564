import { api, type FrustrationCounts, type Scoped } from '../api'
import { bar, fmtCount, h } from '../dom'
import { scope } from '../state'

type ByElement = FrustrationCounts & { selector: string | null; name: string | null }
type ByPage = FrustrationCounts & { page: string }

export async function frustration(view: HTMLElement): Promise<void> {
  const answer = await api<Scoped & { byElement: ByElement[]; byPage: ByPage[] }>('frustration', {
    ...scope(),
    limit: 50,
  })
  view.append(
    table(
      'By element',
      'frustration-elements',
      answer.byElement.map((e) => ({
        label: h(
          'span',
          {},
          h('span', { class: 'name' }, e.name ?? '(unnamed)'),
          ' ',
          h('code', {}, e.selector ?? ''),
        ),
        counts: e,
      })),
    ),
    table(
      'By page',
      'frustration-pages',
      answer.byPage.map((p) => ({ label: h('code', {}, p.page), counts: p })),
    ),
  )
}

function table(
  title: string,
  testId: string,
  rows: { label: HTMLElement; counts: FrustrationCounts }[],
) {
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, title),
    rows.length === 0
      ? h('p', { class: 'muted' }, 'No frustration signal in this range.')
      : h(
          'table',
          { 'data-testid': testId },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, title === 'By page' ? 'Page' : 'Element'),
              h('th', { class: 'num' }, 'Frustrated / actions'),
              ['Rage', 'Dead', 'Error', 'Abandon'].map((t) => h('th', { class: 'num' }, t)),
            ),
          ),
          h(
            'tbody',
            {},
            rows.map(({ label, counts: c }) =>
              h(
                'tr',
                {},
                h('td', {}, label),
                h(
                  'td',
                  { class: 'num' },
                  `${fmtCount(c.frustrated)} / ${fmtCount(c.actions)}`,
                  bar(c.actions ? c.frustrated / c.actions : 0, 'warn'),
                ),
                [c.rage, c.dead, c.error, c.abandon].map((n) =>
                  h('td', { class: `num ${n ? '' : 'muted'}` }, fmtCount(n)),
                ),
              ),
            ),
          ),
        ),
  )
}
