import type { EventModifier, TrackerEvent, TrackingConsent, Transport } from './types'

/** Most events kept in memory while waiting for consent or a flush; the oldest go first. */
export const QUEUE_LIMIT = 500

export interface PipelineConfig {
  beforeSend: EventModifier | undefined
  /** Where batches go; without one they are dropped at flush. */
  transport: Transport | undefined
  consent: TrackingConsent
  /** A batch is sent once it holds this many events... */
  batchMaxEvents: number
  /** ...or this many bytes of JSON... */
  batchMaxBytes: number
  /** ...or this long after its first event. */
  flushInterval: number
  /** Consent was withdrawn: what waits for delivery must go too. */
  onRefused(): void
  warn(kind: string, message: string, detail?: unknown): void
}

/**
 * The path of every event: `beforeSend`, then each modifier (either may drop it by returning
 * `false`), then the batch queue. A batch goes to the transport when it is full (events or
 * bytes), when it is `flushInterval` old, on `flush()` and when the page goes away. While
 * consent is `pending` the queue only waits.
 */
export function createEventPipeline(config: PipelineConfig) {
  const modifiers: EventModifier[] = config.beforeSend ? [config.beforeSend] : []
  let consent = config.consent
  let queue: { event: TrackerEvent; bytes: number }[] = []
  let bytes = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  const keeps = (event: TrackerEvent): boolean => {
    for (const modifier of modifiers) {
      try {
        if (modifier(event) === false) return false
      } catch (error) {
        config.warn('modifier', 'beforeSend or an event modifier threw; the event was kept.', error)
      }
    }
    return true
  }

  /**
   * Hands one batch over and keeps no reference to it while the transport works: a collector
   * that never answers must not make every batch since stay in memory.
   */
  const deliver = (transport: Transport, batch: TrackerEvent[], leaving: boolean) => {
    const failed = (error: unknown) =>
      config.warn('transport', 'The transport failed to deliver a batch.', error)
    try {
      return Promise.resolve(transport(batch, { leaving })).catch(failed)
    } catch (error) {
      failed(error)
      return undefined
    }
  }

  const flush = (leaving = false): Promise<void> => {
    clearTimeout(timer)
    timer = undefined
    if (consent !== 'granted' || queue.length === 0) return Promise.resolve()
    const batches: TrackerEvent[][] = []
    let size = 0
    for (const { event, bytes: eventBytes } of queue) {
      const last = batches[batches.length - 1]
      if (
        !last ||
        last.length >= config.batchMaxEvents ||
        size + eventBytes > config.batchMaxBytes
      ) {
        batches.push([event])
        size = eventBytes
      } else {
        last.push(event)
        size += eventBytes
      }
    }
    queue = []
    bytes = 0
    const { transport } = config
    if (!transport) return Promise.resolve()
    return Promise.all(batches.map((batch) => deliver(transport, batch, leaving))).then(() => {})
  }

  return {
    /** Whether events are collected at all. */
    get collecting(): boolean {
      return consent !== 'not-granted'
    },

    /** Whether the tracker may write to storage (and send). */
    get granted(): boolean {
      return consent === 'granted'
    },

    push(event: TrackerEvent): void {
      if (consent === 'not-granted' || !keeps(event)) return
      const size = JSON.stringify(event).length
      queue.push({ event, bytes: size })
      bytes += size
      if (queue.length > QUEUE_LIMIT) bytes -= (queue.shift() as { bytes: number }).bytes
      if (consent !== 'granted') return
      if (queue.length >= config.batchMaxEvents || bytes >= config.batchMaxBytes) void flush()
      else timer ??= setTimeout(() => void flush(), config.flushInterval)
    },

    addModifier(modifier: EventModifier): () => void {
      modifiers.push(modifier)
      return () => {
        const index = modifiers.indexOf(modifier)
        if (index !== -1) modifiers.splice(index, 1)
      }
    },

    setConsent(next: TrackingConsent): void {
      consent = next
      if (next === 'not-granted') {
        clearTimeout(timer)
        timer = undefined
        queue = []
        bytes = 0
        config.onRefused()
      } else if (next === 'granted' && queue.length) {
        timer ??= setTimeout(() => void flush(), config.flushInterval)
      }
    },

    /** Sends what is queued now; `leaving` when the page is going away. */
    flush,
  }
}
