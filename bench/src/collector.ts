import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** One figure of the collector's store benchmark, as it writes them. */
export interface StoreFigure {
  value: number
  unit: string
}

export interface CollectorFigures {
  events: number
  /** Per store (`sqlite`, `duckdb`, and whatever else the store bench reports): its figures. */
  stores: Record<string, Record<string, StoreFigure>>
}

/**
 * Runs the collector's own store benchmark (`pnpm --filter @actiontrail/collector bench`) on
 * `events` generated events, for `stores` (its `--store` list; its own default without), and
 * reads the figures it writes with `--json`. Its progress goes to stderr as it runs.
 */
export async function measureCollector(events: number, stores?: string): Promise<CollectorFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'actiontrail-bench-collector-'))
  const file = join(dir, 'stores.json')
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(
        'pnpm',
        [
          ...['--filter', '@actiontrail/collector', 'run', 'bench', String(events)],
          ...['--json', file, ...(stores ? ['--store', stores] : [])],
        ],
        { stdio: ['ignore', 'ignore', 'inherit'] },
      )
      child.on('error', reject)
      child.on('exit', resolve)
    })
    if (code !== 0) throw new Error(`the collector's store benchmark exited with ${code}`)
    return JSON.parse(readFileSync(file, 'utf8')) as CollectorFigures
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
