import { defineConfig } from 'tsup'

/**
 * The one build shape of every published package: ESM + CJS + type declarations for each entry,
 * targeting the browsers the tracker supports.
 */
export function packageConfig(entry: string[]) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2020',
  })
}
