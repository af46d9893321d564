import { cart } from '@actiontrail/shop-kit'
import { Injectable, signal } from '@angular/core'

/** The shop-kit cart as signals, so that templates follow it. */
@Injectable({ providedIn: 'root' })
export class CartState {
  readonly lines = signal(cart.lines())
  readonly count = signal(cart.count())
  readonly total = signal(cart.total())

  constructor() {
    cart.subscribe(() => {
      this.lines.set(cart.lines())
      this.count.set(cart.count())
      this.total.set(cart.total())
    })
  }
}
