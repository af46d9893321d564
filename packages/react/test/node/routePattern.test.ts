import { describe, expect, it } from 'vitest'
import { routePattern } from '../../src/router/routePattern'

const chain = (...paths: (string | undefined)[]) => paths.map((path) => ({ route: { path } }))

describe('routePattern', () => {
  it('joins nested paths and starts with a slash', () => {
    expect(routePattern(chain('/', 'products', ':id'))).toBe('/products/:id')
    expect(routePattern(chain('products', ':id'))).toBe('/products/:id')
  })

  it('skips layout and index routes, which have no path', () => {
    expect(routePattern(chain(undefined, '/', undefined))).toBe('/')
    expect(routePattern(chain('/', undefined, 'cart', undefined))).toBe('/cart')
  })

  it('keeps splats and drops trailing and doubled slashes', () => {
    expect(routePattern(chain('/', 'files/*'))).toBe('/files/*')
    expect(routePattern(chain('/shop/', '/shop/cart/'))).toBe('/shop/cart')
    expect(routePattern([])).toBe('/')
  })

  it('lets an absolute child path replace the parents', () => {
    expect(routePattern(chain('/shop', '/shop/orders/:id'))).toBe('/shop/orders/:id')
  })

  it('extends the base of a descendant <Routes>, without its splat', () => {
    expect(routePattern(chain('orders/:id'), '/account/*')).toBe('/account/orders/:id')
    expect(routePattern(chain(undefined), '/account/*')).toBe('/account')
  })
})
