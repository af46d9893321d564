import { cart } from '@actiontrail/shop-kit'
import { onScopeDispose, shallowRef } from 'vue'

const snapshot = () => ({ lines: cart.lines(), count: cart.count(), total: cart.total() })

/** The shop's cart as a ref that follows every change, for as long as the component lives. */
export function useCart() {
  const state = shallowRef(snapshot())
  onScopeDispose(cart.subscribe(() => (state.value = snapshot())))
  return state
}
