/**
 * Reads the collector's query API (same origin). With an API token configured on the collector,
 * the first 401 asks for it; it is kept in sessionStorage and sent as `Authorization: Bearer`.
 */
const TOKEN_KEY = 'actiontrail.apiToken'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

export function apiToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY)
}
export function setApiToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token)
  else sessionStorage.removeItem(TOKEN_KEY)
}

export async function api<T>(
  route: string,
  params: Record<string, string | number | undefined>,
  init: { method?: 'GET' | 'POST' | 'DELETE'; body?: unknown } = {},
): Promise<T> {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) query.set(key, String(value))
  const token = apiToken()
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {}
  if (init.body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`/api/${route}?${query}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
  })
  const body = (await response.json().catch(() => ({}))) as T & { error?: string }
  if (!response.ok) throw new ApiError(response.status, body.error ?? `HTTP ${response.status}`)
  return body
}

// Answers of the query API (see the collector's README).
export interface Scoped {
  app: string
  from: number
  to: number
}
// The answers' shapes are the store's own (type-only: nothing of the server is bundled).
export type {
  DistributionEntry,
  FlowEdge,
  FrustrationCounts,
  FunnelSegment,
  FunnelStep,
  OverviewBucket,
  SessionSummary,
  TimingStat,
  TopAction,
} from '../../src/store/types'

export interface TimelineEvent {
  id: string
  type: 'action' | 'error'
  time: number
  action_type: string | null
  action_name: string | null
  view_path: string
  view_route: string | null
  duration: number | null
  rage: boolean
  dead: boolean
  error_signal: boolean
  abandon: boolean
  error_message: string | null
  error_type: string | null
  target_selector: string | null
  browser: string | null
  os: string | null
  device: string | null
  user_id: string | null
}

export interface AlertRule {
  id: string
  name: string
  applicationId: string
  metric: string
  filter: { actionName?: string; route?: string; type?: string }
  comparator: 'above' | 'below'
  threshold: number
  windowMs: number
  webhookUrl: string
  createdAt: number
  updatedAt: number
  status: {
    state: 'ok' | 'firing'
    value: number | null
    lastEvaluatedAt: number | null
    since: number | null
    error?: string
  }
}
export interface AlertHistoryEntry {
  at: number
  state: 'firing' | 'resolved'
  value: number | null
  threshold: number
  comparator: 'above' | 'below'
  metric: string
  windowMs: number
  delivery: { status: string; attempts: number; httpStatus?: number; error?: string }
}
