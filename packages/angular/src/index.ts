export { ActionTracker } from './actionTracker'
export { injectUserAction, type UserActionHandle, type UserActionOptions } from './injectUserAction'
export { type ActiontrailConfig, provideActiontrail } from './provideActiontrail'
