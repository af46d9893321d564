import type { Options } from 'tsup'
import { packageConfig } from '../../config/tsup'

// Shims: `import.meta.url` in the CJS build (src/server/static.ts finds dist/dashboard with it).
const config: Options = {
  ...(packageConfig({ index: 'src/index.ts', cli: 'src/cli.ts' }) as Options),
  shims: true,
}

export default config
