export { ActiontrailProvider, type ActiontrailProviderProps } from './ActiontrailProvider'
export { useTracker } from './useTracker'
export { type UserActionHandle, type UserActionOptions, useUserAction } from './useUserAction'
