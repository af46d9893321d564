import type { TrackedAction } from './action'
import type { ActionEvent, Context, User } from './types'
import { uuid } from './uuid'

const isEmpty = (object: object) => Object.keys(object).length === 0

/**
 * The wire form of a completed action, fields in the order of the README example; absent
 * optional fields are left out.
 */
export function toActionEvent(
  action: TrackedAction,
  applicationId: string,
  sessionId: string,
  user: User | undefined,
  globalContext: Context,
): ActionEvent {
  return {
    type: 'action',
    id: uuid(),
    time: action.startTime,
    application: { id: applicationId },
    session: { id: sessionId },
    view: action.view,
    ...(user && !isEmpty(user) && { user }),
    ...(!isEmpty(globalContext) && { context: globalContext }),
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
    },
  }
}
