#!/usr/bin/env node
import { version } from '../package.json'
import { type CollectorConfig, ConfigError, HELP, resolveConfig } from './server/config'
import { createCollectorServer } from './server/index'
import { createSharedRecords } from './store/clickhouse/records'
import { createStore } from './store/index'

const print = (line = '') => process.stdout.write(`${line}\n`)
const warn = (line: string) => process.stderr.write(`actiontrail-collector: ${line}\n`)

function describeRetention(ms: number): string {
  if (!ms) return 'off (events are kept for ever)'
  const days = ms / 86_400_000
  return Number.isInteger(days) ? `${days} days` : `${Math.round(ms / 60_000)} minutes`
}

async function main(): Promise<number> {
  let config: CollectorConfig
  try {
    config = resolveConfig(process.argv.slice(2), process.env)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    warn(`${error.message}\nRun actiontrail-collector --help for the options.`)
    return 2
  }
  if (config.help) {
    print(HELP)
    return 0
  }
  if (config.version) {
    print(version)
    return 0
  }

  const store = await createStore(config.store, config.dataDir, config.clickhouse)
  // With ClickHouse, the side records live there too: collectors keep nothing of their own.
  const shared = config.clickhouse && createSharedRecords(config.clickhouse)
  const collector = await createCollectorServer({
    store,
    ...(shared ? { shared } : { dataDir: config.dataDir }),
    tokens: config.tokens,
    ...(config.apiToken && { apiToken: config.apiToken }),
    allowedOrigins: config.allowedOrigins,
    limits: { maxBodyBytes: config.maxBodyBytes },
    rateLimit: config.rateLimit
      ? { eventsPerSecond: config.rateLimit, burst: config.rateBurst }
      : false,
    retentionMs: config.retentionMs,
    alerts: {
      evaluateEveryMs: config.alertIntervalMs,
      ...(config.publicUrl && { publicUrl: config.publicUrl }),
    },
    log: warn,
  })
  let address: Awaited<ReturnType<typeof collector.listen>>
  try {
    address = await collector.listen(config.port, config.host)
  } catch (error) {
    warn(`cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`)
    await collector.close()
    return 1
  }

  const wildcard = ['0.0.0.0', '::', '[::]'].includes(config.host)
  const base = wildcard ? `http://localhost:${address.port}` : address.url
  const tokens = config.tokens.split(',').filter((t) => t.trim()).length
  const line = (label: string, text: string) => print(`  ${label.padEnd(10)} ${text}`)
  print(`Actiontrail collector ${version} listening on ${address.url}`)
  line('events', `POST ${base}/v1/events?token=<client token>`)
  line('OTLP logs', `POST ${base}/v1/logs`)
  line('health', `GET  ${base}/healthz`)
  line(
    'query API',
    `GET  ${base}/api/… (${config.apiToken ? 'Authorization: Bearer <api token>' : 'this machine only: no --api-token'})`,
  )
  const clickhouse = config.clickhouse
  line(
    'store',
    clickhouse
      ? `clickhouse at ${clickhouse.url}, database ${clickhouse.database}${clickhouse.cluster ? `, cluster ${clickhouse.cluster}` : ''}`
      : `${config.store} in ${config.dataDir}`,
  )
  line('origins', config.allowedOrigins.join(', '))
  line('tokens', tokens ? `${tokens} configured` : 'none: every request is accepted (set --tokens)')
  line('retention', describeRetention(config.retentionMs))
  if (!tokens) warn('no --tokens given: any client may send events.')

  return new Promise<number>((resolve) => {
    let stopping = false
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        warn(`${signal} again: exiting without waiting`)
        process.exit(1)
      }
      stopping = true
      print(`${signal}: finishing requests in progress, then closing the store...`)
      collector.close().then(
        () => {
          print('stopped')
          resolve(0)
        },
        (error: Error) => {
          warn(`shutdown failed: ${error.message}`)
          resolve(1)
        },
      )
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (error: Error) => {
    warn(error.stack ?? error.message)
    process.exitCode = 1
  },
)
