import { join } from 'node:path'
import { JsonFile } from './jsonFile'
import { underscoreKeys } from './toRow'
import { describeValue } from './validate'

/** The JSON type of a metadata value. `null` has none: it fits every key. */
export type KeyType = 'string' | 'number' | 'boolean' | 'object' | 'array'

/** A key path that received a value of another type than the one it was first seen with. */
export interface KeyConflict {
  /** Key path as stored (dots in keys already underscores): `context.plan`, `user.age`. */
  path: string
  /** The key's type: the type of its first value. */
  expected: KeyType
  /** The type that arrived instead. */
  got: KeyType
  /** How many values of this type the key received (a resent duplicate counts again). */
  count: number
  /** Epoch ms of the first and the latest such value. */
  firstSeen: number
  lastSeen: number
  /** The first event that carried it, and its value, shortened. */
  exampleEventId: string
  example: string
}

/** A conflict one batch produced, by the position of its event in the batch. */
export interface BatchConflict {
  index: number
  path: string
  expected: KeyType
  got: KeyType
}

/** What the registry reads of an event: a wire event (`TrackerEvent` of `@actiontrail/core`). */
export interface MetadataCarrier {
  id: string
  type: string
  application: { id: string }
  context?: unknown
  user?: unknown
  action?: { id?: string; context?: unknown }
}

interface ApplicationKeys {
  types: Record<string, KeyType>
  conflicts: KeyConflict[]
  /** Key paths not recorded because the application reached `maxKeys`. */
  untracked: number
}

interface Stored {
  version: 1
  applications: Record<string, ApplicationKeys>
}

/**
 * What a collector saw of one key path and type: the first value of the path it saw (`count`
 * 1), or values of another type than the path's (`count` of them). A shared log keeps these
 * from every collector; the record is derived from them (see `fromObservations`). Path `''`
 * with type `untracked` counts paths left out past `maxKeys`.
 */
export interface KeyObservation {
  applicationId: string
  path: string
  type: KeyType | 'untracked'
  count: number
  firstSeen: number
  lastSeen: number
  exampleEventId: string
  example: string
}

/**
 * The observations of every collector (the ClickHouse store's), appended, and read back summed
 * per application, path and type (count summed, first and last times, the earliest example).
 */
export interface KeyTypeLog {
  append(observations: readonly KeyObservation[]): Promise<void>
  load(): Promise<KeyObservation[]>
}

export interface KeyTypeOptions {
  /**
   * Folder of the record file (`key-types.json`); without one, the record lives in memory only.
   */
  dataDir?: string
  /**
   * A log shared with other collectors, instead of the file: with it, a path's type is the type
   * any collector saw first (they agree once each has refreshed: at start, and at most every
   * 5 s while events come), and conflicts are counted over all of them.
   */
  shared?: KeyTypeLog
  /** Most key paths recorded per application; past it, new paths are counted, not recorded. */
  maxKeys?: number
  warn?: (message: string) => void
}

const typeOf = (value: unknown): KeyType | undefined => {
  if (value === null || value === undefined) return undefined
  if (Array.isArray(value)) return 'array'
  const type = typeof value
  return type === 'string' || type === 'number' || type === 'boolean' || type === 'object'
    ? type
    : undefined
}

/**
 * Per application, the type of each metadata key path: `context.*` (global context),
 * `action_context.*` (an action's context) and `user.*`, nested objects as `context.cart.total`.
 * The first value a path receives sets its type. A later value of another type is stored as it
 * is: the event is never changed or dropped for it. The conflict is recorded here instead, with
 * a count and an example, for the query API to report. Arrays are one type; their items are not
 * typed.
 *
 * The record is kept in `<dataDir>/key-types.json`, written atomically after each batch that
 * changed it, and read back at start.
 */
export class KeyTypeRegistry {
  private apps = new Map<string, ApplicationKeys>()
  private readonly file: JsonFile<Stored>
  private readonly maxKeys: number
  private dirty = false
  private readonly shared: KeyTypeLog | undefined
  /** Observations not yet appended to the shared log. */
  private unsent: KeyObservation[] = []
  private refreshedAt = 0

