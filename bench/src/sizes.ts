import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { build, type Metafile } from 'esbuild'
import checks from '../.size-limit.js'

const BENCH = fileURLToPath(new URL('..', import.meta.url))

export interface SizeFigure {
  name: string
  /** The size-limit budget (gzip), as written in `.size-limit.js`. */
  limit: string
  /** Why there are no figures (a package not built yet). */
  missing?: string
  minified?: number
  gzip?: number
  brotli?: number
}

export interface SizeFigures {
  entries: SizeFigure[]
  /**
   * Where the bytes of the automatic-tracking core come from: minified bytes per source module
   * (bundled from `packages/core/src`), largest first.
   */
  coreModules: { module: string; bytes: number }[]
  /**
   * Minified bytes of automatic detection (`detection/*`, `privacy.ts`) in the core: what an app
   * that records only its own actions still ships, because `createTracker` imports all of it.
   */
  detectionBytes: number
}

interface Check {
  name: string
  path: string
  limit: string
  ignore?: string[]
}

async function bundle(entry: string, external: string[] = []) {
  return build({
    entryPoints: [entry],
    absWorkingDir: BENCH,
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    external,
    metafile: true,
    write: false,
    logLevel: 'silent',
  })
}

/** The entry's own imports resolved to the core's sources instead of its build. */
async function coreModules(): Promise<SizeFigures['coreModules']> {
  const result = await build({
    stdin: {
      contents: "import { createTracker } from './index'\ncreateTracker({ applicationId: 'app' })",
      resolveDir: fileURLToPath(new URL('../../packages/core/src', import.meta.url)),
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    metafile: true,
    write: false,
    logLevel: 'silent',
  })
  const output = Object.values((result.metafile as Metafile).outputs)[0]
  return Object.entries(output?.inputs ?? {})
    .map(([path, { bytesInOutput }]) => ({
      module: path.replace(/^.*packages\/core\/src\//, ''),
      bytes: bytesInOutput,
    }))
    .filter((m) => m.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes)
}

/**
 * Bytes of each size-limit entry: what an app really ships, bundled by esbuild the way the
 * budget check bundles it, minified, then gzip (level 9) and brotli (quality 11) via node:zlib.
 */
export async function measureSizes(): Promise<SizeFigures> {
  const entries: SizeFigure[] = []
  for (const check of checks as Check[]) {
    const figure: SizeFigure = { name: check.name, limit: check.limit }
    entries.push(figure)
    try {
      const result = await bundle(check.path, check.ignore)
      const code = Buffer.from(result.outputFiles[0]?.contents ?? [])
      figure.minified = code.length
      figure.gzip = gzipSync(code, { level: 9 }).length
      figure.brotli = brotliCompressSync(code, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
      }).length
    } catch (error) {
      // An adapter whose package exists but is not built yet is reported, not measured.
      figure.missing = String(error).includes('Could not resolve') ? 'not built' : String(error)
    }
  }
  const modules = await coreModules()
  const detectionBytes = modules
    .filter((m) => m.module.startsWith('detection/') || m.module === 'privacy.ts')
    .reduce((sum, m) => sum + m.bytes, 0)
  return { entries, coreModules: modules, detectionBytes }
}
