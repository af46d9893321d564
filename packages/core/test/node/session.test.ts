import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  createSessionManager,
  SESSION_IDLE_MS,
  SESSION_MAX_MS,
  SESSION_WRITE_MS,
  type SessionStorage,
} from '../../src/session'

const MINUTE = 60_000

/** A `localStorage` stand-in whose records can be read and damaged by the test. */
function memoryStorage() {
  const data = new Map<string, string>()
  const storage: SessionStorage & { data: Map<string, string> } = {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => {
      data.set(key, value)
    },
  }
  return storage
}

/** The session record as stored. */
function storedSession(storage: { data: Map<string, string> }) {
  return JSON.parse([...storage.data.values()][0] ?? 'null')
}

/** A clock the test moves by hand. */
function manualClock(start = 1_764_115_200_000) {
  const clock = { now: start, at: () => clock.now }
  return clock
}

/** The one key the session manager writes, found by letting it write once. */
function sessionKey(): string {
  const storage = memoryStorage()
  createSessionManager(storage, 100, manualClock().at).touch()
  expect(storage.data.size).toBe(1)
  return [...storage.data.keys()][0] as string
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('session lifetime', () => {
  it('keeps one id for actions less than 15 minutes apart', () => {
    const clock = manualClock()
    const sessions = createSessionManager(memoryStorage(), 100, clock.at)
    const first = sessions.touch()
    const start = clock.now
    expect(first.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(first.created).toBe(start)
    expect(first.last).toBe(start)

    const ids = [first.id]
    for (let i = 0; i < 5; i++) {
      clock.now += 14 * MINUTE
      const session = sessions.touch()
      ids.push(session.id)
      expect(session.created).toBe(start)
      expect(session.last).toBe(clock.now)
    }
    expect(new Set(ids).size).toBe(1)
  })

  it('starts a new session after 15 minutes without an action, exactly at the boundary', () => {
    const clock = manualClock()
    const sessions = createSessionManager(memoryStorage(), 100, clock.at)
    const first = sessions.touch().id

    clock.now += SESSION_IDLE_MS - 1
    expect(sessions.touch().id).toBe(first)

    clock.now += SESSION_IDLE_MS
    const second = sessions.touch()
    expect(second.id).not.toBe(first)
    expect(second.created).toBe(clock.now)
    expect(second.last).toBe(clock.now)

    // The new session goes on normally.
    clock.now += MINUTE
    expect(sessions.touch().id).toBe(second.id)
  })

  it('uses 15 minutes and 4 hours as its limits', () => {
    expect(SESSION_IDLE_MS).toBe(15 * MINUTE)
    expect(SESSION_MAX_MS).toBe(4 * 60 * MINUTE)
  })

  it('starts a new session after 4 hours even with continuous activity', () => {
    const clock = manualClock()
    const sessions = createSessionManager(memoryStorage(), 100, clock.at)
    const first = sessions.touch()
    const start = clock.now

    // An action every 10 minutes up to one millisecond before the 4-hour mark.
    while (clock.now + 10 * MINUTE < start + SESSION_MAX_MS) {
      clock.now += 10 * MINUTE
      expect(sessions.touch().id).toBe(first.id)
    }
    clock.now = start + SESSION_MAX_MS - 1
    expect(sessions.touch().id).toBe(first.id)

    clock.now = start + SESSION_MAX_MS
    const second = sessions.touch()
    expect(second.id).not.toBe(first.id)
    expect(second.created).toBe(start + SESSION_MAX_MS)
  })

  it('works without any storage, in memory', () => {
    const clock = manualClock()
    const sessions = createSessionManager(undefined, 100, clock.at)
    const first = sessions.touch().id
    clock.now += 5 * MINUTE
    expect(sessions.touch().id).toBe(first)
    clock.now += SESSION_IDLE_MS
    expect(sessions.touch().id).not.toBe(first)
  })

  it('reads the real clock by default', () => {
    vi.spyOn(Date, 'now').mockReturnValue(42_000)
    const session = createSessionManager(memoryStorage(), 100).touch()
    expect(session.created).toBe(42_000)
    expect(session.last).toBe(42_000)
  })
})

describe('session storage', () => {
  it('touch(false) keeps the session in memory only, until a touch may persist it', () => {
    const clock = manualClock()
    const storage = memoryStorage()
    const sessions = createSessionManager(storage, 100, clock.at)
    const pending = sessions.touch(false)
    expect(storage.data.size).toBe(0)
    clock.now += MINUTE
    const granted = sessions.touch()
    expect(granted.id).toBe(pending.id)
    expect(JSON.parse(storage.data.get(sessionKey()) ?? '{}').id).toBe(pending.id)
  })

  it('is continued by a second manager on the same storage (a reload or another tab)', () => {
    const clock = manualClock()
    const storage = memoryStorage()
    const firstTab = createSessionManager(storage, 100, clock.at)
    const first = firstTab.touch()

    clock.now += 10 * MINUTE
    const secondTab = createSessionManager(storage, 100, clock.at)
    const continued = secondTab.touch()
    expect(continued.id).toBe(first.id)
    expect(continued.created).toBe(first.created)

    // Activity in the second tab keeps the first tab's session alive too.
    clock.now += 10 * MINUTE
    expect(firstTab.touch().id).toBe(first.id)
    clock.now += 10 * MINUTE
    expect(secondTab.touch().id).toBe(first.id)
  })

  it('is renewed for every tab when the shared session expires', () => {
    const clock = manualClock()
    const storage = memoryStorage()
    const firstTab = createSessionManager(storage, 100, clock.at)
    const secondTab = createSessionManager(storage, 100, clock.at)
    const old = firstTab.touch().id

    clock.now += SESSION_IDLE_MS
    const renewed = secondTab.touch().id
    expect(renewed).not.toBe(old)
    clock.now += MINUTE
    expect(firstTab.touch().id).toBe(renewed)
  })

  it('writes the session as JSON with its id, times and sampling decision', () => {
    const clock = manualClock()
    const storage = memoryStorage()
    const session = createSessionManager(storage, 100, clock.at).touch()
    const stored = JSON.parse([...storage.data.values()][0] as string)
    expect(stored).toEqual({
      id: session.id,
      created: clock.now,
      last: clock.now,
      sampled: true,
    })
  })

  it.each([
    ['not JSON', '{"id": "kept-id", "created": NOW, '],
    ['a JSON string', '"kept-id"'],
    ['JSON null', 'null'],
    ['a number', 'NOW'],
    ['an array', '["kept-id", NOW, NOW]'],
    ['an id that is not a string', '{"id": 7, "created": NOW, "last": NOW, "sampled": true}'],
    ['no created time', '{"id": "kept-id", "last": NOW, "sampled": true}'],
    ['a created time that is a string', '{"id": "kept-id", "created": "NOW", "last": NOW}'],
    ['no last time', '{"id": "kept-id", "created": NOW, "sampled": true}'],
  ])('starts a new session when the stored value is damaged: %s', (_, damaged) => {
    const key = sessionKey()
    const clock = manualClock()
    const storage = memoryStorage()
    // The damaged record would otherwise be a live session: times are "now".
    storage.data.set(key, damaged.replaceAll('NOW', String(clock.now)))

    const session = createSessionManager(storage, 100, clock.at).touch()
    expect(session.id).not.toBe('kept-id')
    expect(session.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(session.created).toBe(clock.now)

    // The damaged record is replaced by a valid one that a reload continues.
    clock.now += MINUTE
    const reloaded = createSessionManager(storage, 100, clock.at).touch()
    expect(reloaded.id).toBe(session.id)
  })

  it('continues a valid stored session written by another tab', () => {
    const key = sessionKey()
    const clock = manualClock()
    const storage = memoryStorage()
    storage.data.set(
      key,
      JSON.stringify({
        id: 'kept-id',
        created: clock.now - MINUTE,
        last: clock.now - MINUTE,
        sampled: true,
      }),
    )
    const session = createSessionManager(storage, 100, clock.at).touch()
    expect(session.id).toBe('kept-id')
    expect(session.created).toBe(clock.now - MINUTE)
    expect(session.last).toBe(clock.now)
  })

  it('keeps a working session in memory when storage throws on every call', () => {
    const clock = manualClock()
    const storage: SessionStorage = {
      getItem: vi.fn(() => {
        throw new DOMException('denied', 'SecurityError')
      }),
      setItem: vi.fn(() => {
        throw new DOMException('denied', 'SecurityError')
      }),
    }
    const sessions = createSessionManager(storage, 100, clock.at)
    const first = sessions.touch()
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(first.sampled).toBe(true)
    expect(storage.getItem).toHaveBeenCalled()
    expect(storage.setItem).toHaveBeenCalled()

    clock.now += 10 * MINUTE
    expect(sessions.touch().id).toBe(first.id)
    clock.now += 10 * MINUTE
    expect(sessions.touch().id).toBe(first.id)
    clock.now += SESSION_IDLE_MS
    expect(sessions.touch().id).not.toBe(first.id)
  })

  it('keeps a working session in memory when only getItem throws', () => {
    const clock = manualClock()
    const storage: SessionStorage = {
      getItem: () => {
        throw new Error('getItem failed')
      },
      setItem: () => {},
    }
    const sessions = createSessionManager(storage, 100, clock.at)
    const first = sessions.touch().id
    for (let i = 0; i < 3; i++) {
      clock.now += 10 * MINUTE
      expect(sessions.touch().id).toBe(first)
    }
  })

  it('keeps a working session in memory when only setItem throws and storage is empty', () => {
    const clock = manualClock()
    const storage: SessionStorage = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError')
      },
    }
    const sessions = createSessionManager(storage, 100, clock.at)
    const first = sessions.touch().id
    for (let i = 0; i < 3; i++) {
      clock.now += 10 * MINUTE
      expect(sessions.touch().id).toBe(first)
    }
  })

  it('keeps one session when storage holds a record but stops accepting writes (quota full)', () => {
    const clock = manualClock()
    const storage = memoryStorage()
    const sessions = createSessionManager(storage, 100, clock.at)
    const first = sessions.touch().id
    // From now on every write fails; the record written above stays as it was.
    storage.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError')
    }

    // An action every 10 minutes for an hour: never 15 minutes without one.
    const ids: string[] = []
    for (let i = 0; i < 6; i++) {
      clock.now += 10 * MINUTE
      ids.push(sessions.touch().id)
    }
    expect(ids).toEqual(Array(6).fill(first))
  })
})

