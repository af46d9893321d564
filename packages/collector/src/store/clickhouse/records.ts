import { randomUUID } from 'node:crypto'
import type { AlertLog, RuleRecord } from '../../alerts/service'
import type { DroppedCount, DroppedLog } from '../../ingest/dropped'
import type { KeyObservation, KeyTypeLog } from '../../ingest/keyTypes'
import { type ClickhouseConnection, clickhouse, identifier, literal } from './http'

/** The side records of a collector, shared through ClickHouse by every collector of a store. */
export interface SharedRecords {
  dropped: DroppedLog
  keyTypes: KeyTypeLog
  alerts: AlertLog
}

/**
 * How long a collector waits between claiming an alert round and reading who claimed it: longer
 * than an insert takes, so that two collectors that both found the round unclaimed see each
 * other's claim (and agree on the same winner).
 */
const CLAIM_SETTLE_MS = 500

/**
 * Dropped counts, key-type observations and alert rules in the tables `createClickhouseStore`
 * creates (call it first). Nothing is updated in place: rows are appended and read back summed
 * (dropped reports, key observations) or by their latest version (alert rules).
 */
export function createSharedRecords(
  connection: ClickhouseConnection,
  owner: string = randomUUID(),
): SharedRecords {
  const db = identifier(connection.database)
  const client = clickhouse(connection, db)
  const sync = { insert_distributed_sync: 1 }
  let sequence = 0
  /** Versions of alert records: time-ordered across collectors (as far as their clocks agree). */
  const version = () => Date.now() * 1000 + (sequence++ % 1000)

  return {
    dropped: {
      async append(reports) {
        await client.insert(
          'dropped_reports',
          reports.map((r) => ({
            application_id: r.applicationId,
            time: r.time,
            dropped: r.dropped,
          })),
          sync,
        )
      },
      async totals() {
        const rows = await client.rows<{
          app: string
          total: number
          reports: number
          first: number
          last: number
        }>(
          `SELECT application_id AS app, sum(dropped) AS total, count() AS reports, min("time") AS first, max("time") AS last FROM ${db}.dropped_reports GROUP BY application_id`,
        )
        const totals: Record<string, DroppedCount> = {}
        for (const row of rows)
          totals[row.app] = {
            total: row.total,
            reports: row.reports,
            firstReported: row.first,
            lastReported: row.last,
          }
        return totals
      },
    },

    keyTypes: {
      async append(observations) {
        await client.insert(
          'key_observations',
          observations.map((o) => ({
            application_id: o.applicationId,
            path: o.path,
            type: o.type,
            count: o.count,
            first_seen: o.firstSeen,
            last_seen: o.lastSeen,
            example_event_id: o.exampleEventId,
            example: o.example,
          })),
          sync,
        )
      },
      async load() {
        const rows = await client.rows<Record<string, string | number>>(
          `SELECT application_id AS app, path, type, sum(count) AS n, min(first_seen) AS first, max(last_seen) AS last,
            argMin(example_event_id, first_seen) AS eid, argMin(example, first_seen) AS ex
          FROM ${db}.key_observations GROUP BY application_id, path, type`,
        )
        return rows.map(
          (row): KeyObservation => ({
            applicationId: String(row.app),
            path: String(row.path),
            type: row.type as KeyObservation['type'],
            count: Number(row.n),
            firstSeen: Number(row.first),
            lastSeen: Number(row.last),
            exampleEventId: String(row.eid),
            example: String(row.ex),
          }),
        )
      },
    },

    alerts: {
      async load() {
        const rows = await client.rows<{ record: string; deleted: number }>(
          `SELECT id, argMax(record, version) AS record, argMax(deleted, version) AS deleted FROM ${db}.alert_rules GROUP BY id`,
        )
        return rows
          .filter((row) => !row.deleted)
          .map((row) => JSON.parse(row.record) as RuleRecord)
          .sort((a, b) => a.rule.createdAt - b.rule.createdAt || (a.rule.id < b.rule.id ? -1 : 1))
      },
      async write(records) {
        await client.insert(
          'alert_rules',
          records.map(([id, record]) => ({
            id,
            version: version(),
            deleted: record ? 0 : 1,
            record: record ? JSON.stringify(record) : '',
          })),
          sync,
        )
      },
      /**
       * A round is run by the collector that claims it first: one that finds a claim already
       * there stays out; those that found none each add theirs, wait `CLAIM_SETTLE_MS`, and the
       * smallest owner id among the claims then present runs it.
       */
      async claim(round) {
        const claims = `${db}.alert_claims WHERE round = ${literal(round)}`
        const [taken] = await client.rows<{ n: number }>(`SELECT count() AS n FROM ${claims}`)
        if (taken?.n) return false
        await client.insert('alert_claims', [{ round, owner, time: Date.now() }], sync)
        await new Promise((resolve) => setTimeout(resolve, CLAIM_SETTLE_MS))
        const [first] = await client.rows<{ winner: string }>(
          `SELECT min(owner) AS winner FROM ${claims}`,
        )
        return first?.winner === owner
      },
    },
  }
}
