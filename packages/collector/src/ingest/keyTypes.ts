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

export interface KeyTypeOptions {
  /**
   * Folder of the record file (`key-types.json`); without one, the record lives in memory only.
   */
  dataDir?: string
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

  private constructor(options: KeyTypeOptions) {
    this.maxKeys = options.maxKeys ?? 5000
    this.file = new JsonFile(
      options.dataDir ? join(options.dataDir, 'key-types.json') : undefined,
      () => ({ version: 1, applications: Object.fromEntries(this.apps) }),
    )
  }

  static async open(options: KeyTypeOptions = {}): Promise<KeyTypeRegistry> {
    const registry = new KeyTypeRegistry(options)
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
            return
          }
          app.types[path] = got
          this.dirty = true
        } else if (expected !== got) {
          this.conflict(app, { path, expected, got }, event.id, value, time)
          found.push({ index, path, expected, got })
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

  /** Writes the record if it changed; resolves once it is on disk. */
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
