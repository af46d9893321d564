import { inject } from '@angular/core'
import { Router, type Routes } from '@angular/router'
import { Page } from './page'

/** Resolves after `ms` milliseconds. */
const after = (ms: number) => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), ms))

/** What the checkout guard looks at. */
export const cart = { items: 0 }

/** The routes of a small shop, with each kind of route the integration must name. */
export const routes: Routes = [
  { path: '', component: Page, data: { title: 'Products' } },
  // Nested: the pattern joins `products` and `:id`.
  { path: 'products', children: [{ path: ':id', component: Page, data: { title: 'Product' } }] },
  { path: 'cart', component: Page, data: { title: 'Cart' } },
  // A guard that redirects with a UrlTree, as the shop's checkout does when the cart is empty.
  {
    path: 'checkout',
    canActivate: [() => cart.items > 0 || inject(Router).parseUrl('/cart')],
    component: Page,
    data: { title: 'Checkout' },
  },
  { path: 'admin/:section', canActivate: [() => false], component: Page },
  {
    path: 'broken',
    canActivate: [
      () => {
        throw new Error('guard failed')
      },
    ],
    component: Page,
  },
  { path: 'slow', canActivate: [() => after(3000)], component: Page, data: { title: 'Slow' } },
  { path: 'docs', loadChildren: () => import('./lazyRoutes').then((lazy) => lazy.docsRoutes) },
  { path: '**', component: Page, data: { title: 'Not found' } },
]
