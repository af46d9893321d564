import { cart, fetchProduct, formatPrice, type Product } from '@actiontrail/shop-kit'
import { Component, effect, input, signal } from '@angular/core'

@Component({
  template: `
    @if (product(); as product) {
      <h1>{{ product.name }}</h1>
      <p>{{ product.description }}</p>
      <p>{{ formatPrice(product.price) }}</p>
      <button type="button" data-action-name="Add to cart" (click)="add(product)">
        Add to cart
      </button>
      @if (added()) {
        <p role="status">Added to cart</p>
      }
    } @else if (missing()) {
      <h1>Not found</h1>
    } @else {
      <p>Loading…</p>
    }
  `,
})
export class ProductPage {
  /** The `:id` route parameter. */
  readonly id = input.required<string>()
  protected readonly product = signal<Product | undefined>(undefined)
  protected readonly missing = signal(false)
  protected readonly added = signal(false)
  protected readonly formatPrice = formatPrice

  constructor() {
    effect(() => {
      const id = this.id()
      this.product.set(undefined)
      this.missing.set(false)
      this.added.set(false)
      fetchProduct(id).then((product) => {
        if (id !== this.id()) return
        this.product.set(product)
        this.missing.set(!product)
      })
    })
  }

  protected add(product: Product): void {
    cart.add(product)
    this.added.set(true)
  }
}
