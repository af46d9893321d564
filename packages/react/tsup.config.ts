import { packageConfig } from '../../config/tsup'

export default packageConfig({
  index: 'src/index.ts',
  router: 'src/router/index.ts',
})
