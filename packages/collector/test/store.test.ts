import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createStore, percentile } from '../src/store'
import { describeStore } from './storeSuite'

describe('percentile (the definition both stores follow)', () => {
  it('interpolates linearly between the closest ranks', () => {
    expect(percentile([100, 200, 300, 400], 0.5)).toBe(250)
    expect(percentile([100, 120, 130, 150, 250, 400], 0.75)).toBe(225)
    expect(percentile([600], 0.95)).toBe(600)
    expect(percentile([], 0.5)).toBeNull()
  })
})

for (const kind of ['sqlite', 'duckdb'] as const) {
  describeStore(kind, async () => {
    const dir = mkdtempSync(join(tmpdir(), `actiontrail-${kind}-`))
    return {
      store: await createStore(kind, dir),
      reopen: () => createStore(kind, dir),
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    }
  })
}
