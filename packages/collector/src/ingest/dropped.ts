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

/** One `dropped=N` report, as a shared log keeps it. */
export interface DroppedReport {
  applicationId: string
  dropped: number
  time: number
}

/**
 * A log of the reports shared by every collector (the ClickHouse store's): reports are
 * appended, and the totals are sums over all of them, so collectors never overwrite each other.
 */
export interface DroppedLog {
  append(reports: readonly DroppedReport[]): Promise<void>
  totals(): Promise<Record<string, DroppedCount>>
}

/**
 * The `dropped=N` query parameter the SDK adds to a batch when its outbox had to drop events
 * since its last successful send, summed per application. The SDK repeats the figure until a
 * batch is answered with a 2xx, so it is counted only with a 2xx answer. Kept in
 * `<dataDir>/dropped.json`, or appended to a shared `DroppedLog` when one is given.
 */
export class DroppedRecord {
  private apps = new Map<string, DroppedCount>()
  private readonly file: JsonFile<Stored>
  private dirty = false
  /** Reports not yet appended to the shared log. */
  private unsent: DroppedReport[] = []

  private constructor(
    dataDir: string | undefined,
    private readonly shared?: DroppedLog,
  ) {
    this.file = new JsonFile(
      dataDir && !shared ? join(dataDir, 'dropped.json') : undefined,
      () => ({ version: 1, applications: Object.fromEntries(this.apps) }),
    )
  }

  static async open(
    dataDir: string | undefined,
    warn: (message: string) => void = () => {},
    shared?: DroppedLog,
  ): Promise<DroppedRecord> {
    const record = new DroppedRecord(dataDir, shared)
    if (shared) {
      // Not fatal: a shard may be down, or its tables not made yet; each answer reads again.
      await record
        .refresh()
        .catch((error: Error) =>
          warn(`dropped counts: cannot read the shared record yet: ${error.message}`),
        )
      return record
    }
    const stored = (await record.file.read(warn)) as Stored | undefined
    if (stored?.version === 1 && stored.applications) {
      for (const [id, count] of Object.entries(stored.applications)) record.apps.set(id, count)
    }
    return record
  }

  /** With a shared log: reads the totals of every collector's reports. */
  async refresh(): Promise<void> {
    if (!this.shared) return
    const totals = await this.shared.totals()
    this.apps = new Map(Object.entries(totals))
    // Reports still waiting to be appended count too.
    const unsent = this.unsent
    this.unsent = []
    for (const report of unsent) this.add(report.applicationId, report.dropped, report.time)
  }

  add(applicationId: string, dropped: number, time: number): void {
    if (!(dropped > 0)) return
    if (this.shared) this.unsent.push({ applicationId, dropped, time })
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
    if (this.shared) {
      const reports = this.unsent
      this.unsent = []
      try {
        await this.shared.append(reports)
      } catch (error) {
        this.unsent.unshift(...reports)
        this.dirty = true
        throw error
      }
      return
    }
    try {
      await this.file.save()
    } catch (error) {
      this.dirty = true
      throw error
    }
  }
}
