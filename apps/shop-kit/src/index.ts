export { fetchProduct, fetchProducts, type PlacedOrder, placeOrder } from './api'
export { type Cart, type CartLine, cart, createCart } from './cart'
export { formatPrice } from './price'
export { findProduct, type Product, products } from './products'
export {
  describeAction,
  type RecentAction,
  type RecentActionLine,
  recentActionOf,
  watchRecentActions,
} from './recentActions'
export { type ShopEnv, shopTrackerOptions } from './trackerOptions'
export { type CheckoutErrors, type CheckoutFields, validateCheckout } from './validation'
