import type { TrackerEvent } from '@actiontrail/core'
import type { EventStore } from '../store/types'
import type { BatchConflict, KeyTypeRegistry } from './keyTypes'
import { toRow } from './toRow'
import { parseUserAgent } from './userAgent'

/** A validated event to store, with its position in the request and its sender's user agent. */
export interface IncomingEvent {
  index: number
  event: TrackerEvent
  userAgent: string | undefined
}

export interface StoredBatch {
  /** Events stored for the first time. */
  inserted: number
  /** Events whose id the store already had (resent batches), not stored again. */
  duplicates: number
  /** Key-type conflicts, by the position of the event in the request. */
  conflicts: BatchConflict[]
}

/**
 * Flattens validated events into rows and stores them; resolves once the store says they are
 * durable, so that a 2xx answer is only given for events that will survive a crash. Only then
 * are their metadata key types recorded (a failed insert records nothing).
 */
export async function storeEvents(
  store: EventStore,
  keyTypes: KeyTypeRegistry,
  incoming: readonly IncomingEvent[],
  receivedAt: number,
): Promise<StoredBatch> {
  if (incoming.length === 0) return { inserted: 0, duplicates: 0, conflicts: [] }
  const rows = incoming.map(({ event, userAgent }) =>
    toRow(event, { userAgent: parseUserAgent(userAgent), receivedAt }),
  )
  const { inserted, duplicates } = await store.insert(rows)
  const conflicts = keyTypes
    .observe(
      incoming.map((item) => item.event),
      receivedAt,
    )
    .map((conflict) => ({ ...conflict, index: (incoming[conflict.index] as IncomingEvent).index }))
  return { inserted, duplicates, conflicts }
}
