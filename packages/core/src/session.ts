import { uuid } from './uuid'

/** A session ends after this much time without an action. */
export const SESSION_IDLE_MS = 15 * 60_000
/** A session never lasts longer than this. */
export const SESSION_MAX_MS = 4 * 60 * 60_000

const KEY = 'actiontrail_session'

export interface Session {
  id: string
  /** Epoch ms when the session began. */
  created: number
  /** Epoch ms of its last action. */
  last: number
  /** Whether this session is tracked, decided once from `sessionSampleRate`. */
  sampled: boolean
}

/** Where the session lives between page loads; `localStorage` in a browser. */
export interface SessionStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

/**
 * How stale the stored `last` may get while a tab is active. Writing storage is the costly part
 * of an event (a synchronous write the browser must persist), so the record is rewritten when
 * its id or sampling decision changed, and otherwise at most this often: another tab may see the
 * session idle up to this much longer than it is. `save()` catches up when the page is hidden.
 */
export const SESSION_WRITE_MS = 5_000

/**
 * Keeps one session shared by the tabs of a site. `touch()` is called for each action: it
 * renews an expired session and records the activity.
 */
export function createSessionManager(
  storage: SessionStorage | undefined,
  sampleRate: number,
  now: () => number = Date.now,
) {
  // Session records are never changed, only replaced: `stored` stays what storage holds.
  let memory: Session | undefined
  /** The stored record as last read or written: what other tabs and the next page see. */
  let stored: Session | undefined

  const read = (): Session | undefined => {
    try {
      const raw = storage?.getItem(KEY)
      stored = raw ? parse(raw) : undefined
    } catch {
      // Storage can be disabled or full; the session then lives in memory.
      stored = undefined
    }
    // Another tab's newer record wins; so does ours when storage stopped taking writes.
    return memory && (!stored || memory.last >= stored.last) ? memory : stored
  }

  const write = (session: Session) => {
    try {
      storage?.setItem(KEY, JSON.stringify(session))
      stored = session
    } catch {
      // See read().
    }
  }

  return {
    /** `persist: false` keeps the session in memory only (consent not given yet). */
    touch(persist = true): Session {
      const at = now()
      const session = read()
      memory =
        !session || at - session.last >= SESSION_IDLE_MS || at - session.created >= SESSION_MAX_MS
          ? { id: uuid(), created: at, last: at, sampled: Math.random() * 100 < sampleRate }
          : { ...session, last: at }
      // Readers need a new id (the sampling decision goes with it) at once, `last` only roughly.
      if (persist && (stored?.id !== memory.id || at - stored.last >= SESSION_WRITE_MS))
        write(memory)
      return memory
    },

    /**
     * Stores the session's latest `last` (the page is going away), unless persisting is not
     * allowed or another tab's record is newer.
     */
    save(persist: boolean): void {
      if (persist && memory && read() === memory) write(memory)
    },
  }
}

function parse(raw: string): Session | undefined {
  try {
    const s = JSON.parse(raw)
    if (typeof s?.id === 'string' && typeof s.created === 'number' && typeof s.last === 'number')
      return { id: s.id, created: s.created, last: s.last, sampled: s.sampled !== false }
  } catch {
    // A damaged record starts a new session.
  }
  return undefined
}

/** `localStorage` when the page may use it. */
export function browserStorage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined
  } catch {
    return undefined
  }
}
