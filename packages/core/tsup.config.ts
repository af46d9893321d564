import { packageConfig } from '../../config/tsup'

export default packageConfig({
  index: 'src/index.ts',
  shims: 'src/shims/index.ts',
  otlp: 'src/otlp/index.ts',
})
