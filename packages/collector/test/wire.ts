import type { EventRow } from '../src/store'

/** A stored row back into the SDK's wire event. */
export function toWire(row: EventRow): Record<string, unknown> {
  const common = {
    type: row.type,
    id: row.id,
    time: row.time,
    application: { id: row.application_id },
    session: { id: row.session_id },
    view: {
      url: row.view_url,
      path: row.view_path,
      ...(row.view_route !== null && { route: row.view_route }),
      referrer: row.view_referrer,
    },
    ...(row.context !== null && { context: JSON.parse(row.context) }),
    ...(row.user !== null && { user: JSON.parse(row.user) }),
  }
  if (row.type === 'error')
    return {
      ...common,
      error: {
        message: row.error_message,
        type: row.error_type,
        stack: row.error_stack,
        source: row.error_source,
      },
      ...(row.error_action_id !== null && { action: { id: row.error_action_id } }),
    }
  const frustration = (['rage', 'dead', 'error_signal', 'abandon'] as const)
    .filter((flag) => row[flag])
    .map((flag) => (flag === 'error_signal' ? 'error' : flag))
  return {
    ...common,
    action: {
      id: row.action_id,
      type: row.action_type,
      name: row.action_name,
      name_source: row.name_source,
      start: row.action_start,
      duration: row.duration,
      complete_reason: row.complete_reason,
      interrupted_by: row.interrupted_by,
      ...(row.target_selector !== null && {
        target: { tag: row.target_tag, selector: row.target_selector },
      }),
      counts: {
        requests: row.requests,
        resources: row.resources,
        mutations: row.mutations,
        errors: row.errors,
        long_tasks: row.long_tasks,
      },
      frustration,
      ...(row.nav_method !== null && {
        navigation: {
          from: row.nav_from,
          to: row.nav_to,
          method: row.nav_method,
          ...(row.nav_failure !== null && { failure: row.nav_failure }),
        },
      }),
      ...(row.form_name !== null && {
        form: { name: row.form_name, interaction: row.form_interaction },
      }),
      ...(row.action_context !== null && { context: JSON.parse(row.action_context) }),
    },
  }
}