  private constructor(options: KeyTypeOptions) {
    this.maxKeys = options.maxKeys ?? 5000
    this.shared = options.shared
    this.file = new JsonFile(
      options.dataDir && !options.shared ? join(options.dataDir, 'key-types.json') : undefined,
      () => ({ version: 1, applications: Object.fromEntries(this.apps) }),
    )
  }

  static async open(options: KeyTypeOptions = {}): Promise<KeyTypeRegistry> {
    const registry = new KeyTypeRegistry(options)
    if (registry.shared) {
      // Not fatal: a shard may be down, or its tables not made yet; the next save reads again.
      await registry
        .refresh()
        .catch((error: Error) =>
          options.warn?.(`key types: cannot read the shared record yet: ${error.message}`),
        )
      return registry
    }
    const stored = (await registry.file.read(options.warn ?? (() => {}))) as Stored | undefined
    if (stored?.version === 1 && stored.applications) {
      for (const [id, keys] of Object.entries(stored.applications)) registry.apps.set(id, keys)
    }
    return registry
  }

  /**
   * Records the key paths of a batch of stored events and returns the conflicts they caused.
   * `time` is when the batch was received.
   */
  observe(events: readonly MetadataCarrier[], time: number): BatchConflict[] {
    const found: BatchConflict[] = []
    events.forEach((event, index) => {
      const app = this.app(event.application.id)
      const visit = (value: unknown, path: string) => {
        const got = typeOf(value)
        if (!got) return
        const expected = app.types[path]
        if (expected === undefined) {
          if (Object.keys(app.types).length >= this.maxKeys) {
            app.untracked++
            this.dirty = true
            this.observed(event, '', 'untracked', undefined, time)
            return
          }
          app.types[path] = got
          this.dirty = true
          this.observed(event, path, got, value, time)
        } else if (expected !== got) {
          this.conflict(app, { path, expected, got }, event.id, value, time)
          found.push({ index, path, expected, got })
          this.observed(event, path, got, value, time)
        }
        if (got === 'object') {
          const object = value as Record<string, unknown>
          for (const key of Object.keys(object)) visit(object[key], `${path}.${key}`)
        }
      }
      const roots: [string, unknown][] = [
        ['context', event.context],
        ['user', event.user],
        ['action_context', event.type === 'action' ? event.action?.context : undefined],
      ]
      for (const [root, value] of roots) {
        if (value === undefined || value === null) continue
        const object = underscoreKeys(value) as Record<string, unknown>
        for (const key of Object.keys(object)) visit(object[key], `${root}.${key}`)
      }
    })
    return found
  }

  /** With a shared log: one more observation to append at the next `save`. */
  private observed(
    event: MetadataCarrier,
    path: string,
    type: KeyObservation['type'],
    value: unknown,
    time: number,
  ) {
    if (!this.shared) return
    this.unsent.push({
      applicationId: event.application.id,
      path,
      type,
      count: 1,
      firstSeen: time,
      lastSeen: time,
      exampleEventId: event.id,
      example: value === undefined ? '' : describeValue(value),
    })
  }

  /**
   * With a shared log: reads what every collector observed and derives the record from it, the
   * observations not appended yet included.
   */
  async refresh(): Promise<void> {
    if (!this.shared) return
    const shared = await this.shared.load()
    this.apps = fromObservations([...shared, ...this.unsent])
    this.refreshedAt = Date.now()
  }

  private conflict(
    app: ApplicationKeys,
    kind: { path: string; expected: KeyType; got: KeyType },
    eventId: string,
    value: unknown,
    time: number,
  ) {
    this.dirty = true
    const known = app.conflicts.find(
      (c) => c.path === kind.path && c.expected === kind.expected && c.got === kind.got,
    )
    if (known) {
      known.count++
      known.lastSeen = Math.max(known.lastSeen, time)
      return
    }
    app.conflicts.push({
      ...kind,
      count: 1,
      firstSeen: time,
      lastSeen: time,
      exampleEventId: eventId,
      example: describeValue(value),
    })
  }

