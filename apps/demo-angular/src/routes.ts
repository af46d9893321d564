import { cart } from '@actiontrail/shop-kit'
import { inject } from '@angular/core'
import { Router, type Routes } from '@angular/router'
import { CartPage } from './pages/cartPage'
import { CheckoutPage } from './pages/checkoutPage'
import { ConfirmationPage } from './pages/confirmationPage'
import { NotFoundPage } from './pages/notFoundPage'
import { ProductListPage } from './pages/productListPage'
import { ProductPage } from './pages/productPage'

export const routes: Routes = [
  { path: '', component: ProductListPage },
  { path: 'products/:id', component: ProductPage },
  { path: 'cart', component: CartPage },
  {
    path: 'checkout',
    // Nothing to check out: the guard redirects, and the navigation is named after /cart.
    canActivate: [() => cart.count() > 0 || inject(Router).parseUrl('/cart')],
    component: CheckoutPage,
  },
  { path: 'confirmation/:orderId', component: ConfirmationPage },
  { path: '**', component: NotFoundPage },
]
