import type { ActionEvent, Tracker, TrackerOptions } from '@actiontrail/core'
import { createTracker } from '@actiontrail/core'
import type { ReactNode } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, expect } from 'vitest'
import { userEvent } from 'vitest/browser'

const home = location.href
const cleanups: (() => void)[] = []

afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
  localStorage.clear()
  history.replaceState(null, '', home)
})

/**
 * A tracker whose action events are collected in `events`, stopped after the test. The page
 * starts at `path`, where the test's router begins.
 */
export function track(path = '/', options: Partial<TrackerOptions> = {}) {
  history.replaceState(null, '', path)
  const tracker = createTracker({ applicationId: 'react-test', ...options })
  const events: ActionEvent[] = []
  tracker.addEventModifier((event) => {
    if (event.type === 'action') events.push(event)
  })
  cleanups.push(() => tracker.stop())

  /** Waits for the first action event that matches and returns it. */
  const eventWhere = async (match: (event: ActionEvent) => boolean) => {
    let found: ActionEvent | undefined
    await expect.poll(() => (found = events.find(match)), { timeout: 10_000 }).toBeDefined()
    return found as ActionEvent
  }
  /** Waits for the action event with this name. */
  const eventFor = (name: string) => eventWhere((event) => event.action.name === name)
  /** The events of navigation actions, in order. */
  const navigations = () => events.filter((event) => event.action.type === 'navigation')
  /**
   * Waits for the navigation named `last`, and a while longer so that a wrong extra one would
   * show up, then returns the names of all navigations, in order.
   */
  const navigationNamesUntil = async (last: string) => {
    await eventFor(last)
    await sleep(300)
    return navigations().map((event) => event.action.name)
  }

  return { tracker, events, eventFor, eventWhere, navigations, navigationNamesUntil }
}

/** Runs `cleanup` after the test. */
export const onCleanup = (cleanup: () => void) => cleanups.push(cleanup)

/** Renders `node` into a fresh container; unmounted after the test. */
export function render(node: ReactNode): Root {
  const container = document.createElement('div')
  document.body.append(container)
  const root = createRoot(container)
  root.render(node)
  cleanups.push(() => {
    root.unmount()
    container.remove()
  })
  return root
}

/** Waits until the page shows an element matching `selector`, and returns it. */
export async function find<E extends Element = HTMLElement>(selector: string): Promise<E> {
  let found: E | null = null
  await expect.poll(() => (found = document.querySelector<E>(selector))).not.toBeNull()
  return found as unknown as E
}

/** Clicks the link or button with this text, once it is on the page. */
export async function link(text: string) {
  const withText = () =>
    [...document.querySelectorAll<HTMLElement>('a, button')].find((e) => e.textContent === text)
  await expect.poll(withText).toBeDefined()
  await userEvent.click(withText() as HTMLElement)
}

/** Waits until the page has a heading with this text. */
export const heading = (text: string) =>
  expect.poll(() => document.querySelector('h1')?.textContent).toBe(text)

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Resolves with `value` after `ms` milliseconds: a loader that fetches. */
export const later = <T,>(ms: number, value: T) =>
  new Promise<T>((resolve) => setTimeout(() => resolve(value), ms))

export type { Tracker }
