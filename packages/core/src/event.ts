import type { TrackedAction } from './action'
import type {
  ActionEvent,
  Context,
  ErrorPayload,
  EventBase,
  TrackerErrorEvent,
  User,
  ViewContext,
} from './types'
import { uuid } from './uuid'

const isEmpty = (object: object) => Object.keys(object).length === 0

/** What every event shares: who, where and when. */
export interface EventScope {
  applicationId: string
  sessionId: string
  user: User | undefined
  globalContext: Context
}

function base(
  scope: EventScope,
  time: number,
  view: ViewContext,
): Omit<EventBase, 'id'> & { id: string } {
  return {
    id: uuid(),
    time,
    application: { id: scope.applicationId },
    session: { id: scope.sessionId },
    view,
    ...(scope.user && !isEmpty(scope.user) && { user: scope.user }),
    ...(!isEmpty(scope.globalContext) && { context: scope.globalContext }),
  }
}

/**
 * The wire form of a completed action, fields in the order of the README example; absent
 * optional fields are left out.
 */
export function toActionEvent(action: TrackedAction, scope: EventScope): ActionEvent {
  return {
    type: 'action',
    ...base(scope, action.startTime, action.view),
    action: {
      id: action.id,
      type: action.type,
      name: action.name,
      ...(action.nameSource && { name_source: action.nameSource }),
      start: action.startTime,
      ...(action.duration !== undefined && { duration: action.duration }),
      complete_reason: action.completeReason ?? 'completed',
      ...(action.interruptedBy && { interrupted_by: action.interruptedBy }),
      ...(action.target && { target: action.target }),
      counts: { ...action.counts },
      frustration: [...action.frustration],
      ...(!isEmpty(action.context) && { context: action.context }),
      ...(action.navigation && { navigation: action.navigation }),
      ...(action.form && { form: action.form }),
    },
  }
}

/** The wire form of an uncaught error, linked to the action active when it happened. */
export function toErrorEvent(
  error: ErrorPayload,
  action: TrackedAction | undefined,
  view: ViewContext,
  scope: EventScope,
): TrackerErrorEvent {
  return {
    type: 'error',
    ...base(scope, Date.now(), view),
    error,
    ...(action && { action: { id: action.id } }),
  }
}
