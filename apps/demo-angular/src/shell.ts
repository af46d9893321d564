import { Component, inject } from '@angular/core'
import { RouterLink, RouterOutlet } from '@angular/router'
import { CartState } from './cartState'
import { RecentActions } from './recentActions'

/** Header, the page of the current route, and the recent-actions panel. */
@Component({
  selector: 'shop-root',
  imports: [RouterLink, RouterOutlet, RecentActions],
  template: `
    <header>
      <a routerLink="/">Actiontrail shop</a>
      <nav><a routerLink="/cart" data-action-name="Cart">Cart ({{ cart.count() }})</a></nav>
    </header>
    <main><router-outlet /></main>
    <aside
      shopRecentActions
      aria-label="Recent actions"
      data-actiontrail-ignore-mutations
      data-actiontrail-privacy="allow"
    ></aside>
  `,
})
export class Shell {
  protected readonly cart = inject(CartState)
}
