import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * ClickHouse servers for the tests and the bench: each started from a config in a temporary
 * folder, on loopback ports, and stopped by its process id. `CLICKHOUSE_SERVER` names the
 * program; by default Debian's `clickhouse-server`, else the official single `clickhouse`
 * binary (`clickhouse server`).
 */

export interface ClickhouseProcess {
  /** HTTP interface, e.g. `http://127.0.0.1:41234`. */
  url: string
  httpPort: number
  tcpPort: number
  dir: string
  /** Starts it again after `stop` (same folder, same data, same ports). */
  start(): Promise<void>
  /** Stops it (SIGTERM, SIGKILL after 10 s) and waits for the process to exit. */
  stop(): Promise<void>
  /** Stops it and deletes its folder. */
  dispose(): Promise<void>
}

/** The command that runs a ClickHouse server, or undefined when none is installed. */
export function clickhouseCommand(): string[] | undefined {
  const named = process.env.CLICKHOUSE_SERVER
  if (named) return named.split(' ')
  const found = (name: string) =>
    spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim()
  if (existsSync('/usr/sbin/clickhouse-server')) return ['/usr/sbin/clickhouse-server']
  const server = found('clickhouse-server')
  if (server) return [server]
  const single = found('clickhouse')
  return single ? [single, 'server'] : undefined
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

interface Ports {
  http: number
  tcp: number
  interserver: number
}

/** A server's config: its own ports and folders, a passwordless `default` user on loopback. */
function configXml(dir: string, ports: Ports, cluster?: { name: string; shards: Ports[] }): string {
  const shards = cluster?.shards
    .map(
      (shard) =>
        `<shard><replica><host>127.0.0.1</host><port>${shard.tcp}</port></replica></shard>`,
    )
    .join('')
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/error.log</errorlog></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${ports.http}</http_port>
  <tcp_port>${ports.tcp}</tcp_port>
  <interserver_http_port>${ports.interserver}</interserver_http_port>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/data/tmp/</tmp_path>
  <user_files_path>${dir}/data/user_files/</user_files_path>
  <format_schema_path>${dir}/data/format_schemas/</format_schema_path>
  <mark_cache_size>67108864</mark_cache_size>
  <uncompressed_cache_size>67108864</uncompressed_cache_size>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <profiles><default></default></profiles>
  <quotas><default></default></quotas>
  ${cluster ? `<remote_servers><${cluster.name}>${shards}</${cluster.name}></remote_servers>` : ''}
</yandex>
`
}

async function waitUntilUp(url: string, child: ChildProcess, dir: string): Promise<void> {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`ClickHouse exited with code ${child.exitCode}; see ${dir}/error.log`)
    try {
      const response = await fetch(`${url}/ping`)
      if (response.ok) return
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`ClickHouse did not answer at ${url} within 60 s`)
}

function launch(ports: Ports, dir: string): ClickhouseProcess {
  const command = clickhouseCommand()
  if (!command)
    throw new Error(
      'No ClickHouse server installed: run `bash scripts/setup.sh --browser` as root, or apt-get install clickhouse-server, or set CLICKHOUSE_SERVER.',
    )
  const url = `http://127.0.0.1:${ports.http}`
  let child: ChildProcess | undefined
  const handle: ClickhouseProcess = {
    url,
    httpPort: ports.http,
    tcpPort: ports.tcp,
    dir,
    async start() {
      if (child && child.exitCode === null && child.signalCode === null) return
      const [program, ...args] = command as [string, ...string[]]
      child = spawn(program, [...args, `--config-file=${join(dir, 'config.xml')}`], {
        stdio: 'ignore',
      })
      await waitUntilUp(url, child, dir)
    },
    async stop() {
      const running = child
      if (!running || running.exitCode !== null || running.signalCode !== null) return
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()))
      running.kill('SIGTERM')
      const timer = setTimeout(() => running.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    },
    async dispose() {
      await handle.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
  return handle
}

/** Starts one ClickHouse server. */
export async function startClickhouse(): Promise<ClickhouseProcess> {
  const [clusterOf] = await startClickhouseCluster(1)
  return clusterOf as ClickhouseProcess
}

/**
 * Starts `count` ClickHouse servers that each know the others as the shards of cluster `name`
 * (one replica per shard), for `Distributed` tables.
 */
export async function startClickhouseCluster(
  count: number,
  name = 'actiontrail',
): Promise<ClickhouseProcess[]> {
  const ports: Ports[] = []
  for (let i = 0; i < count; i++)
    ports.push({ http: await freePort(), tcp: await freePort(), interserver: await freePort() })
  const servers = ports.map((own) => {
    const dir = mkdtempSync(join(tmpdir(), 'actiontrail-clickhouse-'))
    mkdirSync(join(dir, 'data'), { recursive: true })
    writeFileSync(join(dir, 'config.xml'), configXml(dir, own, { name, shards: ports }))
    return launch(own, dir)
  })
  try {
    await Promise.all(servers.map((server) => server.start()))
  } catch (error) {
    await Promise.all(servers.map((server) => server.dispose()))
    throw error
  }
  return servers
}
