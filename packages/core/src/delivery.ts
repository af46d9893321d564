import type { TrackerEvent } from './types'
import { uuid } from './uuid'

/** The retry queue keeps at most this many events... */
export const OUTBOX_EVENTS = 500
/** ...and this many bytes of them (JSON), so it fits in `localStorage` beside the app's data. */
const OUTBOX_BYTES = 256 * 1024
/** Keep-alive requests and beacons may carry 64 KiB at most, all of them together. */
export const UNLOAD_BYTES = 60_000
const BACKOFF_BASE_MS = 1000
const BACKOFF_MAX_MS = 60_000
export const OUTBOX_KEY_PREFIX = 'actiontrail_outbox_'

/** What one attempt to send a batch came to. */
export type SendResult =
  /** The server has it. */
  | 'ok'
  /** Try again later (network error, 408, 429, 5xx, or handed to a beacon without an answer). */
  | 'retry'
  /** Too large: split it. */
  | 'too-large'
  /** Refused for good (another 4xx): the server kept what was valid in it. */
  | 'refused'

/**
 * Sends one batch. `leaving`: the page is going away, so the request must start before the
 * sender returns (no awaiting first). `dropped`: events the outbox had to drop since the last
 * success, for the server to count. May set `retryAfter` (ms) on `retry`.
 */
export type Sender = (
  events: TrackerEvent[],
  leaving: boolean,
  dropped: number,
) => Promise<{ result: SendResult; retryAfter?: number }>

interface Queued {
  event: TrackerEvent
  bytes: number
}

export interface DeliveryOptions {
  /** Where the events go (the endpoint): outboxes of other destinations are left alone. */
  destination: string
  storage: Storage | undefined
  maxBatchEvents: number
  maxBatchBytes: number
  warn(kind: string, message: string): void
}

/**
 * Reliable delivery. Every batch goes through an outbox persisted to storage until the server
 * confirms it with a 2xx, so a reload, a crash or a closed tab loses nothing that fit in it.
 * Failed sends are retried with exponential backoff and full jitter, honouring `Retry-After`; a
 * batch the server finds too large is split; when the outbox is full the oldest events go first
 * and are counted. Resends keep the events' ids, so the server drops what it already had.
 *
 * Each page persists under its own key; a new page adopts the keys it finds, so what a closed
 * page could not send is sent by the next one.
 */
