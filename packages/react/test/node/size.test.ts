import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

/** The adapter's budget: what an app adds on top of React, react-router and the core. */
const BUDGET = 1536

/** Bundles `code` (imports of the built entries) as an app would, minified, and gzips it. */
async function gzippedSize(code: string): Promise<number> {
  const result = await build({
    stdin: { contents: code, resolveDir: fileURLToPath(new URL('../../dist', import.meta.url)) },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    external: ['react', 'react-router', '@actiontrail/core'],
  })
  return gzipSync(result.outputFiles[0]?.contents ?? new Uint8Array(), { level: 9 }).length
}

const app = (routerExports: string) => `
  import { ActiontrailProvider, useTracker, useUserAction } from './index.js'
  import { ${routerExports} } from './router.js'
  console.log(ActiontrailProvider, useTracker, useUserAction, ${routerExports})`

describe('size', () => {
  it('a data router app adds less than 1.5 KB min+gzip', async () => {
    expect(await gzippedSize(app('TrackedRouterProvider, useTrackedNavigate'))).toBeLessThan(BUDGET)
  })

  it('a declarative routes app adds less than 1.5 KB min+gzip', async () => {
    expect(await gzippedSize(app('TrackedRoutes, useTrackedNavigate'))).toBeLessThan(BUDGET)
  })
})
