import type {
  ActionEvent,
  ActionType,
  CompleteReason,
  FrustrationType,
  Tracker,
  UserAction,
} from '@actiontrail/core'

/** What the recent-actions panel knows about one ended action. */
export interface RecentAction {
  id: string
  type: ActionType
  name: string
  /** Milliseconds, absent when the page showed no activity. */
  duration?: number
  reason: CompleteReason
  frustration: FrustrationType[]
}

/** One line of the panel, ready to render as `<li data-type="{type}">{text}</li>`. */
export interface RecentActionLine {
  /** The action's id: a stable key for the framework's list rendering. */
  id: string
  type: ActionType
  text: string
}

/** What the panel shows of an action event, as the tracker emitted it. */
export function recentActionOf({ action }: ActionEvent): RecentAction {
  return {
    id: action.id,
    type: action.type,
    name: action.name,
    duration: action.duration,
    reason: action.complete_reason,
    frustration: [...action.frustration],
  }
}

/** How many lines the panel shows. */
const PANEL_SIZE = 12

/** The panel's line: `click · Add to cart · 312 ms · completed · rage, dead`. */
export function describeAction(action: RecentAction): string {
  const parts = [
    action.type,
    action.name || '(no name)',
    action.duration === undefined ? '—' : `${Math.round(action.duration)} ms`,
    action.reason,
  ]
  if (action.frustration.length > 0) parts.push(action.frustration.join(', '))
  return parts.join(' · ')
}

/**
 * Keeps the last ended actions, newest first, and hands their lines to `onChange` after every
 * change. An action is listed as soon as it ends (its `subscribe` callback); the event the
 * tracker emits for it then fills in what only the event knows: the frustration signals (a click
 * gets them after its rage-click window) and the exact duration of an action closed by
 * `finish()`. Returns a function that stops watching.
 */
export function watchRecentActions(
  tracker: Tracker,
  onChange: (lines: RecentActionLine[]) => void,
): () => void {
  const recent: RecentAction[] = []
  let watching = true

  const publish = () =>
    onChange(
      recent.map((action) => ({ id: action.id, type: action.type, text: describeAction(action) })),
    )

  const follow = (action: UserAction) =>
    action.subscribe(({ closed, reason, lastActivity }) => {
      if (!closed || !watching) return
      recent.unshift({
        id: action.id,
        type: action.type,
        name: action.name,
        duration: lastActivity === undefined ? undefined : lastActivity - action.startTime,
        reason,
        frustration: [],
      })
      recent.splice(PANEL_SIZE)
      publish()
    })

  // The page-load navigation began before this function was called.
  if (tracker.current) follow(tracker.current)
  const stopFollowing = tracker.subscribe(follow)

  const stopCompleting = tracker.addEventModifier((event) => {
    if (event.type !== 'action') return
    const listed = recent.findIndex((action) => action.id === event.action.id)
    if (listed === -1) return
    recent[listed] = recentActionOf(event)
    publish()
  })

  return () => {
    watching = false
    stopFollowing()
    stopCompleting()
  }
}
