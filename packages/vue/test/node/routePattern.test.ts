import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router'
import { routePattern } from '../../src/routePattern'

const Empty = { render: () => null }

/** The pattern of `path` as a real vue-router matches it against `routes`. */
function patternFor(routes: RouteRecordRaw[], path: string) {
  const router = createRouter({ history: createMemoryHistory(), routes })
  return routePattern(router.resolve(path).matched)
}

describe('routePattern', () => {
  it('is the path of the matched route, with parents joined in by vue-router', () => {
    const routes: RouteRecordRaw[] = [
      { path: '/', component: Empty },
      {
        path: '/products',
        component: Empty,
        children: [
          { path: '', component: Empty },
          { path: ':id', component: Empty },
          { path: ':id/reviews/', component: Empty },
        ],
      },
    ]
    expect(patternFor(routes, '/')).toBe('/')
    expect(patternFor(routes, '/products')).toBe('/products')
    expect(patternFor(routes, '/products/7')).toBe('/products/:id')
    expect(patternFor(routes, '/products/7/reviews')).toBe('/products/:id/reviews')
  })

  it('names a catch-all `*` and leaves out custom parameter expressions', () => {
    const routes: RouteRecordRaw[] = [
      { path: '/orders/:id(\\d+)', component: Empty },
      { path: '/files/:path(.*)', component: Empty },
      { path: '/book/:chapters+', component: Empty },
      { path: '/:pathMatch(.*)*', component: Empty },
    ]
    expect(patternFor(routes, '/orders/42')).toBe('/orders/:id')
    expect(patternFor(routes, '/files/a/b.txt')).toBe('/files/*')
    expect(patternFor(routes, '/book/one/two')).toBe('/book/:chapters+')
    expect(patternFor(routes, '/orders/x/y')).toBe('/*')
  })

  it('is undefined when nothing matched', () => {
    expect(routePattern([])).toBeUndefined()
  })
})
