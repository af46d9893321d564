import { fetchProducts, formatPrice, type Product } from '@actiontrail/shop-kit'
import { Component, signal } from '@angular/core'
import { RouterLink } from '@angular/router'

@Component({
  imports: [RouterLink],
  template: `
    <h1>Products</h1>
    @if (products(); as products) {
      <ul>
        @for (product of products; track product.id) {
          <li>
            <a [routerLink]="['/products', product.id]">{{ product.name }}</a>
            {{ formatPrice(product.price) }}
          </li>
        }
      </ul>
    } @else {
      <p>Loading…</p>
    }
  `,
})
export class ProductListPage {
  protected readonly products = signal<Product[] | undefined>(undefined)
  protected readonly formatPrice = formatPrice

  constructor() {
    fetchProducts().then((products) => this.products.set(products))
  }
}
