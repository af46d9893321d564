import { Component, inject } from '@angular/core'
import { ActivatedRoute, RouterLink } from '@angular/router'

/** A page that shows its title, and links to the cart so that tests can click a link. */
@Component({
  // Explicit: Angular 17 made components standalone only when asked.
  standalone: true,
  imports: [RouterLink],
  template: '<h1>{{ title }}</h1><a routerLink="/cart">Cart</a>',
})
export class Page {
  readonly title = inject(ActivatedRoute).snapshot.data.title as string
}
