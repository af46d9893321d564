import { type ActionEvent, createTracker, type TrackerOptions } from '@actiontrail/core'
import { afterEach, expect } from 'vitest'
import { type App, type Component, createApp } from 'vue'
import { type ActiontrailPluginOptions, createActiontrail } from '../../src'

const home = location.href
const cleanups: (() => void)[] = []

afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
  document.body.replaceChildren()
  localStorage.clear()
  history.replaceState(null, '', home)
})

/**
 * A tracker whose action events land in `events`, stopped after the test. Navigation detection
 * is off unless asked for, so the test page's own load is not the first action of every test.
 */
export function track(options: Partial<TrackerOptions> = {}) {
  const tracker = createTracker({ applicationId: 'vue-test', trackNavigation: false, ...options })
  const events: ActionEvent[] = []
  tracker.addEventModifier((event) => {
    if (event.type === 'action') events.push(event)
  })
  cleanups.push(() => tracker.stop())
  return { tracker, events, eventFor: (name: string) => eventFor(events, name) }
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

/** Waits for the event of the action with this name. */
export const eventFor = (events: ActionEvent[], name: string) =>
  waitFor(events, (event) => event.action.name === name)

/** Mounts `root` with the plugin in a fresh element; the app is unmounted after the test if still mounted. */
export function mountApp(
  root: Component,
  plugin: ActiontrailPluginOptions,
  setup?: (app: App) => void,
) {
  const app = createApp(root)
  setup?.(app)
  app.use(createActiontrail(plugin))
  const element = document.createElement('div')
  document.body.append(element)
  app.mount(element)
  let mounted = true
  const unmount = app.unmount
  app.unmount = () => {
    mounted = false
    unmount.call(app)
  }
  cleanups.push(() => mounted && app.unmount())
  return app
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Fetches from the test server, which answers after `ms` milliseconds, and reads the body. */
export const load = async (ms: number) =>
  (await fetch(`/slow?ms=${ms}&n=${Math.random().toString(36).slice(2)}`)).json()

/** The element matching `selector`, or a loud failure. */
export function find<E extends Element = HTMLElement>(selector: string): E {
  const found = document.querySelector<E>(selector)
  if (!found) throw new Error(`the page has no ${selector}`)
  return found
}
