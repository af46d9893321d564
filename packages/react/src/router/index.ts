export { TrackedRouterProvider } from './TrackedRouterProvider'
export { TrackedRoutes } from './TrackedRoutes'
export { useTrackedNavigate } from './useTrackedNavigate'
