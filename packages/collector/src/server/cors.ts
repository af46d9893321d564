/**
 * The origins whose pages may send events. Entries are origins (`https://shop.example`,
 * `http://localhost:5173`), `*` for any origin, or a wildcard for subdomains
 * (`https://*.shop.example`, which does not match `https://shop.example` itself).
 */
export class OriginPolicy {
  readonly any: boolean
  private readonly exact = new Set<string>()
  private readonly patterns: { protocol: string; suffix: string; port: string }[] = []

  constructor(readonly entries: readonly string[]) {
    this.any = entries.includes('*')
    for (const entry of entries) {
      if (entry === '*') continue
      if (entry === 'null') {
        this.exact.add('null')
        continue
      }
      const wildcard = /^([a-z][a-z0-9+.-]*:)\/\/\*\.([^/:]+)(?::(\d+))?\/?$/i.exec(entry)
      if (wildcard) {
        this.patterns.push({
          protocol: (wildcard[1] as string).toLowerCase(),
          suffix: `.${(wildcard[2] as string).toLowerCase()}`,
          port: wildcard[3] ?? '',
        })
        continue
      }
      let url: URL
      try {
        url = new URL(entry)
      } catch {
        throw new Error(
          `allowed origin "${entry}" is not an origin: write it like https://shop.example or http://localhost:5173`,
        )
      }
      if (url.origin === 'null' || (url.pathname !== '/' && url.pathname !== ''))
        throw new Error(
          `allowed origin "${entry}" is not an origin (scheme://host[:port], no path): write it like https://shop.example`,
        )
      this.exact.add(url.origin)
    }
  }

  allows(origin: string): boolean {
    if (this.any) return true
    if (this.exact.has(origin)) return true
    let url: URL
    try {
      url = new URL(origin)
    } catch {
      return false
    }
    if (this.exact.has(url.origin)) return true
    return this.patterns.some(
      (p) => url.protocol === p.protocol && url.hostname.endsWith(p.suffix) && url.port === p.port,
    )
  }
}

/** Request headers a browser may send cross-origin (after a preflight). */
export const ALLOWED_REQUEST_HEADERS =
  'content-type, content-encoding, authorization, x-actiontrail-token'

/**
 * Headers of every answer to an allowed cross-origin request. `Retry-After` is exposed: the SDK
 * reads it on 429 and 503, and a browser hides it from a cross-origin script otherwise.
 */
export function corsHeaders(origin: string): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': 'retry-after',
    vary: 'Origin',
  }
}

/** The answer to a preflight (`OPTIONS`) of an allowed origin. */
export function preflightHeaders(origin: string, methods: string): Record<string, string> {
  return {
    ...corsHeaders(origin),
    'access-control-allow-methods': methods,
    'access-control-allow-headers': ALLOWED_REQUEST_HEADERS,
    'access-control-max-age': '86400',
  }
}
