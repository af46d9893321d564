import type { EventModifier, TrackerEvent, TrackingConsent, Transport } from './types'

/** Most events kept in memory while waiting for a flush or for consent; the oldest go first. */
export const QUEUE_LIMIT = 500

/**
 * The path of every event: `beforeSend`, then each modifier (either may drop it by returning
 * `false`), then the queue, which waits for consent while it is `pending` and is handed to the
 * transport on flush.
 */
export function createEventPipeline(config: {
  beforeSend: EventModifier | undefined
  transport: Transport | undefined
  consent: TrackingConsent
  warn(kind: string, message: string, detail?: unknown): void
}) {
  const modifiers: EventModifier[] = config.beforeSend ? [config.beforeSend] : []
  let consent = config.consent
  let queue: TrackerEvent[] = []

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

  return {
    /** Whether events are collected at all. */
    get collecting(): boolean {
      return consent !== 'not-granted'
    },

    push(event: TrackerEvent): void {
      if (consent === 'not-granted' || !keeps(event)) return
      queue.push(event)
      if (queue.length > QUEUE_LIMIT) queue.shift()
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
      if (next === 'not-granted') queue = []
    },

    async flush(): Promise<void> {
      if (consent !== 'granted' || queue.length === 0) return
      const batch = queue
      queue = []
      if (!config.transport) return
      try {
        await config.transport(batch)
      } catch (error) {
        config.warn('transport', 'The transport failed to deliver a batch.', error)
      }
    },
  }
}

export type EventPipeline = ReturnType<typeof createEventPipeline>
