import { join } from 'node:path'
import { JsonFile } from './jsonFile'

/** Events an application's SDKs reported as lost before sending (their retry queue was full). */
export interface DroppedCount {
  /** Events dropped, summed over every report. */
  total: number
  /** Batches that carried a `dropped=N` report. */
  reports: number
  /** Epoch ms of the first and latest report. */
  firstReported: number
  lastReported: number
}

interface Stored {
  version: 1
  applications: Record<string, DroppedCount>
}

/**
 * The `dropped=N` query parameter the SDK adds to a batch when its outbox had to drop events
 * since its last successful send, summed per application. The SDK repeats the figure until a
 * batch is answered with a 2xx, so it is counted only with a 2xx answer. Kept in
 * `<dataDir>/dropped.json`.
 */
export class DroppedRecord {
  private apps = new Map<string, DroppedCount>()
  private readonly file: JsonFile<Stored>
  private dirty = false

  private constructor(dataDir: string | undefined) {
    this.file = new JsonFile(dataDir ? join(dataDir, 'dropped.json') : undefined, () => ({
      version: 1,
      applications: Object.fromEntries(this.apps),
    }))
  }

  static async open(
    dataDir: string | undefined,
    warn: (message: string) => void = () => {},
  ): Promise<DroppedRecord> {
    const record = new DroppedRecord(dataDir)
    const stored = (await record.file.read(warn)) as Stored | undefined
    if (stored?.version === 1 && stored.applications) {
      for (const [id, count] of Object.entries(stored.applications)) record.apps.set(id, count)
    }
    return record
  }

  add(applicationId: string, dropped: number, time: number): void {
    if (!(dropped > 0)) return
    const known = this.apps.get(applicationId)
    if (known) {
      known.total += dropped
      known.reports++
      known.lastReported = Math.max(known.lastReported, time)
    } else {
      this.apps.set(applicationId, {
        total: dropped,
        reports: 1,
        firstReported: time,
        lastReported: time,
      })
    }
    this.dirty = true
  }

  /** What an application's SDKs reported, or zeros when they never reported a loss. */
  get(applicationId: string): DroppedCount {
    const known = this.apps.get(applicationId)
    return known ? { ...known } : { total: 0, reports: 0, firstReported: 0, lastReported: 0 }
  }

  async save(): Promise<void> {
    if (!this.dirty) return
    this.dirty = false
    try {
      await this.file.save()
    } catch (error) {
      this.dirty = true
      throw error
    }
  }
}
