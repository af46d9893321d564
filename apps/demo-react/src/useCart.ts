import { cart } from '@actiontrail/shop-kit'
import { useSyncExternalStore } from 'react'

/** The lines of the shop's cart; the component re-renders when they change. */
export function useCartLines() {
  return useSyncExternalStore(cart.subscribe, cart.lines)
}
