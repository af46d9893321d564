import { afterEach, expect } from 'vitest'
import type {
  ActionEvent,
  Tracker,
  TrackerErrorEvent,
  TrackerEvent,
  TrackerOptions,
} from '../../src'
import { createTracker } from '../../src'

const trackers: Tracker[] = []
const home = location.href

/** Upper margin for timings: a second of slack for a loaded 2-core machine. */
export const SLACK = 1000

afterEach(() => {
  for (const tracker of trackers.splice(0)) tracker.stop()
  document.body.replaceChildren()
  localStorage.clear()
  history.replaceState(null, '', home)
})

/**
 * A tracker whose action events are collected in `events` and error events in `errors`, stopped
 * after the test. Navigation tracking is off unless asked for: the test page's own load would
 * otherwise be the first action of every test.
 */
export function track(options: Partial<TrackerOptions> = {}) {
  const events: ActionEvent[] = []
  const tracker = createTracker({ applicationId: 'test-app', trackNavigation: false, ...options })
  const errors: TrackerErrorEvent[] = []
  tracker.addEventModifier((event) => {
    if (event.type === 'action') events.push(event)
    else errors.push(event)
  })
  trackers.push(tracker)

  /** Waits for the event of the action with this name (or id) and returns it. */
  const eventFor = async (nameOrId: string, timeout = 10_000): Promise<ActionEvent> => {
    let found: ActionEvent | undefined
    await expect
      .poll(
        () => (found = events.find((e) => e.action.name === nameOrId || e.action.id === nameOrId)),
        { timeout, interval: 20 },
      )
      .toBeDefined()
    return found as ActionEvent
  }

  return { tracker, events, errors, eventFor }
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A URL of the test server that answers after `ms` milliseconds. */
export const slowUrl = (ms: number, type = 'json') =>
  `/slow?ms=${ms}&type=${type}&n=${Math.random().toString(36).slice(2)}`

/**
 * Fetches from the test server and reads the body, as an app does. The browser records the
 * resource timing entry only once the body has been read.
 */
export const load = async (ms: number) => (await fetch(slowUrl(ms))).json()

/** Adds a button to the page. */
export function button(text: string, onClick?: (event: MouseEvent) => void): HTMLButtonElement {
  const element = document.createElement('button')
  element.textContent = text
  if (onClick) element.addEventListener('click', onClick)
  document.body.append(element)
  return element
}

/** Names of the action events in a batch, in order. */
export const actionNames = (batch: TrackerEvent[]) =>
  batch.flatMap((event) => (event.type === 'action' ? [event.action.name] : []))

/** Mounts markup in the body and returns a `querySelector` over it that fails loudly. */
export function mount(html: string) {
  const container = document.createElement('div')
  container.innerHTML = html
  document.body.append(container)
  return <E extends Element = HTMLInputElement>(selector: string): E => {
    const found = container.querySelector<E>(selector)
    if (!found) throw new Error(`test markup has no ${selector}`)
    return found
  }
}

/** `type:name` of every action as it starts (subscribers see recorded actions too). */
export function starts(tracker: Tracker): string[] {
  const started: string[] = []
  tracker.subscribe((action) => started.push(`${action.type}:${action.name}`))
  return started
}

/** Waits for the first action event that matches and returns it. */
export async function waitFor(
  events: ActionEvent[],
  match: (event: ActionEvent) => boolean,
): Promise<ActionEvent> {
  let found: ActionEvent | undefined
  await expect
    .poll(() => (found = events.find(match)), { timeout: 10_000, interval: 20 })
    .toBeDefined()
  return found as ActionEvent
}

/** The browser tells the page it is going away. */
export const hidePage = () => window.dispatchEvent(new PageTransitionEvent('pagehide'))
