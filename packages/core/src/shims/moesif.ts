import type { TrackerOptions, User } from '../types'
import { safe } from './guard'
import { addActionAt } from './instant'
import { copyOptions } from './options'
import { initTracker, withTracker } from './registry'

/** `moesif.init` options: Moesif's `applicationId` plus any tracker option. Others are ignored. */
export interface MoesifInitOptions extends Omit<Partial<TrackerOptions>, 'applicationId'> {
  applicationId: string
  [option: string]: unknown
}

/** A copy of `metadata` when it is an object, `{}` otherwise. */
const fields = (metadata: unknown): Record<string, unknown> =>
  typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata)
    ? copyOptions(metadata)
    : {}

/**
 * A Moesif browser style API over one Actiontrail tracker. Calls made before `init` are queued
 * (the latest 100) and replayed once a tracker exists.
 */
export const moesif = {
  /** Creates the tracker and registers it for every shim. Ignored once a tracker is registered. */
  init: safe((options: MoesifInitOptions): void => {
    initTracker(copyOptions(options) as unknown as TrackerOptions, 'moesif.init')
  }, undefined),

  /** Records an instant action named `actionName`, with `metadata` as its context. */
  track: safe((actionName: string, metadata?: object): void => {
    withTracker((tracker, queuedAt) => addActionAt(tracker, queuedAt, actionName, metadata))
  }, undefined),

  /** Sets the user of every event: `{ id: userId, ...metadata }`. */
  identifyUser: safe((userId: string, metadata?: object): void => {
    const user = { ...fields(metadata), id: userId } as User
    withTracker((tracker) => tracker.setUser(user))
  }, undefined),

  /** Puts `{ id: companyId, ...metadata }` in the global context, under `company`. */
  identifyCompany: safe((companyId: string, metadata?: object): void => {
    const company = { ...fields(metadata), id: companyId }
    withTracker((tracker) => tracker.setGlobalContextProperty('company', company))
  }, undefined),
}
