import { createTracker } from '@actiontrail/core'
import { ApiError, setApiToken } from './api'
import { h } from './dom'
import { topActions } from './pages/actions'
import { alertDetail, alerts } from './pages/alerts'
import { flows } from './pages/flows'
import { frustration } from './pages/frustration'
import { funnels } from './pages/funnels'
import { overview } from './pages/overview'
import { sessions, sessionTimeline } from './pages/sessions'
import { timing } from './pages/timing'
import { RANGES, type RangeKey, setApp, setRange, state } from './state'
import './style.css'

// The dashboard tracks itself, into the collector that serves it. Sent without a client token:
// a collector started with --tokens refuses these events (401), and the dashboard works the same.
createTracker({
  applicationId: 'actiontrail-dashboard',
  endpoint: new URL('/v1/events', location.origin).href,
})

type Page = (view: HTMLElement, onLeave: (cleanup: () => void) => void) => Promise<void>

const PAGES: { path: string; title: string; page: Page }[] = [
  { path: 'overview', title: 'Overview', page: overview },
  { path: 'actions', title: 'Top actions', page: topActions },
  { path: 'funnels', title: 'Funnels', page: funnels },
  { path: 'flows', title: 'Flows', page: flows },
  { path: 'frustration', title: 'Frustration', page: frustration },
  { path: 'sessions', title: 'Sessions', page: sessions },
  { path: 'timing', title: 'Timing', page: timing },
  { path: 'alerts', title: 'Alerts', page: alerts },
]

const view = h('main', { id: 'view' })
const nav = h(
  'nav',
  {},
  PAGES.map((p) => h('a', { href: `#/${p.path}`, 'data-page': p.path }, p.title)),
)
const appInput = h('input', {
  id: 'app',
  type: 'text',
  placeholder: 'application id',
  value: state.app,
  spellcheck: 'false',
  autocomplete: 'off',
  'aria-label': 'Application id',
})
const rangePicker = h(
  'div',
  { class: 'segmented', role: 'group', 'aria-label': 'Time range' },
  (Object.keys(RANGES) as RangeKey[]).map((key) =>
    h(
      'button',
      {
        'data-range': key,
        'data-action-name': `Range ${key}`,
        class: key === state.range ? 'active' : '',
        onclick: () => {
          setRange(key)
          for (const b of rangePicker.querySelectorAll('button'))
            b.classList.toggle('active', b.dataset.range === key)
          void render()
        },
      },
      key,
    ),
  ),
)
const appForm = h(
  'form',
  {
    class: 'app-form',
    'data-action-name': 'Choose application',
    onsubmit: (event: Event) => {
      event.preventDefault()
      setApp(appInput.value)
      void render()
    },
  },
  h('label', { for: 'app' }, 'App'),
  appInput,
  h('button', { type: 'submit' }, 'Show'),
)
appInput.addEventListener('change', () => {
  setApp(appInput.value)
  void render()
})

document
  .querySelector('#app')
  ?.replaceWith(
    h(
      'div',
      { class: 'shell' },
      h(
        'header',
        {},
        h('div', { class: 'brand' }, h('span', { class: 'logo' }, '◆'), ' Actiontrail'),
        nav,
        h('div', { class: 'controls' }, appForm, rangePicker),
      ),
      view,
    ),
  )

let cleanups: (() => void)[] = []
let generation = 0

async function render(): Promise<void> {
  const current = ++generation
  for (const cleanup of cleanups) cleanup()
  cleanups = []
  const [path = 'overview', ...rest] = location.hash.replace(/^#\/?/, '').split('/')
  const entry = PAGES.find((p) => p.path === path) ?? PAGES[0]
  if (!entry) return
  for (const link of nav.querySelectorAll('a'))
    link.classList.toggle('active', link.dataset.page === entry.path)
  const target = h('div', { class: 'page', 'data-page': entry.path })
  view.replaceChildren(target)
  if (!state.app) {
    target.append(
      h(
        'section',
        { class: 'card notice' },
        h('h2', {}, 'Which application?'),
        h(
          'p',
          {},
          'Type the application id your pages pass to createTracker (applicationId) in the field above, or open this page with ?app=<id>.',
        ),
      ),
    )
    appInput.focus()
    return
  }
  target.append(h('p', { class: 'muted loading' }, 'Loading…'))
  const content = h('div', {})
  try {
    const id = rest.length ? decodeURIComponent(rest.join('/')) : undefined
    if (entry.path === 'sessions' && id) await sessionTimeline(content, id)
    else if (entry.path === 'alerts' && id) await alertDetail(content, id)
    else await entry.page(content, (cleanup) => cleanups.push(cleanup))
    if (current !== generation) return
    target.replaceChildren(content)
  } catch (error) {
    if (current !== generation) return
    target.replaceChildren(problem(error))
  }
}

function problem(error: unknown): HTMLElement {
  if (error instanceof ApiError && error.status === 401) {
    const input = h('input', {
      type: 'password',
      placeholder: 'API token',
      autocomplete: 'off',
      'aria-label': 'API token',
    })
    return h(
      'section',
      { class: 'card notice' },
      h('h2', {}, 'API token needed'),
      h(
        'p',
        {},
        'This collector was started with --api-token. Enter it once; it is kept for this tab only (sessionStorage).',
      ),
      h(
        'form',
        {
          class: 'toolbar',
          'data-action-name': 'Enter API token',
          onsubmit: (event: Event) => {
            event.preventDefault()
            setApiToken(input.value.trim() || null)
            void render()
          },
        },
        input,
        h('button', { type: 'submit', class: 'primary' }, 'Continue'),
      ),
      error.message === 'wrong API token'
        ? h('p', { class: 'error' }, 'That token was wrong.')
        : null,
    )
  }
  return h(
    'section',
    { class: 'card notice' },
    h('h2', {}, 'Could not load this page'),
    h('p', { class: 'error' }, (error as Error).message),
  )
}

window.addEventListener('hashchange', () => void render())
void render()
