import { describe, expect, it } from 'vitest'
import { underscoreKeys } from '../src/ingest/toRow'
import { parseUserAgent } from '../src/ingest/userAgent'
import { formatPath, validateBatch } from '../src/ingest/validate'
import { parseTokens, TokenAuth } from '../src/server/auth'
import { ConfigError, parseDuration, parseSize, resolveConfig } from '../src/server/config'
import { OriginPolicy } from '../src/server/cors'
import { RateLimiter } from '../src/server/rateLimit'
import { actionEvent } from './helpers'

describe('validation messages', () => {
  it('writes paths as a reader would', () => {
    expect(formatPath(['events', 3, 'context', 'a b', 'c', 0])).toBe(
      'events[3].context["a b"].c[0]',
    )
  })

  it('checks contexts: depth, key length, nested strings', () => {
    let deep: unknown = 'bottom'
    for (let i = 0; i < 12; i++) deep = { d: deep }
    const result = validateBatch([
      actionEvent({ context: deep as never }),
      actionEvent({ context: { ['k'.repeat(300)]: 1, 'odd key': ['x'.repeat(9000)] } }),
      actionEvent({ context: 'pro' as never, user: { id: 42 as never } }),
    ])
    expect(result.ok && result.rejected).toEqual([
      {
        index: 0,
        errors: ['events[0].context.d.d.d.d.d.d.d.d.d.d: nested deeper than 10 levels'],
      },
      {
        index: 1,
        errors: [
          `events[1].context["${'k'.repeat(40)}…"]: keys may have at most 256 characters, this one has 300`,
          'events[1].context["odd key"][0]: expected a string of at most 8192 characters, got 9000 characters',
        ],
      },
      {
        index: 2,
        errors: [
          'events[2].user.id: expected a string, got 42',
          'events[2].context: expected an object, got "pro"',
        ],
      },
    ])
  })

  it('treats null optional fields as absent and ignores unknown fields', () => {
    const event = {
      ...actionEvent(),
      user: null,
      future_field: { anything: true },
      action: { ...actionEvent().action, duration: null, target: null },
    }
    const result = validateBatch([event])
    expect(result.ok && result.rejected).toEqual([])
  })

  it('lists at most 20 errors per event', () => {
    const event = actionEvent({ action: { frustration: Array(30).fill('meh') } })
    const result = validateBatch([event])
    const errors = result.ok ? (result.rejected[0]?.errors ?? []) : []
    expect(errors).toHaveLength(21)
    expect(errors[0]).toBe(
      'events[0].action.frustration[0]: expected one of "rage", "dead", "error", "abandon", got "meh"',
    )
    expect(errors[20]).toBe('events[0]: and 10 more errors')
  })
})