  private app(applicationId: string): ApplicationKeys {
    let app = this.apps.get(applicationId)
    if (!app) {
      app = { types: {}, conflicts: [], untracked: 0 }
      this.apps.set(applicationId, app)
      this.dirty = true
    }
    return app
  }

  /** Every recorded key path of an application and its type. */
  types(applicationId: string): Record<string, KeyType> {
    return { ...this.apps.get(applicationId)?.types }
  }

  /** The type conflicts of an application, most recent first. */
  conflicts(applicationId: string): KeyConflict[] {
    const list = this.apps.get(applicationId)?.conflicts ?? []
    return list.map((c) => ({ ...c })).sort((a, b) => b.lastSeen - a.lastSeen)
  }

  /** Key paths of an application left unrecorded because it has `maxKeys` already. */
  untracked(applicationId: string): number {
    return this.apps.get(applicationId)?.untracked ?? 0
  }

  /** The applications that sent metadata. */
  applications(): string[] {
    return [...this.apps.keys()]
  }

  /**
   * Writes the record if it changed; resolves once it is on disk. With a shared log, appends
   * the new observations and, at most every 5 s, reads the other collectors' back.
   */
  async save(): Promise<void> {
    if (this.shared) {
      // One row per application, path and type, however many values a batch had.
      const observations = summed(this.unsent)
      this.unsent = []
      try {
        await this.shared.append(observations)
      } catch (error) {
        this.unsent.unshift(...observations)
        throw error
      }
      if (Date.now() - this.refreshedAt >= 5000) await this.refresh()
      return
    }
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

/**
 * Observations summed per application, path and type: counts added, first and last times, the
 * earliest example kept.
 */
function summed(observations: readonly KeyObservation[]): KeyObservation[] {
  const sums = new Map<string, KeyObservation>()
  for (const o of observations) {
    const key = `${o.applicationId}\u0000${o.path}\u0000${o.type}`
    const known = sums.get(key)
    if (!known) {
      sums.set(key, { ...o })
      continue
    }
    if (o.firstSeen < known.firstSeen)
      Object.assign(known, { exampleEventId: o.exampleEventId, example: o.example })
    known.count += o.count
    known.firstSeen = Math.min(known.firstSeen, o.firstSeen)
    known.lastSeen = Math.max(known.lastSeen, o.lastSeen)
  }
  return [...sums.values()]
}

/**
 * The record that a set of observations makes: per application and path, the type with the
 * earliest first observation is the path's type (ties: by type name); the other types are its
 * conflicts, with their counts, times and earliest example.
 */
function fromObservations(observations: readonly KeyObservation[]): Map<string, ApplicationKeys> {
  const apps = new Map<string, ApplicationKeys>()
  const byPath = new Map<string, KeyObservation[]>()
  for (const observation of summed(observations)) {
    let app = apps.get(observation.applicationId)
    if (!app) {
      app = { types: {}, conflicts: [], untracked: 0 }
      apps.set(observation.applicationId, app)
    }
    if (observation.type === 'untracked') {
      app.untracked += observation.count
      continue
    }
    const key = `${observation.applicationId}\u0000${observation.path}`
    byPath.set(key, [...(byPath.get(key) ?? []), observation])
  }
  for (const types of byPath.values()) {
    const [first, ...others] = types.sort(
      (a, b) => a.firstSeen - b.firstSeen || (a.type < b.type ? -1 : 1),
    ) as [KeyObservation, ...KeyObservation[]]
    const app = apps.get(first.applicationId) as ApplicationKeys
    const expected = first.type as KeyType
    app.types[first.path] = expected
    for (const o of others)
      app.conflicts.push({
        path: o.path,
        expected,
        got: o.type as KeyType,
        count: o.count,
        firstSeen: o.firstSeen,
        lastSeen: o.lastSeen,
        exampleEventId: o.exampleEventId,
        example: o.example,
      })
  }
  return apps
}
