import type { ActionType, Context, Tracker } from '../types'

/**
 * Records an instant action, as `tracker.addAction` does. One that waited in the queue for a
 * tracker (`queuedAt` set) keeps the time it was asked for, not the time it was replayed.
 */
export function addActionAt(
  tracker: Tracker,
  queuedAt: number | undefined,
  name: unknown,
  context: unknown,
  type?: unknown,
): void {
  const options = type === undefined ? undefined : { type: type as ActionType }
  const add = () => tracker.addAction(name as string, context as Context, options)
  if (queuedAt === undefined) {
    add()
    return
  }
  // The event is built and passed through the modifiers while addAction runs.
  const remove = tracker.addEventModifier((event) => {
    if (event.type !== 'action') return
    event.time = queuedAt
    event.action.start = queuedAt
  })
  try {
    add()
  } finally {
    if (typeof remove === 'function') remove()
  }
}
