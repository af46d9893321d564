/**
 * A ClickHouse HTTP interface client on Node's `fetch`: just what the store needs. Every value
 * that reaches SQL goes through `literal`, because the ClickHouse of Debian's packages (18.16)
 * has no query parameters.
 */

/** Where ClickHouse answers and as whom. */
export interface ClickhouseConnection {
  /** Base URL of the HTTP interface, e.g. `http://127.0.0.1:8123`. */
  url: string
  /** Database of the tables (created if missing). */
  database: string
  user?: string
  password?: string
  /** Longest wait for one request. Default 30 s. */
  timeoutMs?: number
}

/** ClickHouse refused a statement, or could not be reached. */
class ClickhouseError extends Error {
  override name = 'ClickhouseError'
}

/** A string or number as a ClickHouse literal: strings quoted with `\` and `'` escaped. */
export function literal(value: string | number): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`)
    return String(value)
  }
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

/** An identifier (database or table name): letters, digits and `_` only, so it needs no quoting. */
export function identifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw new Error(`"${name}": a ClickHouse name here is letters, digits and _ only`)
  return name
}

export interface Clickhouse {
  /** Runs a statement that returns nothing (DDL, ALTER, INSERT … SELECT). */
  exec(sql: string, settings?: Record<string, string | number>): Promise<void>
  /** Runs a SELECT and returns its rows (64-bit integers as numbers). */
  rows<T = Record<string, unknown>>(sql: string): Promise<T[]>
  /**
   * Sends rows as `JSONEachRow` into `table`. With `retry`, once more after a network error: for
   * tables where a row stored twice does no harm (events: read once, folded by merges).
   */
  insert(
    table: string,
    rows: readonly object[],
    settings?: Record<string, string | number>,
    retry?: boolean,
  ): Promise<void>
}

export function clickhouse(connection: ClickhouseConnection, database?: string): Clickhouse {
  const base = connection.url.replace(/\/+$/, '')
  const headers: Record<string, string> = {}
  if (connection.user !== undefined) headers['x-clickhouse-user'] = connection.user
  if (connection.password !== undefined) headers['x-clickhouse-key'] = connection.password

  const request = async (
    query: string,
    body: string | undefined,
    settings: Record<string, string | number>,
    retry: boolean,
  ): Promise<string> => {
    const params = new URLSearchParams({
      ...(database !== undefined && { database }),
      ...Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, String(v)])),
    })
    // Without a body the statement travels as the body; with one (INSERT data), in the URL.
    if (body !== undefined) params.set('query', query)
    const send = () =>
      fetch(`${base}/?${params}`, {
        method: 'POST',
        headers,
        body: body ?? query,
        signal: AbortSignal.timeout(connection.timeoutMs ?? 30_000),
      })
    let response: Response
    try {
      // Once more on a network error: a kept-alive connection may have just been closed by the
      // server (a statement may also have run before the connection broke: hence `retry`).
      response = await send().catch((error: Error) => {
        if (!retry || error.name === 'TimeoutError') throw error
        return send()
      })
    } catch (error) {
      const cause = (error as { cause?: Error }).cause
      throw new ClickhouseError(
        `ClickHouse at ${base} cannot be reached: ${(error as Error).message}${cause ? ` (${cause.message})` : ''}`,
      )
    }
    const text = await response.text()
    if (!response.ok)
      throw new ClickhouseError(`ClickHouse answered ${response.status}: ${text.trim()}`)
    return text
  }

  return {
    async exec(sql, settings = {}) {
      await request(sql, undefined, settings, true)
    },
    async rows<T>(sql: string) {
      const text = await request(
        `${sql} FORMAT JSON`,
        undefined,
        {
          output_format_json_quote_64bit_integers: 0,
        },
        true,
      )
      return (JSON.parse(text) as { data: T[] }).data
    },
    async insert(table, rows, settings = {}, retry = false) {
      if (rows.length === 0) return
      const body = rows.map((row) => JSON.stringify(row)).join('\n')
      await request(`INSERT INTO ${identifier(table)} FORMAT JSONEachRow`, body, settings, retry)
    },
  }
}
