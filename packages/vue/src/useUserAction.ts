import {
  createUserActionHandle,
  type UserActionHandle,
  type UserActionOptions,
} from '@actiontrail/core'
import { getCurrentScope, type MaybeRefOrGetter, onScopeDispose, shallowRef, toValue } from 'vue'
import { useTracker } from './useTracker'

export type { UserActionHandle, UserActionOptions }

/**
 * A named action bound to the component (or effect scope) that calls it, such as a checkout:
 * `start()` it when the flow begins, `finish()` it when it succeeds. `action` is reactive: a
 * template, `computed` or `watch` that reads it follows its start and its end. An action still
 * open when the scope is disposed (the component unmounts) is finished.
 */
export function useUserAction(
  name: MaybeRefOrGetter<string>,
  options: UserActionOptions = {},
): UserActionHandle {
  const tracker = useTracker()
  const changes = shallowRef(0)
  const handle = createUserActionHandle(
    () => ({ tracker, name: toValue(name), options }),
    () => {
      changes.value++
    },
  )
  if (getCurrentScope()) onScopeDispose(() => handle.finish())
  return {
    start: handle.start,
    finish: handle.finish,
    get action() {
      void changes.value // the dependency that makes readers follow the action
      return handle.action
    },
  }
}
