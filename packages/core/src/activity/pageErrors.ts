import { listen } from '../detection/dom'
import { truncate } from '../truncate'
import type { ErrorPayload } from '../types'

const MESSAGE_LIMIT = 1000
const STACK_LIMIT = 3000

/** Calls `onError` for each uncaught error and unhandled promise rejection on the page. */
export function observePageErrors(onError: (error: ErrorPayload) => void): () => void {
  const onUncaught = (event: ErrorEvent) => onError(describe(event.error, event, 'error'))
  const onRejection = (event: PromiseRejectionEvent) =>
    onError(describe(event.reason, undefined, 'unhandledrejection'))
  return listen({ error: onUncaught, unhandledrejection: onRejection }, window, {})
}

function describe(
  thrown: unknown,
  event: ErrorEvent | undefined,
  source: ErrorPayload['source'],
): ErrorPayload {
  if (thrown instanceof Error) {
    return {
      message: truncate(thrown.message, MESSAGE_LIMIT),
      type: thrown.name,
      ...(thrown.stack && { stack: truncate(thrown.stack, STACK_LIMIT) }),
      source,
    }
  }
  // A script from another origin reports only "Script error."; a rejection can carry anything.
  const message = event ? event.message : textOf(thrown)
  const at = event?.filename ? `at ${event.filename}:${event.lineno}:${event.colno}` : undefined
  return {
    message: truncate(message || 'Unknown error', MESSAGE_LIMIT),
    type: event ? 'Error' : 'UnhandledRejection',
    ...(at && { stack: at }),
    source,
  }
}

function textOf(value: unknown): string {
  if (value === undefined || value === null) return ''
  try {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))
  } catch {
    return Object.prototype.toString.call(value)
  }
}
