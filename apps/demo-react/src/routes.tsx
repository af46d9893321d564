import type { RouteObject } from 'react-router'
import { Cart } from './pages/Cart'
import { Checkout } from './pages/Checkout'
import { Confirmation } from './pages/Confirmation'
import { NotFound } from './pages/NotFound'
import { Product } from './pages/Product'
import { ProductList } from './pages/ProductList'
import { Shell } from './Shell'

/** The shop's routes; their patterns are what navigation actions are named after. */
export const routes: RouteObject[] = [
  {
    path: '/',
    element: <Shell />,
    children: [
      { index: true, element: <ProductList /> },
      { path: 'products/:id', element: <Product /> },
      { path: 'cart', element: <Cart /> },
      { path: 'checkout', element: <Checkout /> },
      { path: 'confirmation/:orderId', element: <Confirmation /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]