describe('keys and user agents', () => {
  it('turns dots into underscores without losing a colliding key', () => {
    expect(underscoreKeys({ 'a.b': 1, a_b: 2, 'a.b.c': [{ 'x.y': null }] })).toEqual({
      a_b: 2,
      a_b_2: 1,
      a_b_c: [{ x_y: null }],
    })
    const parsed = underscoreKeys(JSON.parse('{"__proto__": {"polluted": 1}}')) as object
    expect(Object.keys(parsed)).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('parses browser, OS and device type', () => {
    expect(
      parseUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
      ),
    ).toEqual({ browser: 'Firefox', os: 'Windows', device: 'desktop' })
    expect(
      parseUserAgent(
        'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      ),
    ).toMatchObject({ os: 'iOS', device: 'tablet' })
    expect(parseUserAgent(undefined)).toEqual({ browser: null, os: null, device: null })
    expect(parseUserAgent('curl/8.5.0')).toEqual({ browser: null, os: null, device: null })
  })
})

describe('tokens, origins, rate limit', () => {
  it('reads tokens with and without an application', () => {
    expect(parseTokens(' a , b:shop,,c:admin ')).toEqual([
      { token: 'a' },
      { token: 'b', applicationId: 'shop' },
      { token: 'c', applicationId: 'admin' },
    ])
    expect(() => parseTokens('a:shop,a:admin')).toThrow(
      'token "a" is listed twice, for different applications',
    )
    expect(() => parseTokens('b:')).toThrow('token entry "b:" has no application id after the ":"')
    const auth = new TokenAuth(parseTokens('a,b:shop'))
    expect(auth.check('b')).toEqual({ ok: true, token: 'b', applicationId: 'shop' })
    expect(auth.check('z')).toEqual({ ok: false, message: 'unknown client token' })
    expect(new TokenAuth([]).check(undefined)).toEqual({ ok: true, token: '' })
  })

  it('matches origins exactly, by wildcard subdomain, or any', () => {
    const policy = new OriginPolicy([
      'https://shop.example',
      'http://localhost:5173',
      'https://*.cdn.example',
    ])
    expect(policy.allows('https://shop.example')).toBe(true)
    expect(policy.allows('https://SHOP.example')).toBe(true)
    expect(policy.allows('http://shop.example')).toBe(false)
    expect(policy.allows('http://localhost:5173')).toBe(true)
    expect(policy.allows('http://localhost:5174')).toBe(false)
    expect(policy.allows('https://a.b.cdn.example')).toBe(true)
    expect(policy.allows('https://cdn.example')).toBe(false)
    expect(policy.allows('https://evilcdn.example')).toBe(false)
    expect(policy.allows('null')).toBe(false)
    expect(new OriginPolicy(['*']).allows('null')).toBe(true)
    expect(() => new OriginPolicy(['https://shop.example/path'])).toThrow(/is not an origin/)
  })

  it('refills buckets over time and says how long to wait', () => {
    let now = 0
    const limiter = new RateLimiter({ eventsPerSecond: 10, burst: 20 }, () => now)
    expect(limiter.take('t', 20)).toEqual({ ok: true })
    expect(limiter.take('t', 15)).toEqual({ ok: false, retryAfter: 2 })
    expect(limiter.check('t')).toEqual({ ok: false, retryAfter: 1 })
    expect(limiter.take('other', 5)).toEqual({ ok: true })
    now = 1500
    expect(limiter.take('t', 15)).toEqual({ ok: true })
    // A batch larger than the bucket costs the whole bucket, never more.
    now = 10_000
    expect(limiter.take('t', 500)).toEqual({ ok: true })
  })
})

describe('CLI options', () => {
  it('has documented defaults', () => {
    expect(resolveConfig([], {})).toEqual({
      port: 8787,
      host: '127.0.0.1',
      dataDir: './actiontrail-data',
      allowedOrigins: ['*'],
      tokens: '',
      apiToken: '',
      retentionMs: 30 * 86_400_000,
      store: 'duckdb',
      maxBodyBytes: 1024 * 1024,
      rateLimit: 1000,
      rateBurst: 10_000,
      alertIntervalMs: 60_000,
      publicUrl: '',
      help: false,
      version: false,
    })
  })

  it('reads where ClickHouse is, its credentials apart, with --store clickhouse only', () => {
    expect(
      resolveConfig(
        ['--store', 'clickhouse', '--clickhouse-url', 'http://at:s%40cret@ch.internal:8123/'],
        { ACTIONTRAIL_CLICKHOUSE_CLUSTER: 'shards' },
      ).clickhouse,
    ).toEqual({
      url: 'http://ch.internal:8123',
      user: 'at',
      password: 's@cret',
      database: 'actiontrail',
      cluster: 'shards',
    })
    expect(resolveConfig(['--clickhouse-url', 'http://ch:8123'], {}).clickhouse).toBeUndefined()
    expect(() => resolveConfig(['--store', 'clickhouse'], {})).toThrow(
      'the default of --clickhouse-url: expected the URL of the ClickHouse HTTP interface (required with --store clickhouse)',
    )
    expect(() =>
      resolveConfig(
        ['--store=clickhouse', '--clickhouse-url=ch:8123', '--clickhouse-database=x'],
        {},
      ),
    ).toThrow(
      '--clickhouse-url: expected an http or https URL like http://127.0.0.1:8123, got "ch:8123"',
    )
    expect(() =>
      resolveConfig(
        ['--store=clickhouse', '--clickhouse-url=http://ch', '--clickhouse-database=a-b'],
        {},
      ),
    ).toThrow('--clickhouse-database: expected a database name of letters, digits and _, got "a-b"')
  })

  it('reads the alert interval and the public URL', () => {
    expect(
      resolveConfig(['--alert-interval', '5m'], { ACTIONTRAIL_PUBLIC_URL: 'https://at.example' }),
    ).toMatchObject({ alertIntervalMs: 300_000, publicUrl: 'https://at.example' })
    expect(() => resolveConfig(['--alert-interval', '10ms'], {})).toThrow(
      '--alert-interval: expected a duration from 1s to 1d, like 60s or 5m, got "10ms"',
    )
    expect(() => resolveConfig([], { ACTIONTRAIL_PUBLIC_URL: 'at.example' })).toThrow(
      'ACTIONTRAIL_PUBLIC_URL: expected an http or https URL, got "at.example"',
    )
  })

  it('takes flags over ACTIONTRAIL_* variables', () => {
    const config = resolveConfig(
      ['--port', '9000', '--tokens=a,b:shop', '--retention', '12h', '--store', 'sqlite'],
      {
        ACTIONTRAIL_PORT: '1234',
        ACTIONTRAIL_DATA_DIR: '/var/lib/actiontrail',
        ACTIONTRAIL_ALLOWED_ORIGINS: 'https://shop.example, https://admin.example',
        ACTIONTRAIL_MAX_BODY: '512KiB',
        ACTIONTRAIL_RATE_LIMIT: 'off',
      },
    )
    expect(config).toMatchObject({
      port: 9000,
      dataDir: '/var/lib/actiontrail',
      allowedOrigins: ['https://shop.example', 'https://admin.example'],
      tokens: 'a,b:shop',
      retentionMs: 12 * 3_600_000,
      store: 'sqlite',
      maxBodyBytes: 512 * 1024,
      rateLimit: 0,
    })
  })

  it('names the flag or variable that is wrong', () => {
    expect(() => resolveConfig(['--port', 'http'], {})).toThrow(
      new ConfigError('--port: expected a port number from 0 to 65535, got "http"'),
    )
    expect(() => resolveConfig([], { ACTIONTRAIL_RETENTION: 'a month' })).toThrow(
      'ACTIONTRAIL_RETENTION: expected a duration like 30d, 12h or 90m (or off), got "a month"',
    )
    expect(() => resolveConfig(['--store', 'postgres'], {})).toThrow(
      '--store: expected duckdb, sqlite or clickhouse, got "postgres"',
    )
    expect(() => resolveConfig([], { ACTIONTRAIL_API_TOKEN: 'short' })).toThrow(
      'ACTIONTRAIL_API_TOKEN: expected a token of at least 16 characters',
    )
    expect(resolveConfig(['--api-token', 'a-long-enough-api-token'], {}).apiToken).toBe(
      'a-long-enough-api-token',
    )
    expect(() => resolveConfig(['--allowed-origins', 'shop.example'], {})).toThrow(
      /^--allowed-origins: allowed origin "shop.example" is not an origin/,
    )
    expect(() => resolveConfig(['--tokens', 'a:x,a:y'], {})).toThrow(
      '--tokens: token "a" is listed twice, for different applications',
    )
    expect(() => resolveConfig(['--prot', '1'], {})).toThrow(ConfigError)
  })

  it('parses durations and sizes', () => {
    expect(parseDuration('30d')).toBe(30 * 86_400_000)
    expect(parseDuration('90m')).toBe(90 * 60_000)
    expect(parseDuration('off')).toBe(0)
    expect(parseSize('1MiB')).toBe(1048576)
    expect(parseSize('64k')).toBe(65536)
    expect(parseSize('2048')).toBe(2048)
    expect(() => parseSize('1GB')).toThrow('expected a size like 1MiB')
  })
})
