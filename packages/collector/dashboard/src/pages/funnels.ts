import {
  api,
  type DistributionEntry,
  type FunnelSegment,
  type FunnelStep,
  type Scoped,
  type TopAction,
} from '../api'
import { bar, fmtCount, fmtPct, h } from '../dom'
import { scope } from '../state'

/** The funnel being built survives page changes (not reloads). */
const built: { steps: string[]; window: string; segment: string } = {
  steps: [],
  window: '1h',
  segment: '',
}

/** Context and user keys the funnel can be split by: scalar values, plain key names. */
const SEGMENT_KEY = /^(context|user)\.[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/

export async function funnels(view: HTMLElement): Promise<void> {
  const range = scope()
  const [top, routes, keys] = await Promise.all([
    api<{ actions: TopAction[] }>('top-actions', { ...range, limit: 100 }),
    api<{ values: DistributionEntry[] }>('distribution', { ...range, by: 'route', limit: 100 }),
    api<{ types: Record<string, string> }>('key-conflicts', { app: range.app }),
  ])
  const segmentKeys = Object.entries(keys.types)
    .filter(([path, type]) => SEGMENT_KEY.test(path) && type !== 'object' && type !== 'array')
    .map(([path]) => path)
    .sort()
  const actionNames = [
    ...new Set(top.actions.filter((a) => a.type !== 'navigation').map((a) => a.name)),
  ]
  const routeNames = routes.values.flatMap((v) => (v.value === null ? [] : [v.value]))

  const picker = h(
    'select',
    { 'aria-label': 'Step to add', 'data-testid': 'step-picker' },
    h('option', { value: '' }, 'Pick a step…'),
    h(
      'optgroup',
      { label: 'Actions' },
      actionNames.map((name) => h('option', { value: `action:${name}` }, name)),
    ),
    h(
      'optgroup',
      { label: 'Routes' },
      routeNames.map((route) => h('option', { value: `route:${route}` }, route)),
    ),
  )
  const windowSelect = h(
    'select',
    { 'aria-label': 'Window', 'data-testid': 'funnel-window' },
    ['5m', '30m', '1h', '6h', '1d'].map((w) =>
      h('option', { value: w, selected: w === built.window }, `within ${w}`),
    ),
  )
  const splitSelect = h(
    'select',
    { 'aria-label': 'Split by', 'data-testid': 'funnel-split' },
    h('option', { value: '' }, 'not split'),
    [...['browser', 'os', 'device'], ...segmentKeys].map((by) =>
      h('option', { value: by, selected: by === built.segment }, `split by ${by}`),
    ),
  )
  const stepList = h('ol', { class: 'steps', 'data-testid': 'funnel-steps' })
  const result = h('div', { 'data-testid': 'funnel-result' })
  const run = h('button', { class: 'primary', 'data-action-name': 'Run funnel' }, 'Show funnel')

  const renderSteps = () => {
    stepList.replaceChildren(
      ...built.steps.map((step, i) =>
        h(
          'li',
          {},
          stepLabel(step),
          h(
            'button',
            {
              class: 'link',
              'aria-label': `Remove step ${i + 1}`,
              'data-action-name': 'Remove funnel step',
              onclick: () => {
                built.steps.splice(i, 1)
                renderSteps()
              },
            },
            '×',
          ),
        ),
      ),
    )
    if (built.steps.length === 0)
      stepList.append(h('li', { class: 'muted empty' }, 'No steps yet: pick at least two.'))
    run.toggleAttribute('disabled', built.steps.length < 2)
  }
  picker.addEventListener('change', () => {
    if (picker.value && built.steps.length < 10) built.steps.push(picker.value)
    picker.value = ''
    renderSteps()
  })
  windowSelect.addEventListener('change', () => {
    built.window = windowSelect.value
  })
  splitSelect.addEventListener('change', () => {
    built.segment = splitSelect.value
  })
  run.addEventListener('click', async () => {
    result.replaceChildren(h('p', { class: 'muted' }, 'Loading…'))
    try {
      const answer = await api<Scoped & { steps: FunnelStep[]; segments?: FunnelSegment[] }>(
        'funnel',
        {
          ...scope(),
          steps: built.steps.join(','),
          window: built.window,
          segment: built.segment || undefined,
        },
      )
      result.replaceChildren(funnelChart(answer.steps))
      if (answer.segments) result.append(segmentTable(built.segment, answer.segments))
    } catch (error) {
      result.replaceChildren(h('p', { class: 'error' }, (error as Error).message))
    }
  })
  renderSteps()

  view.append(
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Build a funnel', h('small', {}, ' steps in order, within one session')),
      h('div', { class: 'toolbar' }, picker, windowSelect, splitSelect, run),
      stepList,
      result,
    ),
  )
  if (built.steps.length >= 2) run.click()
}

function stepLabel(step: string) {
  const [kind, ...rest] = step.split(':')
  return h('span', {}, h('span', { class: `badge t-${kind}` }, kind), ' ', rest.join(':'))
}

function funnelChart(steps: FunnelStep[]) {
  const first = steps[0]?.sessions ?? 0
  return h(
    'div',
    { class: 'funnel' },
    steps.map((s, i) =>
      h(
        'div',
        { class: 'funnel-step' },
        h(
          'div',
          { class: 'funnel-label' },
          h('strong', {}, `${i + 1}. `),
          stepLabel(`${s.step.kind}:${s.step.value}`),
        ),
        h(
          'div',
          { class: 'funnel-bar' },
          h('span', {
            class: 'funnel-fill',
            style: `width:${first ? (s.sessions / first) * 100 : 0}%`,
          }),
        ),
        h(
          'div',
          { class: 'funnel-figures' },
          h('strong', { class: 'conversion' }, fmtPct(s.conversion)),
          ` ${fmtCount(s.sessions)} sessions`,
          i > 0 && s.dropOff > 0
            ? h('span', { class: 'error' }, ` −${fmtCount(s.dropOff)} dropped`)
            : null,
        ),
      ),
    ),
    first === 0 ? h('p', { class: 'muted' }, 'No session starts this funnel in this range.') : null,
  )
}

/** A split funnel: one row per segment, one bar per step (its conversion within the segment). */
function segmentTable(by: string, segments: FunnelSegment[]) {
  const steps = segments[0]?.steps ?? []
  return h(
    'div',
    {},
    h('h3', {}, `By ${by}`, h('small', {}, ' each session counted by its first step-1 event')),
    segments.length === 0
      ? h('p', { class: 'muted' }, 'No session starts this funnel in this range.')
      : h(
          'table',
          { 'data-testid': 'funnel-segments' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, by),
              steps.map((s, i) =>
                h('th', {}, `${i + 1}. `, stepLabel(`${s.step.kind}:${s.step.value}`)),
              ),
            ),
          ),
          h(
            'tbody',
            {},
            segments.map((segment) =>
              h(
                'tr',
                {},
                h('td', { class: 'segment' }, segment.segment ?? '(none)'),
                segment.steps.map((s) =>
                  h(
                    'td',
                    { class: 'num' },
                    h('strong', { class: 'conversion' }, fmtPct(s.conversion)),
                    ` ${fmtCount(s.sessions)}`,
                    bar(s.conversion),
                  ),
                ),
              ),
            ),
          ),
        ),
  )
}
