import { describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { button, sleep, slowUrl, track } from './harness'

const SLACK = 1000

/** Appends `count` nodes to `parent`, one every `every` ms, starting after `every` ms. */
async function appendOverTime(parent: Element, count: number, every: number) {
  for (let i = 0; i < count; i++) {
    await sleep(every)
    parent.append(document.createElement('p'))
  }
}

describe('page activity', () => {
  it('DOM mutations keep a click action open and are counted', async () => {
    const { eventFor } = track()
    const list = document.createElement('ul')
    document.body.append(list)
    await userEvent.click(button('Show more', () => void appendOverTime(list, 3, 70)))
    const event = await eventFor('Show more')
    expect(event.action.complete_reason).toBe('completed')
    expect(event.action.counts.mutations).toBe(3)
    // The third node lands at least 3 × 70 ms after the click.
    expect(event.action.duration).toBeGreaterThanOrEqual(200)
    expect(event.action.duration).toBeLessThan(210 + SLACK)
  })

  it('mutations inside data-actiontrail-ignore-mutations are neither counted nor activity', async () => {
    const { eventFor } = track()
    const clock = document.createElement('div')
    clock.setAttribute('data-actiontrail-ignore-mutations', '')
    const inner = document.createElement('span')
    clock.append(inner)
    document.body.append(clock)
    const ticking = setInterval(() => {
      inner.textContent = String(performance.now())
      inner.append(document.createElement('i'))
    }, 20)
    try {
      await userEvent.click(button('Refresh'))
      const event = await eventFor('Refresh')
      expect(event.action.counts.mutations).toBe(0)
      expect(event.action).not.toHaveProperty('duration')
    } finally {
      clearInterval(ticking)
    }
  })

  it('counts only the mutations outside a marked element when both change in one task', async () => {
    const { tracker, eventFor } = track()
    const clock = document.createElement('div')
    clock.setAttribute('data-actiontrail-ignore-mutations', '')
    const list = document.createElement('ul')
    document.body.append(clock, list)
    tracker.startAction('Render')
    for (let i = 0; i < 50; i++) {
      list.append(document.createElement('li'))
      clock.append(document.createElement('i'))
    }
    const event = await eventFor('Render')
    expect(event.action.counts.mutations).toBe(50)
  })

  it('leaves out what changed inside a marked element that left the page in the same task', async () => {
    const { tracker, eventFor } = track()
    const ticker = document.createElement('div')
    ticker.setAttribute('data-actiontrail-ignore-mutations', '')
    const price = document.createElement('span')
    ticker.append(price)
    document.body.append(ticker)
    tracker.startAction('Close ticker')
    // The ticker ticks, then goes with the view: by the time the records are read, no marked
    // element is left in the document.
    price.textContent = '42'
    price.setAttribute('data-trend', 'up')
    ticker.remove()
    const event = await eventFor('Close ticker')
    // Only the removal of the ticker itself, from the body.
    expect(event.action.counts.mutations).toBe(1)
  })

  it('a pending fetch holds the action open past idleTimeout until it completes', async () => {
    const { tracker, eventFor } = track({ idleTimeout: 100 })
    tracker.startAction('Search')
    await fetch(slowUrl(600))
    const event = await eventFor('Search')
    expect(event.action.duration).toBeGreaterThanOrEqual(600)
    expect(event.action.duration).toBeLessThan(600 + SLACK)
    expect(event.action.counts.requests).toBe(1)
  })

  it('XHR requests are activity and counted', async () => {
    const { tracker, eventFor } = track()
    tracker.startAction('Load reviews')
    await new Promise<void>((resolve) => {
      const xhr = new XMLHttpRequest()
      xhr.open('GET', slowUrl(300))
      xhr.addEventListener('loadend', () => resolve())
      xhr.send()
    })
    const event = await eventFor('Load reviews')
    expect(event.action.counts.requests).toBe(1)
    expect(event.action.duration).toBeGreaterThanOrEqual(300)
  })

  it('a request that fails is still an activity that ends', async () => {
    const { tracker, eventFor } = track()
    tracker.startAction('Offline save')
    await fetch('http://127.0.0.1:1/unreachable').catch(() => undefined)
    const event = await eventFor('Offline save')
    expect(event.action.complete_reason).toBe('completed')
    expect(event.action.counts.requests).toBe(1)
  })

  it('resource timing entries are counted and extend the action', async () => {
    // A resource entry exists once the resource has loaded: it must land inside the idle window.
    const { tracker, eventFor } = track({ idleTimeout: 400 })
    tracker.startAction('Open gallery')
    const image = new Image()
    image.src = slowUrl(150, 'png')
    // Not in the DOM and not a fetch: only the resource entry can carry the action.
    await new Promise((resolve) => image.addEventListener('load', resolve))
    const event = await eventFor('Open gallery')
    expect(event.action.counts.resources).toBe(1)
    expect(event.action.counts.requests).toBe(0)
    expect(event.action.counts.mutations).toBe(0)
    expect(event.action.duration).toBeGreaterThanOrEqual(140)
  })

  it('requests to the own endpoint and to excludedActivityUrls are not activity', async () => {
    const origin = location.origin
    const { tracker, eventFor } = track({
      endpoint: `${origin}/slow?ms=1&collector=1`,
      excludedActivityUrls: [
        /ping=1/,
        `${origin}/slow?ms=200&prefix`,
        (url) => url.includes('fn=1'),
      ],
    })
    tracker.startAction('Idle page')
    await Promise.all([
      fetch('/slow?ms=250&collector=2'), // own endpoint: query ignored, path matches
      fetch('/slow?ms=250&ping=1'),
      fetch('/slow?ms=200&prefix=1'),
      fetch('/slow?ms=250&fn=1'),
    ])
    const event = await eventFor('Idle page')
    expect(event.action.counts.requests).toBe(0)
    expect(event.action.counts.resources).toBe(0)
    expect(event.action).not.toHaveProperty('duration')
  })

  it('window.open is activity', async () => {
    const { tracker, eventFor } = track()
    tracker.startAction('Open help')
    await sleep(60)
    window.open('about:blank', '_blank')?.close()
    const event = await eventFor('Open help')
    expect(event.action.duration).toBeGreaterThanOrEqual(50)
  })

  it('errors and unhandled rejections during the action are counted', async () => {
    const { tracker, eventFor } = track()
    tracker.startAction('Pay')
    tracker.notifyActivity()
    setTimeout(() => {
      throw new Error('actiontrail-test-error: thrown')
    })
    void Promise.reject(new Error('actiontrail-test-error: rejected'))
    const event = await eventFor('Pay')
    expect(event.action.counts.errors).toBe(2)
  })

  it('long tasks during the action are counted', async () => {
    const { tracker, eventFor } = track()
    tracker.startAction('Sort table')
    const done = tracker.beginActivity()
    const until = performance.now() + 120
    while (performance.now() < until) {
      // Block the main thread: a long task.
    }
    // Long task entries are delivered after the task; keep the action open until then.
    await sleep(200)
    done()
    const event = await eventFor('Sort table')
    expect(event.action.counts.long_tasks).toBeGreaterThanOrEqual(1)
  })

  it('beginActivity() holds the action open until its done function is called', async () => {
    const { tracker, eventFor } = track()
    tracker.startAction('Sync over WebSocket')
    const done = tracker.beginActivity()
    await sleep(400)
    expect(tracker.current?.name).toBe('Sync over WebSocket')
    done()
    done() // a second call changes nothing
    const event = await eventFor('Sync over WebSocket')
    expect(event.action.duration).toBeGreaterThanOrEqual(400)
    expect(event.action.duration).toBeLessThan(400 + SLACK)
    expect(event.action.counts.requests).toBe(0)
  })

  it('notifyActivity() extends the idle window', async () => {
    const { tracker, eventFor } = track({ idleTimeout: 100 })
    tracker.startAction('Worker job')
    for (let i = 0; i < 4; i++) {
      await sleep(60)
      tracker.notifyActivity()
    }
    const event = await eventFor('Worker job')
    expect(event.action.duration).toBeGreaterThanOrEqual(240)
  })

  it('activity after an action completed does not reopen or extend it', async () => {
    const { tracker, events, eventFor } = track()
    tracker.startAction('Quick')
    const event = await eventFor('Quick')
    document.body.append(document.createElement('div'))
    await fetch(slowUrl(50))
    await sleep(200)
    expect(events).toHaveLength(1)
    expect(event.action.counts.mutations).toBe(0)
  })

  it('a request started by an earlier action does not hold the next one open', async () => {
    const { tracker, eventFor } = track()
    tracker.startAction('Earlier')
    const slow = fetch(slowUrl(800))
    tracker.startAction('Later')
    const later = await eventFor('Later')
    expect(later.action.counts.requests).toBe(0)
    expect(later.action).not.toHaveProperty('duration')
    await slow
  })
})
