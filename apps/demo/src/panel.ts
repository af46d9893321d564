import type { ActionEvent, UserAction } from '@actiontrail/core'

/** How many completed actions the panel keeps. */
const MAX_ENTRIES = 15

const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  node.className = className
  if (text !== undefined) node.textContent = text
  return node
}

function required<T extends Element>(selector: string): T {
  const found = document.querySelector<T>(selector)
  if (!found) throw new Error(`The demo page has no ${selector}`)
  return found
}

/** One completed action as a list entry. Everything goes through textContent: names are page text. */
function renderEntry(event: ActionEvent): HTMLLIElement {
  const { action } = event
  const item = element('li', `entry entry-${action.type}`)

  const head = element('div', 'entry-head')
  head.append(
    element('span', 'entry-type', action.type),
    element('span', action.name ? 'entry-name' : 'entry-name unnamed', action.name || '(no name)'),
    element(
      'span',
      'entry-duration',
      action.duration === undefined ? '—' : `${action.duration.toLocaleString()} ms`,
    ),
  )

  const meta = element('div', 'entry-meta')
  meta.append(
    element('span', `entry-reason reason-${action.complete_reason}`, action.complete_reason),
  )
  if (action.name_source)
    meta.append(element('span', 'entry-source', `name: ${action.name_source}`))
  if (action.navigation) {
    const cause = action.navigation.trigger ? ', from a click' : ''
    meta.append(element('span', 'entry-source', `${action.navigation.method}${cause}`))
  }
  if (action.form) meta.append(element('span', 'entry-source', `form: ${action.form.interaction}`))
  for (const signal of action.frustration) meta.append(element('span', 'entry-frustration', signal))
  meta.append(element('time', 'entry-time', timeFormat.format(action.start)))

  const { counts } = action
  const parts = [
    `${counts.requests} req`,
    `${counts.mutations} mut`,
    `${counts.resources} res`,
    ...(counts.errors ? [`${counts.errors} err`] : []),
    ...(counts.long_tasks ? [`${counts.long_tasks} long task`] : []),
  ]
  const countLine = element('div', 'entry-counts', parts.join(' · '))
  countLine.title = 'requests · mutations · resources'

  item.append(head, meta, countLine)
  return item
}

/** The live panel on the right: completed actions, newest first, and the active one. */
export function createPanel() {
  const list = required<HTMLOListElement>('#trail-list')
  const empty = required<HTMLElement>('#trail-empty')
  const active = required<HTMLElement>('#trail-active')

  return {
    /** Adds a completed action at the top and drops the oldest beyond 15. */
    add(event: ActionEvent): void {
      list.prepend(renderEntry(event))
      while (list.children.length > MAX_ENTRIES) list.lastElementChild?.remove()
      empty.hidden = true
    },

    /** Shows the active action; `waiting` when an `autoClose: false` action went quiet. */
    showActive(action: UserAction | undefined, waiting = false): void {
      if (!action) {
        active.textContent = 'active: —'
        active.classList.remove('is-active')
        return
      }
      const name = action.name || '(no name)'
      active.textContent = `active: ${name} (${action.type})${waiting ? ' · idle, waiting for finish()' : ''}`
      active.classList.add('is-active')
    },
  }
}
