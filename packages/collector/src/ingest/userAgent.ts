import UAParser from 'ua-parser-js'

/** What the dashboard segments by, parsed from the sender's `User-Agent` header. */
export interface ParsedUserAgent {
  /** Browser name (`Chrome`, `Firefox`, `Mobile Safari`), null when unknown. */
  browser: string | null
  /** Operating system name (`Windows`, `macOS`, `iOS`, `Android`), null when unknown. */
  os: string | null
  /**
   * `mobile`, `tablet`, `smarttv`, `console`, `wearable`, `embedded`, or `desktop` when the
   * browser or OS is known but the parser names no device type (it never does for desktops).
   */
  device: string | null
}

const UNKNOWN: ParsedUserAgent = { browser: null, os: null, device: null }
const CACHE_SIZE = 1000
const cache = new Map<string, ParsedUserAgent>()

/**
 * Parses a user agent with ua-parser-js 1.x (MIT). Results are cached: a collector sees the same
 * few hundred user agents over and over.
 */
export function parseUserAgent(userAgent: string | undefined): ParsedUserAgent {
  if (!userAgent) return UNKNOWN
  const known = cache.get(userAgent)
  if (known) return known
  const result = new UAParser(userAgent).getResult()
  const browser = result.browser.name ?? null
  const os = result.os.name ?? null
  const parsed: ParsedUserAgent = {
    browser,
    os,
    device: result.device.type ?? (browser || os ? 'desktop' : null),
  }
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string)
  cache.set(userAgent, parsed)
  return parsed
}
