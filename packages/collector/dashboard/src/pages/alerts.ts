import { type AlertHistoryEntry, type AlertRule, api } from '../api'
import { fmtMs, fmtPct, fmtTime, h } from '../dom'
import { state } from '../state'

const METRICS = ['error_rate', 'frustration_rate', 'action_count', 'rage_clicks', 'dead_clicks']
const isRate = (metric: string) => metric.endsWith('_rate')
const value = (metric: string, v: number | null) =>
  v === null ? '–' : isRate(metric) ? fmtPct(v) : String(v)

const stateBadge = (s: string) => h('span', { class: `badge state-${s}` }, s)

/** Alert rules of the application (`/api/alerts`), with their state; a form adds one. */
export async function alerts(view: HTMLElement): Promise<void> {
  const { rules } = await api<{ rules: AlertRule[] }>('alerts', { app: state.app })
  view.append(
    h(
      'section',
      { class: 'card' },
      h(
        'h2',
        {},
        'Alert rules',
        h('small', {}, ' evaluated by the collector; changes go to the webhook'),
      ),
      rules.length === 0
        ? h('p', { class: 'muted' }, 'No alert rule for this application yet.')
        : h(
            'table',
            { 'data-testid': 'alerts' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['Rule', 'State', 'Condition', 'Value', 'Since'].map((t) => h('th', {}, t)),
              ),
            ),
            h(
              'tbody',
              {},
              rules.map((rule) =>
                h(
                  'tr',
                  {
                    class: 'clickable',
                    'data-action-name': 'Open alert rule',
                    onclick: () => {
                      location.hash = `#/alerts/${encodeURIComponent(rule.id)}`
                    },
                  },
                  h('td', {}, h('span', { class: 'name' }, rule.name)),
                  h('td', {}, stateBadge(rule.status.state)),
                  h('td', {}, condition(rule)),
                  h('td', {}, value(rule.metric, rule.status.value)),
                  h('td', {}, rule.status.since ? fmtTime(rule.status.since) : '–'),
                ),
              ),
            ),
          ),
    ),
    newRuleForm(view),
  )
}

const condition = (
  rule: Pick<AlertRule, 'metric' | 'comparator' | 'threshold' | 'windowMs' | 'filter'>,
) => {
  const filter = Object.entries(rule.filter ?? {})
    .map(([k, v]) => `${k} = ${v}`)
    .join(', ')
  return `${rule.metric} ${rule.comparator} ${value(rule.metric, rule.threshold)} over ${fmtMs(rule.windowMs)}${filter ? ` (${filter})` : ''}`
}

function newRuleForm(view: HTMLElement): HTMLElement {
  const field = (label: string, input: HTMLElement) => h('label', { class: 'field' }, label, input)
  const name = h('input', { required: true, placeholder: 'Payments failing' })
  const metric = h(
    'select',
    {},
    METRICS.map((m) => h('option', { value: m }, m)),
  )
  const comparator = h(
    'select',
    {},
    h('option', { value: 'above' }, 'above'),
    h('option', { value: 'below' }, 'below'),
  )
  const threshold = h('input', {
    required: true,
    type: 'number',
    step: 'any',
    min: 0,
    value: '0.05',
  })
  const windowText = h('input', { required: true, value: '5m' })
  const actionName = h('input', { placeholder: 'any action' })
  const webhook = h('input', {
    required: true,
    type: 'url',
    placeholder: 'https://hooks.example/…',
  })
  const message = h('p', { class: 'error' })
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, 'New rule', h('small', {}, ` for ${state.app}; rates are shares from 0 to 1`)),
    h(
      'form',
      {
        class: 'rule-form',
        'data-action-name': 'Create alert rule',
        onsubmit: async (event: Event) => {
          event.preventDefault()
          message.textContent = ''
          try {
            await api(
              'alerts',
              {},
              {
                method: 'POST',
                body: {
                  name: name.value,
                  applicationId: state.app,
                  metric: metric.value,
                  comparator: comparator.value,
                  threshold: Number(threshold.value),
                  windowMs: windowText.value,
                  webhookUrl: webhook.value,
                  filter: actionName.value ? { actionName: actionName.value } : {},
                },
              },
            )
            view.replaceChildren()
            await alerts(view)
          } catch (error) {
            message.textContent = (error as Error).message
          }
        },
      },
      field('Name', name),
      field('Metric', metric),
      field('Comparator', comparator),
      field('Threshold', threshold),
      field('Window', windowText),
      field('Action name', actionName),
      field('Webhook URL', webhook),
      h('button', { type: 'submit', class: 'primary' }, 'Add rule'),
    ),
    message,
  )
}

export async function alertDetail(view: HTMLElement, id: string): Promise<void> {
  const path = `alerts/${encodeURIComponent(id)}`
  const [rule, { history }] = await Promise.all([
    api<AlertRule>(path, {}),
    api<{ history: AlertHistoryEntry[] }>(`${path}/history`, {}),
  ])
  view.append(
    h(
      'section',
      { class: 'card', 'data-testid': 'alert-detail' },
      h(
        'h2',
        {},
        h('a', { href: '#/alerts', class: 'back' }, '← Alerts'),
        rule.name,
        ' ',
        stateBadge(rule.status.state),
      ),
      h('p', {}, condition(rule)),
      h(
        'p',
        { class: 'muted' },
        `Value ${value(rule.metric, rule.status.value)} at the last evaluation${rule.status.lastEvaluatedAt ? ` (${fmtTime(rule.status.lastEvaluatedAt)})` : ' (not evaluated yet)'}`,
        rule.status.error ? ` · ${rule.status.error}` : '',
      ),
      h('h3', {}, 'History'),
      history.length === 0
        ? h('p', { class: 'muted' }, 'No state change yet.')
        : h(
            'table',
            {},
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['When', 'Change', 'Value', 'Webhook'].map((t) => h('th', {}, t)),
              ),
            ),
            h(
              'tbody',
              {},
              history.map((e) =>
                h(
                  'tr',
                  {},
                  h('td', {}, fmtTime(e.at)),
                  h('td', {}, stateBadge(e.state)),
                  h(
                    'td',
                    {},
                    `${value(e.metric, e.value)} (${e.comparator} ${value(e.metric, e.threshold)})`,
                  ),
                  h(
                    'td',
                    {},
                    `${e.delivery.status}${e.delivery.httpStatus ? ` · HTTP ${e.delivery.httpStatus}` : ''}${e.delivery.error ? ` · ${e.delivery.error}` : ''}`,
                  ),
                ),
              ),
            ),
          ),
    ),
  )
}
