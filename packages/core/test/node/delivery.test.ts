import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  createDelivery,
  OUTBOX_EVENTS,
  OUTBOX_KEY_PREFIX,
  type Sender,
  type SendResult,
} from '../../src/delivery'
import type { TrackerEvent } from '../../src/types'

/** `localStorage` semantics over a Map, with a switch that makes writes fail (quota). */
class MemoryStorage implements Storage {
  readonly map = new Map<string, string>()
  get length() {
    return this.map.size
  }
  clear() {
    this.map.clear()
  }
  getItem(key: string) {
    return this.map.get(key) ?? null
  }
  key(index: number) {
    return [...this.map.keys()][index] ?? null
  }
  removeItem(key: string) {
    this.map.delete(key)
  }
  setItem(key: string, value: string) {
    this.map.set(key, value)
  }
}

let serial = 0
/** A minimal action event with a unique id; `pad` makes it bigger. */
function event(pad = 0): TrackerEvent {
  serial++
  return {
    type: 'action',
    id: `event-${serial}`,
    time: 1_764_115_200_000,
    application: { id: 'shop' },
    session: { id: 's' },
    view: { url: 'https://shop.example/', path: '/', referrer: '' },
    action: {
      id: `action-${serial}`,
      type: 'custom',
      name: 'x'.repeat(pad),
      start: 1_764_115_200_000,
      complete_reason: 'completed',
      counts: { requests: 0, resources: 0, mutations: 0, errors: 0, long_tasks: 0 },
      frustration: [],
    },
  }
}

/** A sender that answers from a script and records what it was given. */
function scriptedSender(answers: (SendResult | { result: SendResult; retryAfter: number })[]) {
  const calls: { ids: string[]; leaving: boolean; dropped: number; at: number }[] = []
  const send: Sender = async (events, leaving, dropped) => {
    const ids = events.map((e) => e.id)
    calls.push({ ids, leaving, dropped, at: Date.now() })
    const next = answers.length > 1 ? answers.shift() : answers[0]
    return typeof next === 'object' ? next : { result: next ?? 'ok' }
  }
  return { send, calls }
}

const options = (storage: Storage) => ({
  destination: 'https://collector.example/v1/events',
  storage,
  maxBatchEvents: 50,
  maxBatchBytes: 16 * 1024,
  warn: vi.fn(),
})