export function createDelivery(send: Sender, options: DeliveryOptions) {
  const { storage, warn } = options
  // One family of keys per destination: a page never sends another collector's events.
  const family = `${OUTBOX_KEY_PREFIX}${hash(options.destination)}_`
  const key = family + uuid()
  let outbox: Queued[] = []
  let bytes = 0
  let dropped = 0
  let failures = 0
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let pumping: Promise<void> | undefined
  const inFlight = new Set<Queued>()

  const persist = () => {
    try {
      if (outbox.length) storage?.setItem(key, JSON.stringify(outbox.map((q) => q.event)))
      else storage?.removeItem(key)
    } catch {
      // Storage full or disabled: the outbox lives in memory only.
    }
  }

  const add = (events: TrackerEvent[]) => {
    const known = new Set(outbox.map((q) => q.event.id))
    for (const event of events) {
      if (known.has(event.id)) continue
      const size = JSON.stringify(event).length
      outbox.push({ event, bytes: size })
      bytes += size
    }
    let cut = 0
    while (outbox.length > OUTBOX_EVENTS || bytes > OUTBOX_BYTES) {
      const oldest = outbox.shift() as Queued
      bytes -= oldest.bytes
      cut++
    }
    if (cut) {
      dropped += cut
      warn('outbox', `The retry queue is full: its ${cut} oldest events were dropped.`)
    }
    persist()
  }

  const remove = (sent: Queued[]) => {
    const gone = new Set(sent)
    outbox = outbox.filter((q) => !gone.has(q))
    for (const q of sent) bytes -= q.bytes
    persist()
  }

  /** The next batch from the front of the outbox, within the count and size limits. */
  const take = (leaving: boolean, maxEvents: number): Queued[] => {
    const limit = leaving ? Math.min(options.maxBatchBytes, UNLOAD_BYTES) : options.maxBatchBytes
    const chunk: Queued[] = []
    let size = 2
    for (const queued of outbox) {
      if (chunk.length >= maxEvents) break
      if (inFlight.has(queued)) continue
      if (chunk.length > 0 && size + queued.bytes + 1 > limit) break
      chunk.push(queued)
      size += queued.bytes + 1
    }
    return chunk
  }

  /** Sends one chunk; returns false when sending should stop for now. */
  const attempt = async (chunk: Queued[], leaving: boolean): Promise<SendResult> => {
    for (const q of chunk) inFlight.add(q)
    // Events dropped while this request waits are not in its count: a success clears only these.
    const reported = dropped
    let answer: Awaited<ReturnType<Sender>>
    try {
      answer = await send(
        chunk.map((q) => q.event),
        leaving,
        reported,
      )
    } catch {
      answer = { result: 'retry' }
    } finally {
      for (const q of chunk) inFlight.delete(q)
    }
    if (answer.result === 'ok') {
      failures = 0
      dropped = Math.max(0, dropped - reported)
      remove(chunk)
    } else if (answer.result === 'refused') {
      remove(chunk)
    } else if (answer.result === 'retry' && !leaving) {
      scheduleRetry(answer.retryAfter)
    }
    return answer.result
  }

  const scheduleRetry = (retryAfter = 0) => {
    failures++
    const backoff = Math.random() * Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** failures)
    clearTimeout(retryTimer)
    retryTimer = setTimeout(
      () => {
        retryTimer = undefined
        void pump()
      },
      Math.max(backoff, retryAfter),
    )
  }

  /** Sends the outbox in order, one chunk at a time, until it is empty or a send fails. */
  const pump = (): Promise<void> => {
    if (pumping || retryTimer) return pumping ?? Promise.resolve()
    pumping = (async () => {
      let maxEvents = options.maxBatchEvents
      for (let chunk = take(false, maxEvents); chunk.length; chunk = take(false, maxEvents)) {
        const result = await attempt(chunk, false)
        if (result === 'retry') break
        if (result === 'too-large') {
          if (chunk.length === 1) {
            warn('too-large', 'The collector refused an event as too large; it was dropped.')
            remove(chunk)
          } else maxEvents = Math.ceil(chunk.length / 2)
        }
      }
    })().finally(() => {
      pumping = undefined
    })
    return pumping
  }

  /**
   * The page is going away: send what is not already on its way, with keep-alive requests that
   * outlive the page. What they carry stays in storage until a 2xx comes back in time; if the
   * page dies first, the next page sends it again and the server drops the duplicates.
   */
  const sendBeforeLeaving = async () => {
    clearTimeout(retryTimer)
    retryTimer = undefined
    let budget = UNLOAD_BYTES
    const sends: Promise<SendResult>[] = []
    for (let chunk = take(true, options.maxBatchEvents); chunk.length; ) {
      const size = chunk.reduce((sum, q) => sum + q.bytes, 0)
      if (size > budget) break
      budget -= size
      sends.push(attempt(chunk, true))
      chunk = take(true, options.maxBatchEvents)
    }
    await Promise.all(sends)
  }

  /** Every outbox key of this destination in storage: this page's and those earlier pages left. */
  const storedKeys = (): string[] => {
    const keys: string[] = []
    try {
      for (let i = 0; storage && i < storage.length; i++) {
        const found = storage.key(i)
        if (found?.startsWith(family)) keys.push(found)
      }
    } catch {
      // Storage disabled: there is nothing to find.
    }
    return keys
  }

  return {
    /**
     * Takes over what earlier pages of this site left unsent and sends it. Called once sending
     * is allowed (consent granted).
     */
    resume(): void {
      const earlier: TrackerEvent[] = []
      for (const other of storedKeys()) {
        if (other === key) continue
        try {
          const parsed: unknown = JSON.parse(storage?.getItem(other) ?? '[]')
          if (Array.isArray(parsed)) earlier.push(...(parsed as TrackerEvent[]))
          storage?.removeItem(other)
        } catch {
          // A damaged record is dropped; the rest of the app's storage is left alone.
        }
      }
      if (earlier.length) add(earlier)
      if (outbox.length) void pump()
    },

    /** Adds a batch to the outbox and sends; resolves when this attempt is over. */
    send(batch: TrackerEvent[], leaving: boolean): Promise<void> {
      add(batch)
      return leaving ? sendBeforeLeaving() : pump()
    },

    /** Forgets everything waiting, in memory and in storage, earlier pages' too (consent withdrawn). */
    clear(): void {
      clearTimeout(retryTimer)
      retryTimer = undefined
      outbox = []
      bytes = 0
      for (const stored of storedKeys()) {
        try {
          storage?.removeItem(stored)
        } catch {
          // Nothing more can be done.
        }
      }
    },
  }
}

/** A short, stable name for a string (djb2), to tell storage keys apart. */
function hash(text: string): string {
  let h = 5381
  for (let i = 0; i < text.length; i++) h = (h * 33) ^ text.charCodeAt(i)
  return (h >>> 0).toString(36)
}
