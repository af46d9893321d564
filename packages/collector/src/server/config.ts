import { parseArgs } from 'node:util'
import { type ClickhouseOptions, DEFAULT_STORE, type StoreKind } from '../store/index'
import { parseTokens } from './auth'
import { OriginPolicy } from './cors'
import { DEFAULT_RATE_LIMIT } from './rateLimit'

/** The collector's settings, from flags, `ACTIONTRAIL_*` environment variables and defaults. */
export interface CollectorConfig {
  port: number
  host: string
  dataDir: string
  allowedOrigins: string[]
  /** The `--tokens` text; empty: no token check. */
  tokens: string
  /** The `--api-token` text; empty: the query API answers loopback clients only. */
  apiToken: string
  /** 0: events are kept for ever. */
  retentionMs: number
  store: StoreKind
  /** With `store: 'clickhouse'`: where ClickHouse is and how its tables are laid out. */
  clickhouse?: ClickhouseOptions
  maxBodyBytes: number
  /** Events per second per token; 0: no rate limit. */
  rateLimit: number
  rateBurst: number
  /** How often alert rules are evaluated, ms. */
  alertIntervalMs: number
  /** The collector's address as people reach it, for links in alert webhooks; empty: its own. */
  publicUrl: string
  help: boolean
  version: boolean
}

export const DEFAULT_PORT = 8787

/** Every option: flag name, environment variable, default (as text), description. */
export const OPTIONS = [
  ['port', 'ACTIONTRAIL_PORT', String(DEFAULT_PORT), 'HTTP port'],
  [
    'host',
    'ACTIONTRAIL_HOST',
    '127.0.0.1',
    'interface to listen on; 0.0.0.0 (or ::) to accept other machines',
  ],
  [
    'data-dir',
    'ACTIONTRAIL_DATA_DIR',
    './actiontrail-data',
    'folder of the store and the side records (created if missing)',
  ],
  [
    'allowed-origins',
    'ACTIONTRAIL_ALLOWED_ORIGINS',
    '*',
    'comma-separated origins whose pages may send events (https://shop.example, https://*.shop.example, *)',
  ],
  [
    'tokens',
    'ACTIONTRAIL_TOKENS',
    '',
    'comma-separated client tokens, each `token` or `token:applicationId`; none: every request is accepted',
  ],
  [
    'api-token',
    'ACTIONTRAIL_API_TOKEN',
    '',
    'token of the query API (/api/, Authorization: Bearer); none: the API answers this machine (loopback) only',
  ],
  [
    'retention',
    'ACTIONTRAIL_RETENTION',
    '30d',
    'delete events older than this (90d, 12h, 30m; off keeps them for ever), checked hourly',
  ],
  [
    'store',
    'ACTIONTRAIL_STORE',
    DEFAULT_STORE,
    'duckdb or sqlite (embedded, in --data-dir), or clickhouse (shared by any number of collectors)',
  ],
  [
    'clickhouse-url',
    'ACTIONTRAIL_CLICKHOUSE_URL',
    '',
    'with --store clickhouse: its HTTP interface, http://user:password@host:8123',
  ],
  [
    'clickhouse-database',
    'ACTIONTRAIL_CLICKHOUSE_DATABASE',
    'actiontrail',
    'with --store clickhouse: database of the tables (created if missing)',
  ],
  [
    'clickhouse-cluster',
    'ACTIONTRAIL_CLICKHOUSE_CLUSTER',
    '',
    'with --store clickhouse: a cluster of remote_servers; tables are then sharded, behind Distributed tables',
  ],
  [
    'max-body',
    'ACTIONTRAIL_MAX_BODY',
    '1MiB',
    'largest request body, sent and decompressed (512KiB, 2MiB, bytes); larger: 413',
  ],
  [
    'rate-limit',
    'ACTIONTRAIL_RATE_LIMIT',
    String(DEFAULT_RATE_LIMIT.eventsPerSecond),
    'events per second each client token may send (off: no limit); over it: 429',
  ],
  [
    'rate-burst',
    'ACTIONTRAIL_RATE_BURST',
    String(DEFAULT_RATE_LIMIT.burst),
    'events a client token may send at once after a quiet period',
  ],
  [
    'alert-interval',
    'ACTIONTRAIL_ALERT_INTERVAL',
    '60s',
    'how often alert rules are evaluated (10s, 1m, 5m)',
  ],
  [
    'public-url',
    'ACTIONTRAIL_PUBLIC_URL',
    '',
    'address of the collector as people reach it (https://actiontrail.example), for the dashboard links of alert webhooks; none: the address it listens on',
  ],
] as const

