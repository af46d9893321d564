// Size budgets (minified + gzipped), checked by `npm test` and measured by `pnpm bench`, to
// catch regressions: the core's and the shims' sit a little above their size when they were set,
// the adapters' a little above the 1.5 kB goal of issue #9. The goals are in bench/README.md.
import { readFileSync } from 'node:fs'

/** An adapter counts only its own code: its framework, its router and the core are the app's. */
function adapter(name, framework, limit) {
  const manifest = JSON.parse(
    readFileSync(new URL(`../packages/${name}/package.json`, import.meta.url), 'utf8'),
  )
  const dependencies = ['dependencies', 'peerDependencies', 'devDependencies'].flatMap((field) =>
    Object.keys(manifest[field] ?? {}),
  )
  return {
    name: `@actiontrail/${name} without ${framework}`,
    path: `entries/${name}.js`,
    ignore: dependencies,
    limit,
    gzip: true,
  }
}

export default [
  {
    name: '@actiontrail/core, automatic tracking',
    path: 'entries/core-automatic.js',
    limit: '15 kB',
    gzip: true,
  },
  {
    name: '@actiontrail/core, custom actions only',
    path: 'entries/core-custom.js',
    limit: '15 kB',
    gzip: true,
  },
  {
    name: '@actiontrail/core/shims',
    path: 'entries/shims.js',
    limit: '17.5 kB',
    gzip: true,
  },
  adapter('react', 'React', '1.6 kB'),
  adapter('vue', 'Vue', '1.6 kB'),
  adapter('angular', 'Angular', '1.6 kB'),
]
