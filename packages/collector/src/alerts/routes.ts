import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ApiContext, ApiRoute, RouteParams } from '../server/api'
import { HttpError, mediaType, parseJson, readBody, sendJson } from '../server/http'
import { parseRule, RuleError } from './rules'
import type { AlertService } from './service'

const MAX_RULE_BODY = 64 * 1024

function serviceOf(context: ApiContext): AlertService {
  if (!context.alerts) throw new HttpError(404, 'alerts are not enabled on this collector')
  return context.alerts
}

/** The rule in a request body; 400 naming the field. */
async function ruleBody(request: IncomingMessage): Promise<unknown> {
  const type = mediaType(request)
  if (type !== '' && type !== 'application/json')
    throw new HttpError(
      415,
      `Content-Type "${type}" is not supported: send the rule as application/json`,
    )
  return parseJson(await readBody(request, MAX_RULE_BODY))
}

function parse(input: unknown, base?: Parameters<typeof parseRule>[1]) {
  try {
    return parseRule(input, base)
  } catch (error) {
    if (error instanceof RuleError) throw new HttpError(400, error.message)
    throw error
  }
}

const noRule = (id: string) => new HttpError(404, `no alert rule ${JSON.stringify(id)}`)

type Handler = (
  service: AlertService,
  request: IncomingMessage,
  url: URL,
  params: RouteParams,
) => Promise<[number, unknown]>

const route = (method: ApiRoute['method'], path: string, handler: Handler): ApiRoute => ({
  method,
  path,
  async handle(context, request, response: ServerResponse, url, params) {
    const service = serviceOf(context)
    // Collectors sharing a store (ClickHouse) may have changed the rules since.
    await service.refresh()
    const [status, body] = await handler(service, request, url, params)
    sendJson(response, status, body)
  },
})

/** `/api/alerts…`: alert rules, their state and history. */
export const alertRoutes: ApiRoute[] = [
  route('GET', 'alerts', async (service, _request, url) => {
    const apps = url.searchParams.getAll('app')
    if (apps.length > 1) throw new HttpError(400, `app: given ${apps.length} times; give it once`)
    const app = apps[0] || undefined
    return [200, { ...(app !== undefined && { app }), rules: service.list(app) }]
  }),
  route('POST', 'alerts', async (service, request) => [
    201,
    await service.create(parse(await ruleBody(request))),
  ]),
  route('GET', 'alerts/:id', async (service, _request, _url, params) => {
    const rule = service.get(params.id as string)
    if (!rule) throw noRule(params.id as string)
    return [200, rule]
  }),
  route('PUT', 'alerts/:id', async (service, request, _url, params) => {
    const id = params.id as string
    const old = service.get(id)
    if (!old) throw noRule(id)
    const input = parse(await ruleBody(request), old)
    const rule = await service.update(id, input)
    if (!rule) throw noRule(id)
    return [200, rule]
  }),
  route('DELETE', 'alerts/:id', async (service, _request, _url, params) => {
    const id = params.id as string
    if (!(await service.remove(id))) throw noRule(id)
    return [200, { deleted: id }]
  }),
  route('GET', 'alerts/:id/history', async (service, _request, _url, params) => {
    const id = params.id as string
    const history = service.historyOf(id)
    if (!history) throw noRule(id)
    return [200, { id, history }]
  }),
]
