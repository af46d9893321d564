/** What every page reads: the application and the time range. */
export type RangeKey = '1h' | '24h' | '7d' | '30d'

export const RANGES: Record<RangeKey, number> = {
  '1h': 3_600_000,
  '24h': 24 * 3_600_000,
  '7d': 7 * 24 * 3_600_000,
  '30d': 30 * 24 * 3_600_000,
}

const APP_KEY = 'actiontrail.app'
const RANGE_KEY = 'actiontrail.range'

function initialApp(): string {
  const fromUrl = new URLSearchParams(location.search).get('app')
  if (fromUrl) {
    localStorage.setItem(APP_KEY, fromUrl)
    return fromUrl
  }
  return localStorage.getItem(APP_KEY) ?? ''
}

function initialRange(): RangeKey {
  const stored = localStorage.getItem(RANGE_KEY)
  return stored && stored in RANGES ? (stored as RangeKey) : '24h'
}

export const state = {
  app: initialApp(),
  range: initialRange(),
}

export function setApp(app: string): void {
  state.app = app.trim()
  if (state.app) localStorage.setItem(APP_KEY, state.app)
  else localStorage.removeItem(APP_KEY)
}

export function setRange(range: RangeKey): void {
  state.range = range
  localStorage.setItem(RANGE_KEY, range)
}

/** `app`, `from`, `to` of the current selection, the range ending now. */
export function scope(): { app: string; from: number; to: number } {
  const to = Date.now()
  return { app: state.app, from: to - RANGES[state.range], to }
}