export const HELP = `Usage: actiontrail-collector [options]

Receives Actiontrail events (POST /v1/events, OTLP/HTTP JSON logs at POST /v1/logs) and stores
them in an embedded store. Each option can also be set by its environment variable; a flag wins.

${OPTIONS.map(
  ([flag, env, fallback, text]) =>
    `  --${flag.padEnd(16)} ${env.padEnd(28)} ${fallback === '' ? '(none)' : fallback}\n      ${text}`,
).join('\n')}
  --help, -h            this text
  --version, -v         the version
`

/** A setting that cannot be used; the message names the flag or variable. */
export class ConfigError extends Error {}

const UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
}

/** `30d`, `12h`, `90m`, `45s`, `500ms`, `2w` → ms; `off`, `0` or `never` → 0. */
export function parseDuration(text: string): number {
  const value = text.trim().toLowerCase()
  if (value === 'off' || value === 'never' || value === '0' || value === 'forever') return 0
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)$/.exec(value)
  if (!match) throw new Error(`expected a duration like 30d, 12h or 90m (or off), got "${text}"`)
  return Number(match[1]) * (UNITS[match[2] as string] as number)
}

const SIZES: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 * 1024,
  mb: 1024 * 1024,
  mib: 1024 * 1024,
}

/** `1MiB`, `512k`, `2mb`, `65536` → bytes (binary units: 1 KiB = 1 KB = 1024 bytes). */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim())
  const unit = SIZES[(match?.[2] ?? '').toLowerCase()]
  if (!match || unit === undefined)
    throw new Error(`expected a size like 1MiB, 512KiB or 65536 (bytes), got "${text}"`)
  const bytes = Math.floor(Number(match[1]) * unit)
  if (bytes < 1) throw new Error(`expected a size of at least 1 byte, got "${text}"`)
  return bytes
}

function parsePositiveInteger(text: string, max: number): number {
  const value = Number(text.trim())
  if (!/^\d+$/.test(text.trim()) || value < 1 || value > max)
    throw new Error(`expected a whole number from 1 to ${max}, got "${text}"`)
  return value
}

/**
 * Reads the command line and the environment. Throws `ConfigError` naming the flag (or the
 * variable) and what it expects.
 */
