import { formatPrice } from '@actiontrail/shop-kit'
import { Component, inject } from '@angular/core'
import { Router } from '@angular/router'
import { CartState } from '../cartState'
import { CheckoutFlow } from '../checkoutFlow'

@Component({
  template: `
    <h1>Cart</h1>
    @if (cart.count() === 0) {
      <p>Your cart is empty.</p>
    } @else {
      <ul>
        @for (line of cart.lines(); track line.id) {
          <li>{{ line.name }} × {{ line.quantity }}</li>
        }
      </ul>
      <p>Total: {{ formatPrice(cart.total()) }}</p>
      <button type="button" (click)="checkout()">Checkout</button>
    }
  `,
})
export class CartPage {
  protected readonly cart = inject(CartState)
  protected readonly formatPrice = formatPrice
  private readonly flow = inject(CheckoutFlow)
  private readonly router = inject(Router)

  protected checkout(): void {
    // The flow first, so that it is already open when the navigation to /checkout begins.
    this.flow.start(this.cart.count())
    this.router.navigate(['/checkout'])
  }
}