describe('session writes', () => {
  it('rewrites the stored record only when its id changes or its last activity is stale', () => {
    const clock = manualClock()
    const storage = memoryStorage()
    const setItem = vi.spyOn(storage, 'setItem')
    const sessions = createSessionManager(storage, 100, clock.at)
    const first = sessions.touch()
    const start = clock.now
    expect(setItem).toHaveBeenCalledTimes(1)

    // A burst of actions: memory follows every one, storage waits.
    for (let i = 0; i < 4; i++) {
      clock.now += 1000
      expect(sessions.touch().last).toBe(clock.now)
    }
    expect(setItem).toHaveBeenCalledTimes(1)
    expect(storedSession(storage).last).toBe(start)

    clock.now = start + SESSION_WRITE_MS
    sessions.touch()
    expect(setItem).toHaveBeenCalledTimes(2)
    expect(storedSession(storage)).toEqual({ ...first, last: clock.now })

    // A new session is written at once.
    clock.now += SESSION_IDLE_MS
    const second = sessions.touch()
    expect(setItem).toHaveBeenCalledTimes(3)
    expect(storedSession(storage).id).toBe(second.id)
  })

  it("adopts another tab's newer session without writing it back", () => {
    const clock = manualClock()
    const storage = memoryStorage()
    const firstTab = createSessionManager(storage, 100, clock.at)
    const secondTab = createSessionManager(storage, 100, clock.at)
    firstTab.touch()
    // The record is gone (cleared by the user): the second tab starts and stores a session.
    clock.now += 1000
    storage.data.clear()
    const own = secondTab.touch()
    expect(storedSession(storage).id).toBe(own.id)
    // The first tab's next action adopts the stored session without writing it back.
    const setItem = vi.spyOn(storage, 'setItem')
    clock.now += 1000
    expect(firstTab.touch().id).toBe(own.id)
    expect(setItem).not.toHaveBeenCalled()
  })

  it('save() stores the latest activity, so the next page continues the session for 15 minutes', () => {
    const clock = manualClock()
    const storage = memoryStorage()
    const sessions = createSessionManager(storage, 100, clock.at)
    const first = sessions.touch()
    clock.now += SESSION_WRITE_MS - 1
    sessions.touch()
    const last = clock.now
    sessions.save(true)
    expect(storedSession(storage).last).toBe(last)

    clock.now = last + SESSION_IDLE_MS - 1
    expect(createSessionManager(storage, 100, clock.at).touch().id).toBe(first.id)
  })

  it('save() writes nothing without permission to persist, nor over a newer session of another tab', () => {
    const clock = manualClock()
    const storage = memoryStorage()
    const sessions = createSessionManager(storage, 100, clock.at)
    sessions.touch(false)
    sessions.save(false)
    expect(storage.data.size).toBe(0)

    sessions.touch()
    clock.now += SESSION_MAX_MS
    const other = createSessionManager(storage, 100, clock.at).touch()
    sessions.save(true)
    expect(storedSession(storage).id).toBe(other.id)
  })
})