export function resolveConfig(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): CollectorConfig {
  let values: Record<string, string | boolean | undefined>
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        ...Object.fromEntries(OPTIONS.map(([flag]) => [flag, { type: 'string' as const }])),
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
      strict: true,
      allowPositionals: false,
    }).values
  } catch (error) {
    throw new ConfigError((error as Error).message)
  }

  /** The flag's value, else the variable's, else the default; parse errors name the source. */
  const read = <T>(flag: (typeof OPTIONS)[number][0], parse: (text: string) => T): T => {
    const option = OPTIONS.find(([name]) => name === flag) as (typeof OPTIONS)[number]
    const fromFlag = values[flag]
    const fromEnv = env[option[1]]
    const [source, text] =
      typeof fromFlag === 'string'
        ? [`--${flag}`, fromFlag]
        : fromEnv !== undefined && fromEnv !== ''
          ? [option[1], fromEnv]
          : [`the default of --${flag}`, option[2]]
    try {
      return parse(text)
    } catch (error) {
      throw new ConfigError(`${source}: ${(error as Error).message}`)
    }
  }

  const list = (text: string) =>
    text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  const config: CollectorConfig = {
    port: read('port', (text) => {
      const port = Number(text.trim())
      if (!/^\d+$/.test(text.trim()) || port > 65535)
        throw new Error(`expected a port number from 0 to 65535, got "${text}"`)
      return port
    }),
    host: read('host', (text) => {
      if (!text.trim()) throw new Error('expected a host name or address')
      return text.trim()
    }),
    dataDir: read('data-dir', (text) => {
      if (!text.trim()) throw new Error('expected a folder')
      return text.trim()
    }),
    allowedOrigins: read('allowed-origins', (text) => {
      const origins = list(text)
      if (origins.length === 0) throw new Error('expected at least one origin, or *')
      new OriginPolicy(origins)
      return origins
    }),
    tokens: read('tokens', (text) => {
      parseTokens(text)
      return text
    }),
    apiToken: read('api-token', (text) => {
      const token = text.trim()
      if (token !== '' && token.length < 16)
        throw new Error('expected a token of at least 16 characters (it guards the query API)')
      return token
    }),
    retentionMs: read('retention', parseDuration),
    store: read('store', (text) => {
      const kind = text.trim().toLowerCase()
      if (kind !== 'duckdb' && kind !== 'sqlite' && kind !== 'clickhouse')
        throw new Error(`expected duckdb, sqlite or clickhouse, got "${text}"`)
      return kind
    }),
    maxBodyBytes: read('max-body', parseSize),
    rateLimit: read('rate-limit', (text) =>
      ['off', '0', 'none'].includes(text.trim().toLowerCase())
        ? 0
        : parsePositiveInteger(text, 10_000_000),
    ),
    rateBurst: read('rate-burst', (text) => parsePositiveInteger(text, 100_000_000)),
    alertIntervalMs: read('alert-interval', (text) => {
      const ms = /^\d+$/.test(text.trim()) ? Number(text.trim()) : parseDuration(text)
      if (!(ms >= 1000) || ms > 86_400_000)
        throw new Error(`expected a duration from 1s to 1d, like 60s or 5m, got "${text}"`)
      return ms
    }),
    publicUrl: read('public-url', (text) => {
      const url = text.trim()
      if (url === '') return ''
      let parsed: URL | undefined
      try {
        parsed = new URL(url)
      } catch {}
      if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
        throw new Error(`expected an http or https URL, got "${text}"`)
      return url
    }),
    help: values.help === true,
    version: values.version === true,
  }
  if (config.store === 'clickhouse') {
    const url = read('clickhouse-url', parseClickhouseUrl)
    const database = read('clickhouse-database', (text) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(text.trim()))
        throw new Error(`expected a database name of letters, digits and _, got "${text}"`)
      return text.trim()
    })
    const cluster = read('clickhouse-cluster', (text) => {
      const name = text.trim()
      if (name !== '' && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
        throw new Error(`expected a cluster name of letters, digits and _, got "${text}"`)
      return name
    })
    config.clickhouse = { ...url, database, ...(cluster && { cluster }) }
  }
  return config
}

/**
 * `http://user:password@host:8123` → the URL without its credentials (fetch refuses them) and
 * the user and password, sent as ClickHouse's `X-ClickHouse-User` / `X-ClickHouse-Key`.
 */
function parseClickhouseUrl(text: string): { url: string; user?: string; password?: string } {
  if (text.trim() === '')
    throw new Error(
      'expected the URL of the ClickHouse HTTP interface (required with --store clickhouse)',
    )
  let url: URL | undefined
  try {
    url = new URL(text.trim())
  } catch {}
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new Error(`expected an http or https URL like http://127.0.0.1:8123, got "${text}"`)
  const user = decodeURIComponent(url.username)
  const password = decodeURIComponent(url.password)
  url.username = ''
  url.password = ''
  return {
    url: url.toString().replace(/\/+$/, ''),
    ...(user && { user }),
    ...(password && { password }),
  }
}
