import { afterNextRender, Component, inject, input } from '@angular/core'
import { RouterLink } from '@angular/router'
import { CheckoutFlow } from '../checkoutFlow'

@Component({
  imports: [RouterLink],
  template: `
    <h1>Thank you</h1>
    <p>Order {{ orderId() }} is on its way.</p>
    <a routerLink="/">Continue shopping</a>
  `,
})
export class ConfirmationPage {
  /** The `:orderId` route parameter. */
  readonly orderId = input.required<string>()

  constructor() {
    const flow = inject(CheckoutFlow)
    // The order is placed once the customer sees this page: that ends the Checkout flow.
    afterNextRender(() => flow.finish())
  }
}
