import { type CheckoutErrors, cart, placeOrder, validateCheckout } from '@actiontrail/shop-kit'
import { Component, inject, signal } from '@angular/core'
import { Router } from '@angular/router'

@Component({
  template: `
    <h1>Checkout</h1>
    <form aria-label="Checkout" novalidate (submit)="submit($event)">
      <label>Name <input name="name" autocomplete="name" /></label>
      @if (errors().name; as message) {
        <p role="alert">{{ message }}</p>
      }
      <label>Email <input name="email" type="email" autocomplete="email" /></label>
      @if (errors().email; as message) {
        <p role="alert">{{ message }}</p>
      }
      <label>
        Card number <input name="card" inputmode="numeric" autocomplete="cc-number" />
      </label>
      @if (errors().card; as message) {
        <p role="alert">{{ message }}</p>
      }
      <button type="button" data-action-name="Apply coupon">Apply coupon</button>
      <button type="submit">Place order</button>
    </form>
  `,
})
export class CheckoutPage {
  protected readonly errors = signal<CheckoutErrors>({})
  private readonly router = inject(Router)

  protected async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const field = (name: string) => String(data.get(name) ?? '')
    const errors = validateCheckout({
      name: field('name'),
      email: field('email'),
      card: field('card'),
    })
    this.errors.set(errors)
    if (Object.keys(errors).length > 0) return
    const { orderId } = await placeOrder(cart.lines())
    cart.clear()
    await this.router.navigate(['/confirmation', orderId])
  }
}
