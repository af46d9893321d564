import type { CartLine } from './cart'
import type { Product } from './products'

/** What `POST /api/orders` answers. */
export interface PlacedOrder {
  orderId: string
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.url} answered ${response.status}`)
  return (await response.json()) as T
}

/** Every product, from `GET /api/products`. */
export async function fetchProducts(): Promise<Product[]> {
  return json(await fetch('/api/products'))
}

/** One product from `GET /api/products/:id`, or `undefined` when the shop has no such product. */
export async function fetchProduct(id: number | string): Promise<Product | undefined> {
  const response = await fetch(`/api/products/${encodeURIComponent(id)}`)
  if (response.status === 404) return undefined
  return json(response)
}

/** Places an order for the cart's lines with `POST /api/orders`. */
export async function placeOrder(lines: readonly CartLine[]): Promise<PlacedOrder> {
  const items = lines.map(({ id, quantity }) => ({ id, quantity }))
  const response = await fetch('/api/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ items }),
  })
  return json(response)
}
