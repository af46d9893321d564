import type { UserActionHandle } from '@actiontrail/vue'
import { type InjectionKey, inject } from 'vue'

/**
 * The `Checkout` flow, started on the cart page and finished on the confirmation page: the root
 * component owns it (the flow outlives both pages) and provides it under this key.
 */
export const checkoutFlowKey: InjectionKey<UserActionHandle> = Symbol('checkout flow')

/** The `Checkout` flow the root component provides. */
export function useCheckoutFlow(): UserActionHandle | undefined {
  return inject(checkoutFlowKey)
}
