import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { handleShopApi } from '../src/server/handler'

let server: Server
let base: string

beforeAll(async () => {
  // What the journey's server does: the shop API first, everything else is someone else's.
  server = createServer((req, res) => {
    if (!handleShopApi(req, res)) res.writeHead(418).end('not the shop API')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const order = (body: string) =>
  fetch(`${base}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  })

describe('handleShopApi on a real HTTP server', () => {
  it('lists the five products, Trail Runner first, after a backend-like delay', async () => {
    const started = performance.now()
    const response = await fetch(`${base}/api/products`)
    expect(performance.now() - started).toBeGreaterThanOrEqual(140)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json')
    const list = (await response.json()) as { id: number; name: string }[]
    expect(list.map((p) => p.id)).toEqual([1, 2, 3, 4, 5])
    expect(list[0]).toMatchObject({ id: 1, name: 'Trail Runner' })
    for (const product of list)
      expect(product).toEqual({
        id: expect.any(Number),
        name: expect.any(String),
        price: expect.any(Number),
        description: expect.any(String),
      })
  })

  it('answers one product by id', async () => {
    const response = await fetch(`${base}/api/products/3`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ id: 3 })
  })

  it.each(['6', '0', 'trail-runner', '1.0'])(
    'answers 404 for the unknown product %s',
    async (id) => {
      const response = await fetch(`${base}/api/products/${id}`)
      expect(response.status).toBe(404)
    },
  )

  it('places an order and answers its id', async () => {
    const response = await order(JSON.stringify({ items: [{ id: 1, quantity: 2 }] }))
    expect(response.status).toBe(201)
    const { orderId } = (await response.json()) as { orderId: string }
    expect(orderId).toMatch(/^[0-9A-F]{8}$/)
    const again = (await (await order('{"items":[{"id":5,"quantity":1}]}')).json()) as {
      orderId: string
    }
    expect(again.orderId).not.toBe(orderId)
  })

  it.each([
    ['no JSON', 'not json'],
    ['no items', '{}'],
    ['an empty order', '{"items":[]}'],
    ['an unknown product', '{"items":[{"id":9,"quantity":1}]}'],
    ['a product id as text', '{"items":[{"id":"1","quantity":1}]}'],
    ['a zero quantity', '{"items":[{"id":1,"quantity":0}]}'],
    ['a fractional quantity', '{"items":[{"id":1,"quantity":1.5}]}'],
    ['null', 'null'],
  ])('refuses an order with %s (400)', async (_, body) => {
    expect((await order(body)).status).toBe(400)
  })

  it('refuses an order body that is too large (413)', async () => {
    const items = Array.from({ length: 2000 }, () => ({ id: 1, quantity: 1 }))
    expect((await order(JSON.stringify({ items }))).status).toBe(413)
  })

  it('answers 404 for other shop API paths and methods', async () => {
    expect((await fetch(`${base}/api/nothing`)).status).toBe(404)
    expect((await fetch(`${base}/api/orders`)).status).toBe(404)
    expect((await fetch(`${base}/api/products`, { method: 'DELETE' })).status).toBe(404)
  })

  it('leaves every other URL to the caller', async () => {
    for (const path of ['/', '/products/1', '/apis', '/v1/events', '/api-docs']) {
      const response = await fetch(`${base}${path}`)
      expect(response.status, path).toBe(418)
      expect(await response.text()).toBe('not the shop API')
    }
  })
})
