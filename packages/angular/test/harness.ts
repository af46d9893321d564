import type { ActionEvent, TrackerOptions } from '@actiontrail/core'
import { afterEach, expect } from 'vitest'

const home = location.href

// Router tests move the test page's URL; every test starts from where the runner put it.
afterEach(() => history.replaceState(null, '', home))

/** Upper margin for timings: a second of slack for a loaded 2-core machine. */
export const SLACK = 1000

/**
 * Tracker options whose action events are collected in `events` as they are emitted, and a
 * way to wait for one of them.
 */
export function recorder(options: Partial<TrackerOptions> = {}) {
  const events: ActionEvent[] = []
  const trackerOptions: TrackerOptions = {
    applicationId: 'angular-test',
    beforeSend: (event) => {
      if (event.type === 'action') events.push(event)
    },
    ...options,
  }

  /** Waits for the first action event that matches and returns it. */
  const eventFor = async (match: string | ((event: ActionEvent) => boolean)) => {
    const matches =
      typeof match === 'string' ? (event: ActionEvent) => event.action.name === match : match
    let found: ActionEvent | undefined
    await expect
      .poll(() => (found = events.find(matches)), { timeout: 10_000, interval: 20 })
      .toBeDefined()
    return found as ActionEvent
  }

  return { options: trackerOptions, events, eventFor }
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
