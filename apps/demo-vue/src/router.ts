import { cart } from '@actiontrail/shop-kit'
import { createRouter, createWebHistory } from 'vue-router'
import CartPage from './pages/CartPage.vue'
import CheckoutPage from './pages/CheckoutPage.vue'
import ConfirmationPage from './pages/ConfirmationPage.vue'
import NotFoundPage from './pages/NotFoundPage.vue'
import ProductListPage from './pages/ProductListPage.vue'
import ProductPage from './pages/ProductPage.vue'

/** The shop's routes, in history mode; their patterns name the navigation actions. */
export function createShopRouter() {
  return createRouter({
    history: createWebHistory(),
    routes: [
      { path: '/', component: ProductListPage },
      { path: '/products/:id', component: ProductPage, props: true },
      { path: '/cart', component: CartPage },
      {
        path: '/checkout',
        component: CheckoutPage,
        // Nothing to check out: go to the cart instead. Replacing keeps Back away from
        // /checkout, and the navigation is one action, named after /cart.
        beforeEnter: () => cart.count() > 0 || { path: '/cart', replace: true },
      },
      { path: '/confirmation/:orderId', component: ConfirmationPage, props: true },
      { path: '/:pathMatch(.*)*', component: NotFoundPage },
    ],
  })
}
