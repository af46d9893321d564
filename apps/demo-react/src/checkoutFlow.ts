import type { UserActionHandle } from '@actiontrail/react'
import { useOutletContext } from 'react-router'

/**
 * The `Checkout` flow, opened on the cart page and finished on the confirmation page. The shell
 * above the routes owns it (an action open when its component unmounts is finished, and the
 * shell stays mounted) and hands it to the pages through the outlet context.
 */
export const useCheckoutFlow = () => useOutletContext<UserActionHandle>()
