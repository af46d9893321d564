import { describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import type { TrackerErrorEvent } from '../../src'
import { button, sleep, track } from './harness'

/** Every message thrown here carries this marker: the Vitest config then ignores the error. */
const MARK = 'actiontrail-test-error'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** Throws `error` from a task of its own, as an uncaught error. */
const throwLater = (error: unknown) =>
  setTimeout(() => {
    throw error
  })

/** Rejects a promise nobody handles. */
const rejectUnhandled = (reason: unknown) => void Promise.reject(reason)

/** Waits for the `count` error events and returns them. */
async function errorEvents(errors: TrackerErrorEvent[], count: number) {
  await expect.poll(() => errors.length, { timeout: 10_000, interval: 20 }).toBe(count)
  return errors
}

describe('error frustration', () => {
  it('an error thrown by a click handler flags the click action and is linked to it', async () => {
    const { events, errors, eventFor } = track()
    const before = Date.now()
    await userEvent.click(
      button('Place order', () => throwLater(new TypeError(`${MARK}: order is undefined`))),
    )
    const [error] = await errorEvents(errors, 1)
    const after = Date.now()
    const click = await eventFor('Place order')
    expect(click.action.frustration).toContain('error')
    expect(click.action.counts.errors).toBe(1)

    expect(Object.keys(error as TrackerErrorEvent).sort()).toEqual(
      ['action', 'application', 'error', 'id', 'session', 'time', 'type', 'view'].sort(),
    )
    expect(error).toMatchObject({
      type: 'error',
      application: { id: 'test-app' },
      session: { id: click.session.id },
      view: { url: location.href, path: location.pathname, referrer: document.referrer },
      error: { message: `${MARK}: order is undefined`, type: 'TypeError', source: 'error' },
      action: { id: click.action.id },
    })
    expect(error?.id).toMatch(UUID)
    expect(error?.id).not.toBe(click.id)
    expect(error?.time).toBeGreaterThanOrEqual(before)
    expect(error?.time).toBeLessThanOrEqual(after)
    expect(error?.error.stack).toContain(`${MARK}: order is undefined`)
    expect(events).toHaveLength(1)
  })

  it('an error thrown synchronously inside the click handler is linked too', async () => {
    const { errors, eventFor } = track()
    await userEvent.click(
      button('Apply filter', () => {
        throw new Error(`${MARK}: filter crashed`)
      }),
    )
    const [error] = await errorEvents(errors, 1)
    const click = await eventFor('Apply filter')
    expect(error?.action).toEqual({ id: click.action.id })
    expect(click.action.frustration).toContain('error')
  })

  it('an unhandled rejection during an API action flags it and is linked to it', async () => {
    const { tracker, errors, eventFor } = track()
    const action = tracker.startAction('Save profile', { autoClose: false })
    rejectUnhandled(new RangeError(`${MARK}: quota exceeded`))
    const [error] = await errorEvents(errors, 1)
    action.finish()
    const event = await eventFor('Save profile')
    expect(event.action.frustration).toEqual(['error'])
    expect(event.action.counts.errors).toBe(1)
    expect(error?.error).toMatchObject({
      message: `${MARK}: quota exceeded`,
      type: 'RangeError',
      source: 'unhandledrejection',
    })
    expect(error?.error.stack).toContain('RangeError')
    expect(error?.action).toEqual({ id: action.id })
  })

  it('errors and rejections both count in one action', async () => {
    const { tracker, errors, eventFor } = track()
    const action = tracker.startAction('Checkout', { autoClose: false })
    throwLater(new Error(`${MARK}: one`))
    rejectUnhandled(new Error(`${MARK}: two`))
    throwLater(new Error(`${MARK}: three`))
    await errorEvents(errors, 3)
    action.finish()
    const event = await eventFor('Checkout')
    expect(event.action.counts.errors).toBe(3)
    expect(event.action.frustration).toEqual(['error'])
    expect(errors.map((e) => e.error.source).sort()).toEqual([
      'error',
      'error',
      'unhandledrejection',
    ])
    for (const error of errors) expect(error.action).toEqual({ id: action.id })
  })

  it('an error while no action is active has no action field', async () => {
    const { errors, events } = track()
    throwLater(new Error(`${MARK}: idle page`))
    const [error] = await errorEvents(errors, 1)
    expect(error).not.toHaveProperty('action')
    expect(error?.error.message).toBe(`${MARK}: idle page`)
    expect(events).toHaveLength(0)
  })

  it('an error after the click action completed is neither linked nor flagged', async () => {
    const { errors, eventFor } = track()
    await userEvent.click(button('Close banner'))
    // The click completed after idleTimeout, but its rage-click window is still open.
    await sleep(400)
    throwLater(new Error(`${MARK}: late`))
    const [error] = await errorEvents(errors, 1)
    const click = await eventFor('Close banner')
    expect(error).not.toHaveProperty('action')
    expect(click.action.frustration).not.toContain('error')
    expect(click.action.counts.errors).toBe(0)
  })
})

describe('error payloads', () => {
  it('a rejection with a string reason: type UnhandledRejection, the string as message', async () => {
    const { errors } = track()
    rejectUnhandled(`${MARK}: plain string`)
    const [error] = await errorEvents(errors, 1)
    expect(error?.error).toEqual({
      message: `${MARK}: plain string`,
      type: 'UnhandledRejection',
      source: 'unhandledrejection',
    })
  })

  it('a rejection with an object reason: the message comes from the object', async () => {
    const { errors } = track()
    rejectUnhandled({ code: 42, message: `${MARK}: object reason` })
    const [error] = await errorEvents(errors, 1)
    expect(error?.error.type).toBe('UnhandledRejection')
    expect(error?.error.source).toBe('unhandledrejection')
    expect(error?.error.message).toContain('42')
    expect(error?.error.message).toContain(`${MARK}: object reason`)
  })

  it('a thrown non-Error value is still reported with a message', async () => {
    const { errors } = track()
    throwLater(`${MARK}: thrown string`)
    const [error] = await errorEvents(errors, 1)
    expect(error?.error.source).toBe('error')
    expect(error?.error.type).toBe('Error')
    expect(error?.error.message).toContain(`${MARK}: thrown string`)
  })

  it('messages are cut to 1000 characters, stacks to 3000, ending in " [...]"', async () => {
    const { errors } = track()
    const long = `${MARK}: ${'x'.repeat(5000)}`
    throwLater(new Error(long))
    rejectUnhandled(long)
    await errorEvents(errors, 2)
    for (const { error } of errors) {
      expect(error.message).toHaveLength(1000)
      expect(error.message.endsWith(' [...]')).toBe(true)
      expect(long.startsWith(error.message.slice(0, -' [...]'.length))).toBe(true)
    }
    const thrown = errors.find((e) => e.error.source === 'error')
    expect(thrown?.error.stack).toHaveLength(3000)
    expect(thrown?.error.stack?.endsWith(' [...]')).toBe(true)
  })

  it('short messages and stacks are kept whole', async () => {
    const { errors } = track()
    const error = new Error(`${MARK}: short`)
    throwLater(error)
    const [event] = await errorEvents(errors, 1)
    expect(event?.error.message).toBe(`${MARK}: short`)
    expect(event?.error.stack).toBe(error.stack)
  })
})

describe('error event limit', () => {
  it('at most 100 error events per tracker, while the action keeps counting', async () => {
    const { tracker, errors, eventFor } = track()
    const action = tracker.startAction('Render loop', { autoClose: false })
    for (let i = 0; i < 120; i++) throwLater(new Error(`${MARK}: frame ${i}`))
    // Timers with the same delay run in order: this one runs after every throw.
    await new Promise((resolve) => setTimeout(resolve))
    await sleep(100)
    throwLater(new Error(`${MARK}: one more`))
    await sleep(100)
    action.finish()
    const event = await eventFor('Render loop')
    expect(event.action.counts.errors).toBe(121)
    expect(errors).toHaveLength(100)
    expect(errors[0]?.error.message).toBe(`${MARK}: frame 0`)
    expect(errors[99]?.error.message).toBe(`${MARK}: frame 99`)

    // The limit belongs to the tracker: a new one reports again.
    tracker.stop()
    const next = track()
    throwLater(new Error(`${MARK}: new tracker`))
    const [fresh] = await errorEvents(next.errors, 1)
    expect(fresh?.error.message).toBe(`${MARK}: new tracker`)
    expect(errors).toHaveLength(100)
  })
})
