/** A client token and, when it is bound to one, the only application it may send events for. */
export interface TokenRule {
  token: string
  applicationId?: string
}

/**
 * Reads `--tokens`: comma-separated entries, each `token` (any application) or
 * `token:applicationId` (events of other applications are refused). Spaces around entries are
 * ignored.
 */
export function parseTokens(spec: string | readonly string[]): TokenRule[] {
  const entries = (typeof spec === 'string' ? spec.split(',') : spec)
    .map((entry) => entry.trim())
    .filter(Boolean)
  const rules = new Map<string, TokenRule>()
  for (const entry of entries) {
    const colon = entry.indexOf(':')
    const token = (colon < 0 ? entry : entry.slice(0, colon)).trim()
    const applicationId = colon < 0 ? undefined : entry.slice(colon + 1).trim()
    if (!token) throw new Error(`token entry "${entry}" has no token before the ":"`)
    if (applicationId === '')
      throw new Error(`token entry "${entry}" has no application id after the ":"`)
    const known = rules.get(token)
    if (known && known.applicationId !== applicationId)
      throw new Error(`token "${token}" is listed twice, for different applications`)
    rules.set(token, { token, ...(applicationId !== undefined && { applicationId }) })
  }
  return [...rules.values()]
}

export type AuthResult =
  | { ok: true; token: string; applicationId?: string }
  | { ok: false; message: string }

/**
 * Client-token check. Without any configured token the collector is open: every request is
 * taken, whatever token it carries (the CLI warns about it).
 */
export class TokenAuth {
  private readonly rules: Map<string, TokenRule>

  constructor(rules: readonly TokenRule[]) {
    this.rules = new Map(rules.map((rule) => [rule.token, rule]))
  }

  get open(): boolean {
    return this.rules.size === 0
  }

  check(token: string | undefined): AuthResult {
    if (this.open) return { ok: true, token: token ?? '' }
    if (token === undefined || token === '')
      return {
        ok: false,
        message:
          'missing client token: add ?token=<client token> to the URL (or an "Authorization: Bearer <token>" header)',
      }
    const rule = this.rules.get(token)
    if (!rule) return { ok: false, message: 'unknown client token' }
    return {
      ok: true,
      token,
      ...(rule.applicationId !== undefined && { applicationId: rule.applicationId }),
    }
  }
}