describe('session sampling', () => {
  it('samples no session at sampleRate 0, even when Math.random returns 0', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0)
    const clock = manualClock()
    const sessions = createSessionManager(memoryStorage(), 0, clock.at)
    expect(sessions.touch().sampled).toBe(false)
    clock.now += SESSION_IDLE_MS
    expect(sessions.touch().sampled).toBe(false)
  })

  it('samples every session at sampleRate 100, even when Math.random is close to 1', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999_999_9)
    const clock = manualClock()
    const sessions = createSessionManager(memoryStorage(), 100, clock.at)
    expect(sessions.touch().sampled).toBe(true)
    clock.now += SESSION_IDLE_MS
    expect(sessions.touch().sampled).toBe(true)
  })

  it('compares the draw with the rate as a percentage', () => {
    const random = vi.spyOn(Math, 'random')
    const clock = manualClock()
    const sessions = createSessionManager(memoryStorage(), 25, clock.at)
    random.mockReturnValue(0.2499)
    expect(sessions.touch().sampled).toBe(true)
    clock.now += SESSION_IDLE_MS
    random.mockReturnValue(0.25)
    expect(sessions.touch().sampled).toBe(false)
  })

  it('decides once per session and again for each new session', () => {
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.3)
    const clock = manualClock()
    const sessions = createSessionManager(memoryStorage(), 50, clock.at)

    const first = sessions.touch()
    expect(first.sampled).toBe(true)
    expect(random).toHaveBeenCalledTimes(1)

    // A later draw would say "not sampled", but the decision is kept for the session's life.
    random.mockReturnValue(0.9)
    for (let i = 0; i < 4; i++) {
      clock.now += 10 * MINUTE
      const session = sessions.touch()
      expect(session.id).toBe(first.id)
      expect(session.sampled).toBe(true)
    }
    expect(random).toHaveBeenCalledTimes(1)

    clock.now += SESSION_IDLE_MS
    const second = sessions.touch()
    expect(second.id).not.toBe(first.id)
    expect(second.sampled).toBe(false)
    expect(random).toHaveBeenCalledTimes(2)

    random.mockReturnValue(0.1)
    clock.now += MINUTE
    expect(sessions.touch().sampled).toBe(false)
    expect(random).toHaveBeenCalledTimes(2)
  })

  it('keeps the decision through storage: another tab does not draw again', () => {
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.9)
    const clock = manualClock()
    const storage = memoryStorage()
    const first = createSessionManager(storage, 50, clock.at).touch()
    expect(first.sampled).toBe(false)

    random.mockReturnValue(0)
    clock.now += MINUTE
    // Even a tab configured to sample everything continues the unsampled session.
    const other = createSessionManager(storage, 100, clock.at).touch()
    expect(other.id).toBe(first.id)
    expect(other.sampled).toBe(false)
    expect(random).toHaveBeenCalledTimes(1)
  })
})
