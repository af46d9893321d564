import type { IncomingMessage, ServerResponse } from 'node:http'
import { findProduct, products } from '../products'

/** How long the fake backend takes, so the actions that wait for it have something to measure. */
const PRODUCTS_DELAY_MS = 150
const ORDER_DELAY_MS = 250
/** An order is a short JSON list; anything longer is refused rather than buffered. */
const MAX_BODY_BYTES = 16 * 1024

function send(res: ServerResponse, status: number, body: unknown, delay = 0): void {
  setTimeout(() => {
    if (res.writableEnded || res.destroyed) return
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    res.end(JSON.stringify(body))
  }, delay)
}

/** The order's items when they name known products in positive whole quantities. */
function orderItems(body: string): { id: number; quantity: number }[] | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return undefined
  }
  const items = (parsed as { items?: unknown } | null)?.items
  if (!Array.isArray(items) || items.length === 0) return undefined
  const valid = items.every(
    (item) =>
      typeof item === 'object' &&
      item !== null &&
      Number.isInteger(item.id) &&
      findProduct(item.id) !== undefined &&
      Number.isInteger(item.quantity) &&
      item.quantity > 0,
  )
  return valid ? items : undefined
}

function receiveOrder(req: IncomingMessage, res: ServerResponse): void {
  let body = ''
  let tooLarge = false
  req.setEncoding('utf8')
  req.on('data', (chunk: string) => {
    body += chunk
    if (body.length > MAX_BODY_BYTES && !tooLarge) {
      tooLarge = true
      send(res, 413, { error: 'The order is too large.' })
    }
  })
  req.on('end', () => {
    if (tooLarge) return
    if (!orderItems(body)) {
      send(res, 400, { error: 'Expected { "items": [{ "id": <product id>, "quantity": <n> }] }.' })
      return
    }
    const orderId = crypto.randomUUID().slice(0, 8).toUpperCase()
    send(res, 201, { orderId }, ORDER_DELAY_MS)
  })
  req.on('error', () => res.destroy())
}

/**
 * The demo shop's backend for any Node HTTP server: `GET /api/products`, `GET /api/products/:id`
 * and `POST /api/orders`, with a short delay like a real backend. Returns `false` for every
 * other URL, so the caller can serve it.
 */
export function handleShopApi(req: IncomingMessage, res: ServerResponse): boolean {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost')
  if (pathname !== '/api' && !pathname.startsWith('/api/')) return false

  const product = /^\/api\/products\/([^/]+)$/.exec(pathname)
  if (pathname === '/api/products' && req.method === 'GET') {
    send(res, 200, products, PRODUCTS_DELAY_MS)
  } else if (product && req.method === 'GET') {
    const found = findProduct(product[1] as string)
    send(res, found ? 200 : 404, found ?? { error: 'No such product.' }, PRODUCTS_DELAY_MS)
  } else if (pathname === '/api/orders' && req.method === 'POST') {
    receiveOrder(req, res)
  } else {
    send(res, 404, { error: `No ${req.method} ${pathname} in the shop API.` })
  }
  return true
}
