import { defineConfig } from 'tsup'

/**
 * The one build shape of every published package: ESM + CJS + type declarations for each entry
 * (`{ index: 'src/index.ts', shims: 'src/shims/index.ts' }` gives `dist/index.*` and
 * `dist/shims.*`), targeting the browsers the tracker supports. Entries share chunks in both
 * formats, so a page that loads two entries runs one copy of the shared code.
 */
export function packageConfig(entry: Record<string, string>) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    splitting: true,
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2020',
  })
}
