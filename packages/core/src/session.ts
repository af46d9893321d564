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
 * Keeps one session shared by the tabs of a site. `touch()` is called for each action: it
 * renews an expired session and records the activity.
 */
export function createSessionManager(
  storage: SessionStorage | undefined,
  sampleRate: number,
  now: () => number = Date.now,
) {
  let memory: Session | undefined

  const read = (): Session | undefined => {
    let stored: Session | undefined
    try {
      const raw = storage?.getItem(KEY)
      if (raw) stored = parse(raw)
    } catch {
      // Storage can be disabled or full; the session then lives in memory.
    }
    // Another tab's newer record wins; so does ours when storage stopped taking writes.
    return memory && (!stored || memory.last >= stored.last) ? memory : stored
  }

  const write = (session: Session, persist: boolean) => {
    memory = session
    if (!persist) return
    try {
      storage?.setItem(KEY, JSON.stringify(session))
    } catch {
      // See read().
    }
  }

  return {
    /** `persist: false` keeps the session in memory only (consent not given yet). */
    touch(persist = true): Session {
      const at = now()
      let session = read()
      if (
        !session ||
        at - session.last >= SESSION_IDLE_MS ||
        at - session.created >= SESSION_MAX_MS
      ) {
        session = { id: uuid(), created: at, last: at, sampled: Math.random() * 100 < sampleRate }
      }
      session.last = at
      write(session, persist)
      return session
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