const storedIds = (storage: Storage) =>
  [...(storage as MemoryStorage).map.entries()]
    .filter(([key]) => key.startsWith(OUTBOX_KEY_PREFIX))
    .flatMap(([, value]) => (JSON.parse(value) as TrackerEvent[]).map((e) => e.id))

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('delivery', () => {
  it('sends a batch, and storage holds it only until the server confirms it', async () => {
    const storage = new MemoryStorage()
    let seenInStorage: string[] = []
    const send: Sender = async () => {
      seenInStorage = storedIds(storage)
      return { result: 'ok' }
    }
    const delivery = createDelivery(send, options(storage))
    const batch = [event(), event()]
    await delivery.send(batch, false)
    expect(seenInStorage).toEqual(batch.map((e) => e.id))
    expect(storedIds(storage)).toEqual([])
  })

  it('retries with growing, jittered backoff until the server is back, then sends once', async () => {
    // Half of the full backoff each time: 1 s, 2 s, 4 s.
    vi.spyOn(Math, 'random').mockReturnValue(0.5)
    const storage = new MemoryStorage()
    const { send, calls } = scriptedSender(['retry', 'retry', 'retry', 'ok'])
    const delivery = createDelivery(send, options(storage))
    const batch = [event()]
    await delivery.send(batch, false)
    expect(calls).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(999)
    expect(calls).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(calls).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(1999)
    expect(calls).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(1)
    expect(calls).toHaveLength(3)
    await vi.advanceTimersByTimeAsync(4000)
    expect(calls).toHaveLength(4)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(calls).toHaveLength(4)
    expect(calls.every((call) => call.ids[0] === batch[0]?.id)).toBe(true)
    expect(storedIds(storage)).toEqual([])
  })

  it('jitter spreads the retries of many pages: the delay is random up to the backoff', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.25)
    const { send, calls } = scriptedSender(['retry', 'ok'])
    const delivery = createDelivery(send, options(new MemoryStorage()))
    await delivery.send([event()], false)
    await vi.advanceTimersByTimeAsync(499)
    expect(calls).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(calls).toHaveLength(2)
  })

  it('honours Retry-After when it is longer than the backoff', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0)
    const { send, calls } = scriptedSender([{ result: 'retry', retryAfter: 30_000 }, 'ok'])
    const delivery = createDelivery(send, options(new MemoryStorage()))
    await delivery.send([event()], false)
    await vi.advanceTimersByTimeAsync(29_999)
    expect(calls).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(calls).toHaveLength(2)
  })

  it('new batches wait behind a failing one, in order, and go out together once it is back', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999)
    const { send, calls } = scriptedSender(['retry', 'ok'])
    const delivery = createDelivery(send, options(new MemoryStorage()))
    const first = event()
    const second = event()
    await delivery.send([first], false)
    await delivery.send([second], false)
    expect(calls).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(2000)
    expect(calls.map((c) => c.ids)).toEqual([[first.id], [first.id, second.id]])
  })

  it('413 splits the batch in halves until each part fits', async () => {
    const calls: string[][] = []
    const send: Sender = async (events) => {
      const ids = events.map((e) => e.id)
      calls.push(ids)
      return { result: ids.length > 2 ? 'too-large' : 'ok' }
    }
    const storage = new MemoryStorage()
    const delivery = createDelivery(send, options(storage))
    const batch = Array.from({ length: 7 }, () => event())
    await delivery.send(batch, false)
    expect(calls.map((ids) => ids.length)).toEqual([7, 4, 2, 2, 2, 1])
    expect(calls.filter((ids) => ids.length <= 2).flat()).toEqual(batch.map((e) => e.id))
    expect(storedIds(storage)).toEqual([])
  })

  it('a single event the server finds too large is dropped, and the rest go on', async () => {
    const big = event(5000)
    const small = event()
    const calls: string[][] = []
    const send: Sender = async (events) => {
      calls.push(events.map((e) => e.id))
      return { result: JSON.stringify(events).length > 4000 ? 'too-large' : 'ok' }
    }
    const warn = vi.fn()
    const delivery = createDelivery(send, { ...options(new MemoryStorage()), warn })
    await delivery.send([big, small], false)
    expect(calls.at(-1)).toEqual([small.id])
    expect(warn).toHaveBeenCalledWith('too-large', expect.stringContaining('dropped'))
  })

  it('a refused batch (400) is not sent again', async () => {
    const storage = new MemoryStorage()
    const { send, calls } = scriptedSender(['refused'])
    const delivery = createDelivery(send, options(storage))
    await delivery.send([event()], false)
    await vi.advanceTimersByTimeAsync(120_000)
    expect(calls).toHaveLength(1)
    expect(storedIds(storage)).toEqual([])
  })

  it('a full outbox drops its oldest events first, counts them and tells the server', async () => {
    const storage = new MemoryStorage()
    const { send, calls } = scriptedSender(['retry', 'ok'])
    vi.spyOn(Math, 'random').mockReturnValue(0.999)
    const delivery = createDelivery(send, options(storage))
    const events = Array.from({ length: OUTBOX_EVENTS + 20 }, () => event())
    for (let i = 0; i < events.length; i += 50) await delivery.send(events.slice(i, i + 50), false)
    expect(storedIds(storage)).toHaveLength(OUTBOX_EVENTS)
    expect(storedIds(storage)[0]).toBe(events[20]?.id)
    await vi.advanceTimersByTimeAsync(2000)
    const retried = calls.slice(1)
    expect(retried[0]?.dropped).toBe(20)
    expect(retried.flatMap((c) => c.ids)).toEqual(events.slice(20).map((e) => e.id))
    expect(retried.at(-1)?.dropped).toBe(0)
  })

  it('drops counted while a request hangs are told with the next request, not lost', async () => {
    const storage = new MemoryStorage()
    const calls: number[] = []
    let answerFirst: (answer: { result: SendResult }) => void = () => {}
    const send: Sender = (_events, _leaving, dropped) => {
      calls.push(dropped)
      if (calls.length === 1) return new Promise((resolve) => (answerFirst = resolve))
      return Promise.resolve({ result: 'ok' })
    }
    const delivery = createDelivery(send, options(storage))
    const events = Array.from({ length: OUTBOX_EVENTS + 70 }, () => event())
    void delivery.send(events.slice(0, 50), false)
    // The collector hangs on the first batch while the outbox overflows by 70 events.
    for (let i = 50; i < events.length; i += 50) void delivery.send(events.slice(i, i + 50), false)
    answerFirst({ result: 'ok' })
    await vi.advanceTimersByTimeAsync(0)
    expect(calls[0]).toBe(0)
    expect(calls[1]).toBe(70)
    expect(calls.at(-1)).toBe(0)
  })

  it('what a page could not send is sent by the next page on resume, with the same ids', async () => {
    const storage = new MemoryStorage()
    const down = scriptedSender(['retry'])
    const before = createDelivery(down.send, options(storage))
    const batch = [event(), event()]
    await before.send(batch, false)
    // The page is closed here; a new page of the site starts.
    const up = scriptedSender(['ok'])
    const after = createDelivery(up.send, options(storage))
    expect(up.calls).toHaveLength(0)
    after.resume()
    await vi.advanceTimersByTimeAsync(0)
    expect(up.calls.map((c) => c.ids)).toEqual([batch.map((e) => e.id)])
    expect(storedIds(storage)).toEqual([])
  })

  it('leaving: sends at once with keep-alive and keeps the events stored until confirmed', async () => {
    const storage = new MemoryStorage()
    let answer: (value: { result: SendResult }) => void = () => {}
    const leavingCalls: boolean[] = []
    const send: Sender = (_body, leaving) => {
      leavingCalls.push(leaving)
      return new Promise((resolve) => {
        answer = resolve
      })
    }
    const delivery = createDelivery(send, options(storage))
    const batch = [event()]
    void delivery.send(batch, true)
    await vi.advanceTimersByTimeAsync(0)
    expect(leavingCalls).toEqual([true])
    // The page may die now: the event is still in storage for the next page.
    expect(storedIds(storage)).toEqual([batch[0]?.id])
    answer({ result: 'ok' })
    await vi.advanceTimersByTimeAsync(0)
    expect(storedIds(storage)).toEqual([])
  })

  it('clear() forgets everything waiting, earlier pages included, and sends nothing more', async () => {
    const storage = new MemoryStorage()
    const earlier = createDelivery(scriptedSender(['retry']).send, options(storage))
    await earlier.send([event()], false)
    storage.setItem('app-data', 'kept')
    const { send, calls } = scriptedSender(['retry'])
    const delivery = createDelivery(send, options(storage))
    await delivery.send([event()], false)
    delivery.clear()
    await vi.advanceTimersByTimeAsync(120_000)
    expect(calls).toHaveLength(1)
    expect([...storage.map.keys()]).toEqual(['app-data'])
  })

  it('storage that refuses writes still delivers from memory', async () => {
    const storage = new MemoryStorage()
    storage.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError')
    }
    const { send, calls } = scriptedSender(['ok'])
    const delivery = createDelivery(send, options(storage))
    await delivery.send([event()], false)
    expect(calls).toHaveLength(1)
  })
})
