import { packageConfig } from '../../config/tsup'

// Two entries, so the browser entry never pulls in the Node server code.
export default packageConfig({
  index: 'src/index.ts',
  server: 'src/server/index.ts',
})
