import { injectUserAction } from '@actiontrail/angular'
import { Injectable } from '@angular/core'

/** The `Checkout` action: the cart page starts it, the confirmation page finishes it. */
@Injectable({ providedIn: 'root' })
export class CheckoutFlow {
  private readonly checkout = injectUserAction('Checkout')

  start(items: number): void {
    this.checkout.start({ items })
  }

  finish(): void {
    this.checkout.finish()
  }
}
