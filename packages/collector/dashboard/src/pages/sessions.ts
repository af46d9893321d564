import { api, type Scoped, type SessionSummary, type TimelineEvent } from '../api'
import { fmtCount, fmtMs, fmtTime, h } from '../dom'
import { scope, state } from '../state'
import { typeBadge } from './actions'

export async function sessions(view: HTMLElement): Promise<void> {
  const { sessions } = await api<Scoped & { sessions: SessionSummary[] }>('sessions', {
    ...scope(),
    limit: 100,
  })
  view.append(
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Sessions', h('small', {}, ' most recently active first')),
      sessions.length === 0
        ? h('p', { class: 'muted' }, 'No sessions in this range.')
        : h(
            'table',
            { 'data-testid': 'sessions' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', {}, 'Session'),
                h('th', {}, 'User'),
                h('th', {}, 'Started'),
                h('th', { class: 'num' }, 'Length'),
                h('th', { class: 'num' }, 'Actions'),
                h('th', { class: 'num' }, 'Errors'),
              ),
            ),
            h(
              'tbody',
              {},
              sessions.map((s) =>
                h(
                  'tr',
                  {
                    class: 'clickable',
                    'data-session': s.sessionId,
                    'data-action-name': 'Open session',
                    onclick: () => {
                      location.hash = `#/sessions/${encodeURIComponent(s.sessionId)}`
                    },
                  },
                  h('td', {}, h('code', {}, s.sessionId)),
                  h('td', {}, s.userId ?? h('span', { class: 'muted' }, 'anonymous')),
                  h('td', {}, fmtTime(s.firstTime)),
                  h('td', { class: 'num' }, fmtMs(s.lastTime - s.firstTime)),
                  h('td', { class: 'num' }, fmtCount(s.actions)),
                  h('td', { class: `num ${s.errors ? 'error' : 'muted'}` }, fmtCount(s.errors)),
                ),
              ),
            ),
          ),
    ),
  )
}

export async function sessionTimeline(view: HTMLElement, id: string): Promise<void> {
  const { events } = await api<{ events: TimelineEvent[] }>(`sessions/${encodeURIComponent(id)}`, {
    app: state.app,
  })
  const start = events[0]?.time ?? 0
  const first = events[0]
  view.append(
    h(
      'section',
      { class: 'card' },
      h(
        'h2',
        {},
        h('a', { href: '#/sessions', class: 'back' }, '← Sessions'),
        ' Session ',
        h('code', {}, id),
      ),
      first
        ? h(
            'p',
            { class: 'muted' },
            `${fmtTime(start)} · ${events.length} events · ${[first.browser, first.os, first.device].filter(Boolean).join(', ')}${first.user_id ? ` · user ${first.user_id}` : ''}`,
          )
        : null,
      h(
        'ol',
        { class: 'timeline', 'data-testid': 'timeline' },
        events.map((e) => {
          const signals = (['rage', 'dead', 'error_signal', 'abandon'] as const).filter((k) => e[k])
          return h(
            'li',
            { class: e.type === 'error' ? 'is-error' : '' },
            h('span', { class: 'offset' }, `+${fmtMs(e.time - start)}`),
            e.type === 'error'
              ? h(
                  'span',
                  { class: 'event' },
                  h('span', { class: 'badge t-error' }, 'error'),
                  ' ',
                  h(
                    'span',
                    { class: 'name' },
                    `${e.error_type ?? 'Error'}: ${e.error_message ?? ''}`,
                  ),
                )
              : h(
                  'span',
                  { class: 'event' },
                  typeBadge(e.action_type),
                  ' ',
                  h('span', { class: 'name' }, e.action_name ?? '(unnamed)'),
                  signals.map((s) => h('span', { class: 'signal' }, s.replace('_signal', ''))),
                ),
            h('span', { class: 'where' }, e.view_route ?? e.view_path),
            h('span', { class: 'duration' }, e.type === 'action' ? fmtMs(e.duration) : ''),
          )
        }),
      ),
    ),
  )
}
